"""The embedded store: a folder per dataset, content-addressed versions, one manifest of currents.

    <root>/CURRENT.json                     {dataset: version_id}, replaced atomically
    <root>/<dataset>/<version_id>.csv       immutable content
    <root>/<dataset>/<version_id>.json      who, when, original name, validation summary
    <root>/<dataset>/events.jsonl           imports and rollbacks, appended

Writers hold an exclusive lock on <root>/.lock while they compare and swap; a file is written to
a temporary name, flushed and fsynced, then renamed into place, so a writer killed at any point
leaves the previous current version readable.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from vetdash.store.base import Event, Version, VersionConflict, content_id, now

if sys.platform == "win32":  # no fcntl: fall back to a lock directory (mkdir is atomic there too)
    fcntl = None
else:
    import fcntl

MANIFEST = "CURRENT.json"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the new file, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)
    _fsync_dir(path.parent)


class FileStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _locked(self):
        if fcntl is None:
            with self._directory_lock():
                yield
            return
        with open(self.root / ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released by the OS if the writer dies
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextmanager
    def _directory_lock(self, timeout: float = 30.0):
        folder = self.root / ".lock.d"
        deadline = time.monotonic() + timeout
        while True:
            try:
                folder.mkdir()
                break
            except FileExistsError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{folder} is held; remove it if no import is running") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            folder.rmdir()

    def currents(self) -> dict[str, str]:
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def manifest_stamp(self) -> int:
        """Changes whenever the manifest is replaced: a cheap way to notice a new version."""
        try:
            return (self.root / MANIFEST).stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def current(self, dataset: str) -> str | None:
        return self.currents().get(dataset)

    def read(self, dataset: str, version_id: str) -> bytes:
        return (self.root / dataset / f"{version_id}.csv").read_bytes()

    def version(self, dataset: str, version_id: str) -> Version:
        return Version(**json.loads((self.root / dataset / f"{version_id}.json").read_text(encoding="utf-8")))

    def history(self, dataset: str) -> list[Event]:
        path = self.root / dataset / "events.jsonl"
        if not path.exists():
            return []
        events = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    events.append(Event(**json.loads(line)))
                except (json.JSONDecodeError, TypeError):
                    continue  # a line cut short by a killed writer; the pointer never depended on it
        return events

    def _switch(self, dataset: str, version_id: str, *, expected: str | None, action: str, author: str) -> None:
        currents = self.currents()
        actual = currents.get(dataset)
        if actual != expected:
            raise VersionConflict(dataset, expected, actual)
        currents[dataset] = version_id
        atomic_write(self.root / MANIFEST, json.dumps(currents, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"))
        event = Event(dataset=dataset, version_id=version_id, previous=actual, action=action, author=author, at=now())
        with open(self.root / dataset / "events.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event.__dict__, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def commit(
        self, dataset: str, data: bytes, *, expected: str | None, author: str, original_name: str, summary: str
    ) -> Version:
        version_id = content_id(data)
        folder = self.root / dataset
        version = Version(dataset, version_id, now(), author, original_name, summary)
        with self._locked():
            if not (folder / f"{version_id}.csv").exists():
                atomic_write(folder / f"{version_id}.csv", data)
                atomic_write(folder / f"{version_id}.json", json.dumps(version.to_dict(), ensure_ascii=False).encode("utf-8"))
            else:
                version = self.version(dataset, version_id)
            self._switch(dataset, version_id, expected=expected, action="import", author=author)
        return version

    def rollback(self, dataset: str, version_id: str, *, expected: str | None, author: str) -> None:
        if not (self.root / dataset / f"{version_id}.csv").exists():
            raise KeyError(f"{dataset}: no version {version_id}")
        with self._locked():
            self._switch(dataset, version_id, expected=expected, action="rollback", author=author)
