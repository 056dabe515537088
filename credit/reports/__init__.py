"""Printable documents: the credit check report and the credit commitment letter, as PDF.

Pure core code (reportlab, no Qt), so the GUI, the CLI and tests produce identical files.
``verification`` has no reportlab dependency: the platform side can recompute codes with it alone.
"""
