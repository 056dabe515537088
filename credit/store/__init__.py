"""Encrypted local storage: the rebuildable platform cache and the user's irreplaceable work."""
