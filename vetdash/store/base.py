"""The store interface and its records."""

from __future__ import annotations

import errno
import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Protocol

from vetdash.i18n import t


class VersionConflict(RuntimeError):
    """The current version moved since the caller read it; nothing was changed."""

    def __init__(self, dataset: str, expected: str | None, actual: str | None):
        self.dataset, self.expected, self.actual = dataset, expected, actual
        super().__init__(f"{dataset}: current version is {actual}, not {expected}")


@dataclass(frozen=True)
class StoreProblem:
    """Something stored that cannot be trusted, in words an administrator can act on.

    ``code`` picks the message (``store.<code>`` in the locale files): ``damaged`` (the bytes no
    longer match their sha256), ``missing`` (the version's content is gone), ``no_metadata``
    (who/when/file of a version is gone or unreadable), ``manifest`` (the list of current
    versions is unreadable; it was rebuilt from the import history), ``full`` (no space left).
    """

    code: str
    dataset: str = ""
    version_id: str = ""
    where: str = ""  # the file or table concerned

    def message(self, lang: str, title: str | None = None) -> str:
        """The administrator's message; ``title`` names the dataset (default: its code)."""
        return t(f"store.{self.code}", lang, dataset=title or self.dataset, version=self.version_id[:8], where=self.where)


class StoreError(RuntimeError):
    """A stored version that cannot be used, or a write the store could not make; nothing changed."""

    def __init__(self, problem: StoreProblem):
        self.problem = problem
        super().__init__(problem.message("en"))

    def message(self, lang: str) -> str:
        """The problem in ``lang``, for the administrator (see ``StoreProblem.message``)."""
        return self.problem.message(lang)


class MissingVersion(StoreError, KeyError):
    """The version's content is not in the store (also a KeyError, as an unknown version always was)."""

    __str__ = StoreError.__str__


class StoreFull(StoreError):
    """The disk (or database) is full: the write was abandoned, the previous current version stays."""


FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


@dataclass(frozen=True)
class Version:
    dataset: str
    version_id: str  # sha256 of the stored bytes
    created_at: str  # ISO 8601, UTC
    author: str
    original_name: str
    summary: str  # the validation summary shown to the administrator
    source: str = ""  # where the uploader says the data is from (publisher, document, link); "" before it was asked

    def to_dict(self) -> dict[str, str]:
        """The version's fields as a dict of str (what the file store writes beside the content)."""
        return asdict(self)


def unknown_version(dataset: str, version_id: str) -> Version:
    """Stands in for a version whose metadata is lost, so history and rollback keep working."""
    return Version(dataset, version_id, created_at="", author="", original_name="?", summary="")


@dataclass(frozen=True)
class Event:
    """One change of the current pointer: an import or a rollback."""

    dataset: str
    version_id: str
    previous: str | None
    action: str  # import | rollback
    author: str
    at: str


def content_id(data: bytes) -> str:
    """Hex sha256 of ``data``: a version's id, so the same table imported twice is one version."""
    return hashlib.sha256(data).hexdigest()


def verified(dataset: str, version_id: str, data: bytes, where: str) -> bytes:
    """``data`` unchanged if its sha256 is ``version_id``.

    ``dataset`` and ``where`` (file or table it was read from) only name the problem.
    Raises: StoreError (problem ``damaged``) when the hash differs.
    """
    if content_id(data) != version_id:
        raise StoreError(StoreProblem("damaged", dataset, version_id, where))
    return data


def now() -> str:
    """The current UTC time as ISO 8601 to the second (e.g. 2026-11-30T10:48:26+00:00)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class VersionStore(Protocol):
    """What the app needs from a store of imported versions (FileStore, SqlStore)."""

    def current(self, dataset: str) -> str | None:
        """The id of ``dataset``'s current version, or None before its first import."""
        ...

    def currents(self) -> dict[str, str]:
        """Every dataset's current version id, by dataset name."""
        ...

    def read(self, dataset: str, version_id: str) -> bytes:
        """The stored bytes of a version (canonical UTF-8 CSV of its schema), checked against their sha256.

        Raises MissingVersion (a KeyError) when the content is not stored, StoreError (``damaged``)
        when it no longer matches its id.
        """
        ...

    def version(self, dataset: str, version_id: str) -> Version:
        """Who stored the version, when (ISO 8601 UTC), from which file, with which summary; a placeholder (``unknown_version``) when the metadata is lost."""
        ...

    def history(self, dataset: str) -> list[Event]:
        """The imports and rollbacks that moved ``dataset``'s current version, oldest first."""
        ...

    def commit(
        self, dataset: str, data: bytes, *, expected: str | None, author: str, original_name: str, summary: str,
        source: str = "",
    ) -> Version:  # fmt: skip
        """Store ``data`` as a version of ``dataset`` and make it current, if the current one is still ``expected``.

        Args: ``expected`` the current version id the administrator previewed against (None for a
        first import); ``author``, ``original_name`` (the uploaded file) and ``summary`` are recorded.
        Returns: the stored Version (the existing one when the same bytes were stored before).
        Raises: VersionConflict when another import or rollback moved the current version meanwhile;
        StoreFull when the disk or database is full; nothing changes in either case.
        """
        ...

    def rollback(self, dataset: str, version_id: str, *, expected: str | None, author: str) -> None:
        """Make an earlier stored version current again, if the current one is still ``expected``.

        Raises MissingVersion or StoreError when the target cannot be read, VersionConflict when the
        current version moved; nothing changes then.
        """
        ...

    def problems(self) -> list[StoreProblem]:
        """What an administrator should know about the store (damaged or missing current versions, lost metadata)."""
        ...


def last_good(store: VersionStore, dataset: str, version_id: str) -> tuple[str | None, bytes | None, list[StoreProblem]]:
    """The content to serve for ``dataset`` whose current version is ``version_id``.

    That version if it reads and verifies; else the newest earlier version in the history that
    does; else (None, None) — the caller falls back to the built-in data. Also returns the
    problems met on the way, for the administrator.
    """
    candidates = [version_id]
    for event in reversed(store.history(dataset)):
        candidates += [event.version_id, event.previous or ""]
    problems: list[StoreProblem] = []
    for candidate in dict.fromkeys(c for c in candidates if c):
        try:
            return candidate, store.read(dataset, candidate), problems
        except StoreError as error:
            problems.append(error.problem)
    return None, None, problems
