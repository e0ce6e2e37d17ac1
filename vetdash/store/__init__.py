"""Versioned storage of imported datasets: immutable versions, an atomically switched current pointer.

Two backends with one interface: ``FileStore`` (a folder; zero set-up) and ``SqlStore`` (any
SQLAlchemy engine; PostgreSQL for several replicas). Every accepted import becomes a version
named by its content hash; the current version of a dataset changes only by compare-and-swap,
so of two imports racing from the same starting point one wins and the other is told. Nothing
stored is trusted: every read of a version checks its sha256, and ``last_good`` finds what to
serve when the current version is damaged or missing.
"""

from vetdash.store.base import StoreError, StoreFull, StoreProblem, Version, VersionConflict, VersionStore, last_good
from vetdash.store.files import FileStore
from vetdash.store.sql import SqlStore

__all__ = [
    "FileStore",
    "SqlStore",
    "StoreError",
    "StoreFull",
    "StoreProblem",
    "Version",
    "VersionConflict",
    "VersionStore",
    "last_good",
]
