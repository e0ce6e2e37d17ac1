"""The embedded store: a folder per dataset, content-addressed versions, one manifest of currents.

    <root>/CURRENT.json                     {dataset: version_id}, replaced atomically
    <root>/<dataset>/<version_id>.json      who, when, original name, validation summary
    <root>/<dataset>/<version_id>.csv       immutable content; its sha256 is its name
    <root>/<dataset>/events.jsonl           imports and rollbacks, appended

Writers hold an exclusive lock on <root>/.lock while they compare and swap; a file is written to
a temporary name, flushed and fsynced, then renamed into place, so a writer killed at any point
leaves the previous current version readable. A version's metadata is written before its
content, and a version counts as stored only when both are there and the content matches its
sha256: a writer killed or a disk filled between the two leaves nothing that blocks a retry.
Temporary files left by a killed writer are removed by the next writer (they only exist under
the lock). The event is appended before the manifest moves; an event whose switch never
happened is not shown in the history.

Nothing read is trusted: every read of a version checks its sha256; a damaged manifest is rebuilt
from the import history; a lost metadata file shows as an unknown version. ``problems()`` lists
what an administrator should know.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from vetdash.store.base import (
    FULL_ERRNOS,
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

if sys.platform == "win32":  # no fcntl: fall back to a lock directory (mkdir is atomic there too)
    fcntl = None
else:
    import fcntl

MANIFEST = "CURRENT.json"
EVENTS = "events.jsonl"
TEMPORARY_SUFFIX = ".tmp"
VERSION_ID = re.compile(r"[0-9a-f]{64}")


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows; renames there are durable
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _plain_full_disk(where: Path):
    """A full disk (or quota) as StoreFull, which says so in the administrator's language."""
    try:
        yield
    except OSError as error:
        if error.errno in FULL_ERRNOS:
            raise StoreFull(StoreProblem("full", where=str(where))) from error
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the new file, never a part.
    On any failure the temporary file is removed and ``path`` is unchanged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    try:
        with _plain_full_disk(path), open(temporary, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


class FileStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _locked(self):
        if fcntl is None:
            with self._directory_lock():
                self._remove_temporaries()
                yield
            return
        with open(self.root / ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released by the OS if the writer dies
            try:
                self._remove_temporaries()
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

    def _remove_temporaries(self) -> None:
        """Temporary files exist only while a writer holds the lock: any found now are a killed writer's."""
        for pattern in (f".*{TEMPORARY_SUFFIX}", f"*/.*{TEMPORARY_SUFFIX}"):
            for leftover in self.root.glob(pattern):
                leftover.unlink(missing_ok=True)

    # ---- reading -------------------------------------------------------------------------------

    def _manifest(self) -> tuple[dict[str, str], StoreProblem | None]:
        """The current versions, and a problem when the manifest had to be rebuilt from the history."""
        path = self.root / MANIFEST
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if any(self.root.glob(f"*/{EVENTS}")):
                return self._currents_from_history(), StoreProblem("manifest", where=MANIFEST)
            return {}, None
        except (OSError, UnicodeDecodeError):
            return self._currents_from_history(), StoreProblem("manifest", where=MANIFEST)
        try:
            currents = json.loads(text)
        except json.JSONDecodeError:
            currents = None
        if isinstance(currents, dict) and all(
            isinstance(k, str) and isinstance(v, str) and VERSION_ID.fullmatch(v) for k, v in currents.items()
        ):
            return currents, None
        return self._currents_from_history(), StoreProblem("manifest", where=MANIFEST)

    def _currents_from_history(self) -> dict[str, str]:
        currents = {}
        for log in sorted(self.root.glob(f"*/{EVENTS}")):
            events = self._events(log.parent.name)
            if events:
                currents[log.parent.name] = events[-1].version_id
        return currents

    def currents(self) -> dict[str, str]:
        """See ``VersionStore.currents``; read from CURRENT.json (rebuilt from the history when damaged)."""
        return self._manifest()[0]

    def manifest_stamp(self) -> int:
        """Changes whenever the manifest is replaced: a cheap way to notice a new version."""
        try:
            return (self.root / MANIFEST).stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def current(self, dataset: str) -> str | None:
        """See ``VersionStore.current``."""
        return self.currents().get(dataset)

    def _content_path(self, dataset: str, version_id: str) -> Path:
        if not VERSION_ID.fullmatch(version_id):
            raise MissingVersion(StoreProblem("missing", dataset, version_id))
        return self.root / dataset / f"{version_id}.csv"

    def read(self, dataset: str, version_id: str) -> bytes:
        """The version's bytes (canonical UTF-8 CSV), checked against its sha256.

        Raises: MissingVersion for an id that is not a sha256 hex or whose file is gone; StoreError
        (``damaged``) when the bytes no longer match the id.
        """
        path = self._content_path(dataset, version_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise MissingVersion(StoreProblem("missing", dataset, version_id, path.name)) from None
        return verified(dataset, version_id, data, path.name)

    def _stored_version(self, dataset: str, version_id: str) -> Version | None:
        try:
            record = json.loads((self.root / dataset / f"{version_id}.json").read_text(encoding="utf-8"))
            version = Version(**record)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError):
            return None
        return version if (version.dataset, version.version_id) == (dataset, version_id) else None

    def version(self, dataset: str, version_id: str) -> Version:
        """Who imported it, when, from which file; an unknown version when the metadata is lost."""
        return self._stored_version(dataset, version_id) or unknown_version(dataset, version_id)

    def _events(self, dataset: str) -> list[Event]:
        path = self.root / dataset / EVENTS
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        events = []
        for line in lines:
            if line.strip():
                try:
                    events.append(Event(**json.loads(line)))
                except (json.JSONDecodeError, TypeError):
                    continue  # a line cut short by a killed writer; the pointer never depended on it
        return events

    def history(self, dataset: str) -> list[Event]:
        """The imports and rollbacks that moved the current version, oldest first."""
        events = self._events(dataset)
        # Walk back from the current version: an event appended by a writer that died (or ran
        # out of space) before moving the manifest is not part of the chain and is left out.
        pointer = self.current(dataset)
        kept = []
        for event in reversed(events):
            if event.version_id == pointer:
                kept.append(event)
                pointer = event.previous
        return kept[::-1]

    def problems(self) -> list[StoreProblem]:
        """What an administrator should know: a rebuilt manifest, damaged or missing current
        versions, versions whose metadata is lost. Reads every current version once."""
        currents, manifest_problem = self._manifest()
        found = [manifest_problem] if manifest_problem else []
        for dataset, version_id in sorted(currents.items()):
            try:
                self.read(dataset, version_id)
            except StoreError as error:
                found.append(error.problem)
            for event_version in dict.fromkeys(e.version_id for e in self.history(dataset)):
                content = self.root / dataset / f"{event_version}.csv"
                if content.exists() and self._stored_version(dataset, event_version) is None:
                    found.append(StoreProblem("no_metadata", dataset, event_version, f"{event_version[:8]}….json"))
        return found

    # ---- writing -------------------------------------------------------------------------------

    def _switch(self, dataset: str, version_id: str, *, expected: str | None, action: str, author: str) -> None:
        currents = self.currents()
        actual = currents.get(dataset)
        if actual != expected:
            raise VersionConflict(dataset, expected, actual)
        event = Event(dataset=dataset, version_id=version_id, previous=actual, action=action, author=author, at=now())
        log = self.root / dataset / EVENTS
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as fh:
            size = fh.seek(0, os.SEEK_END)
            try:
                with _plain_full_disk(log):
                    fh.write((json.dumps(event.__dict__, ensure_ascii=False) + "\n").encode("utf-8"))
                    fh.flush()
                    os.fsync(fh.fileno())
                currents[dataset] = version_id
                manifest = json.dumps(currents, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
                atomic_write(self.root / MANIFEST, manifest)
            except BaseException:
                fh.truncate(size)  # the switch did not happen: its event goes too (truncating needs no space)
                raise

    def _verifies(self, dataset: str, version_id: str) -> bool:
        try:
            self.read(dataset, version_id)
        except StoreError:
            return False
        return True

    def commit(
        self, dataset: str, data: bytes, *, expected: str | None, author: str, original_name: str, summary: str,
        source: str = "",
    ) -> Version:  # fmt: skip
        """See ``VersionStore.commit``: content under <root>/<dataset>/<sha256>.csv, metadata first, pointer switched under the lock."""
        version_id = content_id(data)
        folder = self.root / dataset
        version = Version(dataset, version_id, now(), author, original_name, summary, source)
        metadata, content = folder / f"{version_id}.json", folder / f"{version_id}.csv"
        with self._locked():
            had_content = self._verifies(dataset, version_id)
            stored = self._stored_version(dataset, version_id)
            version = stored or version
            try:
                # Metadata first, content last: content present means the version is complete.
                if stored is None:
                    atomic_write(metadata, json.dumps(version.to_dict(), ensure_ascii=False).encode("utf-8"))
                if not had_content:
                    atomic_write(content, data)
                self._switch(dataset, version_id, expected=expected, action="import", author=author)
            except BaseException:
                if not had_content:  # refused or failed: a new version nobody points to is not left behind
                    content.unlink(missing_ok=True)
                    metadata.unlink(missing_ok=True)
                raise
        return version

    def rollback(self, dataset: str, version_id: str, *, expected: str | None, author: str) -> None:
        """See ``VersionStore.rollback``."""
        self.read(dataset, version_id)  # MissingVersion (a KeyError) or damaged: nothing to roll back to
        with self._locked():
            self._switch(dataset, version_id, expected=expected, action="rollback", author=author)
