"""The store interface and its records."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Protocol


class VersionConflict(RuntimeError):
    """The current version moved since the caller read it; nothing was changed."""

    def __init__(self, dataset: str, expected: str | None, actual: str | None):
        self.dataset, self.expected, self.actual = dataset, expected, actual
        super().__init__(f"{dataset}: current version is {actual}, not {expected}")


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
