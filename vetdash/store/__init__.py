"""Versioned storage of imported datasets: immutable versions, an atomically switched current pointer.

Two backends with one interface: ``FileStore`` (a folder; zero set-up) and ``SqlStore`` (any
SQLAlchemy engine; PostgreSQL for several replicas). Every accepted import becomes a version
named by its content hash; the current version of a dataset changes only by compare-and-swap,
so of two imports racing from the same starting point one wins and the other is told.
"""

from vetdash.store.base import Version, VersionConflict, VersionStore
from vetdash.store.files import FileStore
from vetdash.store.sql import SqlStore

__all__ = ["FileStore", "SqlStore", "Version", "VersionConflict", "VersionStore"]
