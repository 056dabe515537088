"""The Qt Widgets application: the only package that imports PySide6."""

import time

#: The earliest moment the GUI code sees, for the cold-start figure when main.py's
#: ``CREDITDESK_T0`` is not set (importing ``desktop.app`` runs this first).
STARTED = time.perf_counter()
