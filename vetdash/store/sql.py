"""The shared store on a SQL database (PostgreSQL in production; SQLite works for a single host).

The current pointer moves with a conditional UPDATE (compare-and-swap) inside the same transaction
that records the event, so replicas behind a load balancer agree on one current version.
"""

from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from vetdash.store.base import (
    Event,
    MissingVersion,
    StoreError,
    StoreFull,
    StoreProblem,
    Version,
    VersionConflict,
    content_id,
    now,
    unknown_version,
    verified,
)

metadata = sa.MetaData()
versions = sa.Table(
    "vetdash_versions",
    metadata,
    sa.Column("dataset", sa.String(80), primary_key=True),
    sa.Column("version_id", sa.String(64), primary_key=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("original_name", sa.String(500), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
)
current = sa.Table(
    "vetdash_current",
    metadata,
    sa.Column("dataset", sa.String(80), primary_key=True),
    sa.Column("version_id", sa.String(64), nullable=False),
)
events = sa.Table(
    "vetdash_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset", sa.String(80), nullable=False, index=True),
    sa.Column("version_id", sa.String(64), nullable=False),
    sa.Column("previous", sa.String(64)),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
)


def _is_full(error: BaseException | None) -> bool:
    """PostgreSQL's disk_full (SQLSTATE 53100) or SQLite's SQLITE_FULL, anywhere in the chain (SQLite
    undoes the whole transaction on a full disk, so what surfaces is the failed savepoint's undo)."""
    while error is not None:
        original = getattr(error, "orig", error)
        if getattr(original, "sqlstate", None) == "53100" or "database or disk is full" in str(original):
            return True
        error = error.__cause__ or error.__context__
    return False


@contextmanager
def _plain_full_disk():
    try:
        yield
    except OperationalError as error:
        if _is_full(error):
            raise StoreFull(StoreProblem("full", where="database")) from error
        raise


# Any fixed 64-bit number; it names this application's schema lock in pg_locks.
ADVISORY_LOCK_KEY = 0x76657464617368  # "vetdash"


class SqlStore:
    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self._create_tables()

    def _create_tables(self) -> None:
        """Create the tables once, even when several replicas start on an empty database at once.

        PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent CREATE of the same
        table (one of them fails on the catalogue's unique index), so replicas take turns under a
        transaction-scoped advisory lock.
        """
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            metadata.create_all(conn)
            # A database made before versions recorded their stated source gains the column (empty).
            if "source" not in {c["name"] for c in sa.inspect(conn).get_columns(versions.name)}:
                conn.execute(sa.text(f"ALTER TABLE {versions.name} ADD COLUMN source TEXT NOT NULL DEFAULT ''"))

    def currents(self) -> dict[str, str]:
        """See ``VersionStore.currents``."""
        with self.engine.connect() as conn:
            return {row.dataset: row.version_id for row in conn.execute(sa.select(current))}

    def current(self, dataset: str) -> str | None:
        """See ``VersionStore.current``."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(current.c.version_id).where(current.c.dataset == dataset)).scalar_one_or_none()

    def read(self, dataset: str, version_id: str) -> bytes:
        """See ``VersionStore.read``: raises MissingVersion when no row holds the version, StoreError (``damaged``) on a hash mismatch."""
        with self.engine.connect() as conn:
            content = conn.execute(
                sa.select(versions.c.content).where(versions.c.dataset == dataset, versions.c.version_id == version_id)
            ).scalar_one_or_none()
        if content is None:
            raise MissingVersion(StoreProblem("missing", dataset, version_id, versions.name))
        return verified(dataset, version_id, bytes(content), versions.name)

    def version(self, dataset: str, version_id: str) -> Version:
        """See ``VersionStore.version``."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(versions.c.dataset, versions.c.version_id, versions.c.created_at, versions.c.author, versions.c.original_name, versions.c.summary,
                          versions.c.source)
                .where(versions.c.dataset == dataset, versions.c.version_id == version_id)
            ).one_or_none()  # fmt: skip
        return Version(*row) if row is not None else unknown_version(dataset, version_id)

    def history(self, dataset: str) -> list[Event]:
        """See ``VersionStore.history``."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(events.c.dataset, events.c.version_id, events.c.previous, events.c.action, events.c.author, events.c.at)
                .where(events.c.dataset == dataset).order_by(events.c.id)
            ).all()  # fmt: skip
        return [Event(*row) for row in rows]

    def _switch(
        self, conn: sa.Connection, dataset: str, version_id: str, *, expected: str | None, action: str, author: str
    ) -> None:
        if expected is None:
            try:
                with conn.begin_nested():
                    conn.execute(sa.insert(current).values(dataset=dataset, version_id=version_id))
            except IntegrityError:
                raise VersionConflict(dataset, expected, self._actual(conn, dataset)) from None
        else:
            moved = conn.execute(
                sa.update(current)
                .where(current.c.dataset == dataset, current.c.version_id == expected)
                .values(version_id=version_id)
            )
            if moved.rowcount != 1:
                raise VersionConflict(dataset, expected, self._actual(conn, dataset))
        conn.execute(
            sa.insert(events).values(
                dataset=dataset, version_id=version_id, previous=expected, action=action, author=author, at=now()
            )
        )

    @staticmethod
    def _actual(conn: sa.Connection, dataset: str) -> str | None:
        return conn.execute(sa.select(current.c.version_id).where(current.c.dataset == dataset)).scalar_one_or_none()

    def commit(
        self, dataset: str, data: bytes, *, expected: str | None, author: str, original_name: str, summary: str,
        source: str = "",
    ) -> Version:  # fmt: skip
        """See ``VersionStore.commit``: one transaction; the pointer row is the compare-and-swap."""
        version = Version(dataset, content_id(data), now(), author, original_name, summary, source)
        with _plain_full_disk(), self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(versions.c.version_id).where(versions.c.dataset == dataset, versions.c.version_id == version.version_id)
            ).first()
            if exists is not None and not self._verifies(conn, dataset, version.version_id):
                # damaged content is replaced by the same import made again
                conn.execute(
                    sa.update(versions)
                    .where(versions.c.dataset == dataset, versions.c.version_id == version.version_id)
                    .values(content=data)
                )
            elif exists is None:
                try:
                    with conn.begin_nested():
                        conn.execute(sa.insert(versions).values(**version.to_dict(), content=data))
                except IntegrityError:
                    pass  # the same content was stored by a concurrent import: versions are immutable, so it is equal
            self._switch(conn, dataset, version.version_id, expected=expected, action="import", author=author)
        return self.version(dataset, version.version_id)

    @staticmethod
    def _verifies(conn: sa.Connection, dataset: str, version_id: str) -> bool:
        content = conn.execute(
            sa.select(versions.c.content).where(versions.c.dataset == dataset, versions.c.version_id == version_id)
        ).scalar_one_or_none()
        return content is not None and content_id(bytes(content)) == version_id

    def problems(self) -> list[StoreProblem]:
        """Current versions whose content is missing or no longer matches its sha256."""
        found = []
        for dataset, version_id in sorted(self.currents().items()):
            try:
                self.read(dataset, version_id)
            except StoreError as error:
                found.append(error.problem)
        return found

    def rollback(self, dataset: str, version_id: str, *, expected: str | None, author: str) -> None:
        """See ``VersionStore.rollback``."""
        self.read(dataset, version_id)  # raises KeyError for an unknown version, StoreError for a damaged one
        with _plain_full_disk(), self.engine.begin() as conn:
            self._switch(conn, dataset, version_id, expected=expected, action="rollback", author=author)
