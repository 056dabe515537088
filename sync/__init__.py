"""Synchronisation with the credit information sharing platform (see issues 4 and 5)."""
