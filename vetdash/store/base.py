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

    def to_dict(self) -> dict[str, str]:
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
    return hashlib.sha256(data).hexdigest()


def verified(dataset: str, version_id: str, data: bytes, where: str) -> bytes:
    """``data`` if its sha256 is the version's id, else StoreError (``damaged``)."""
    if content_id(data) != version_id:
        raise StoreError(StoreProblem("damaged", dataset, version_id, where))
    return data


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class VersionStore(Protocol):
    def current(self, dataset: str) -> str | None: ...
    def currents(self) -> dict[str, str]: ...
    def read(self, dataset: str, version_id: str) -> bytes: ...
    def version(self, dataset: str, version_id: str) -> Version: ...
    def history(self, dataset: str) -> list[Event]: ...
    def commit(
        self, dataset: str, data: bytes, *, expected: str | None, author: str, original_name: str, summary: str
    ) -> Version: ...
    def rollback(self, dataset: str, version_id: str, *, expected: str | None, author: str) -> None: ...
    def problems(self) -> list[StoreProblem]: ...


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
