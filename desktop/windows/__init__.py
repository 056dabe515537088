"""Windows of the desktop application."""
