"""The reference sharing platform (信用信息共享平台): FastAPI over SQLAlchemy, SQLite or PostgreSQL.

Run it with ``creditdesk-server serve`` (see :mod:`sync.server.cli`); ``make server`` starts one
seeded with demo data. Imports no Qt and nothing of ``desktop``.
"""
