"""Both storage backends behind one interface: versions, compare-and-swap, history, rollback,
concurrent imports and a writer killed mid-write. PostgreSQL runs where VETDASH_PG_URL is set
(CI starts a server); it is required in CI."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from tests.conftest import IN_CI
from vetdash.store import FileStore, SqlStore, StoreError, StoreFull, VersionConflict, last_good, sql
from vetdash.store.base import content_id

PG_URL = os.environ.get("VETDASH_PG_URL")


@pytest.fixture(params=["files", "sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "files":
        return FileStore(tmp_path / "store")
    if request.param == "sqlite":
        return SqlStore(sa.create_engine(f"sqlite:///{tmp_path / 'store.db'}"))
    if not PG_URL:
        if IN_CI:
            pytest.fail("VETDASH_PG_URL is not set; CI must start PostgreSQL (see .ci/run)")
        pytest.skip("set VETDASH_PG_URL=postgresql+psycopg://… to run the PostgreSQL store tests")
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        for table in ("vetdash_events", "vetdash_current", "vetdash_versions"):
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
    return SqlStore(engine)


def test_commit_read_history_and_rollback(store):
    assert store.current("consortia") is None
    first = store.commit("consortia", b"a,b\n1,2\n", expected=None, author="张三", original_name="v1.csv", summary="1 row")
    assert first.version_id == content_id(b"a,b\n1,2\n")
    assert store.current("consortia") == first.version_id
    second = store.commit(
        "consortia", b"a,b\n1,3\n", expected=first.version_id, author="李四", original_name="v2.xlsx", summary="1 changed"
    )
    assert store.currents() == {"consortia": second.version_id}
    assert store.read("consortia", first.version_id) == b"a,b\n1,2\n"
    assert store.version("consortia", second.version_id).original_name == "v2.xlsx"
    store.rollback("consortia", first.version_id, expected=second.version_id, author="张三")
    assert store.current("consortia") == first.version_id
    actions = [(e.action, e.version_id, e.previous) for e in store.history("consortia")]
    assert actions == [
        ("import", first.version_id, None),
        ("import", second.version_id, first.version_id),
        ("rollback", first.version_id, second.version_id),
    ]


def test_stale_expected_version_is_refused_and_nothing_changes(store):
    first = store.commit("budgets", b"x\n1\n", expected=None, author="a", original_name="a.csv", summary="")
    store.commit("budgets", b"x\n2\n", expected=first.version_id, author="b", original_name="b.csv", summary="")
    before = (store.current("budgets"), len(store.history("budgets")))
    with pytest.raises(VersionConflict) as caught:
        store.commit("budgets", b"x\n3\n", expected=first.version_id, author="c", original_name="c.csv", summary="")
    assert caught.value.actual == before[0]
    with pytest.raises(VersionConflict):
        store.commit("budgets", b"x\n4\n", expected=None, author="d", original_name="d.csv", summary="")
    assert (store.current("budgets"), len(store.history("budgets"))) == before
    with pytest.raises(KeyError):
        store.rollback("budgets", "0" * 64, expected=before[0], author="e")


def test_concurrent_imports_one_wins_each_round_nothing_lost(store):
    """Two writers race from the same starting version, many times: exactly one wins each round,
    every accepted version stays readable, and the current one is among them."""
    accepted: list[str] = []
    conflicts = 0
    lock = threading.Lock()
    rounds = 25
    for round_number in range(rounds):
        start = store.current("race")
        barrier = threading.Barrier(2)

        def writer(name: str, start=start, round_number=round_number, barrier=barrier) -> None:
            nonlocal conflicts
            data = f"writer,round\n{name},{round_number}\n".encode()
            barrier.wait()
            try:
                version = store.commit("race", data, expected=start, author=name, original_name=f"{name}.csv", summary="")
                with lock:
                    accepted.append(version.version_id)
            except VersionConflict:
                with lock:
                    conflicts += 1

        threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(accepted) == rounds and conflicts == rounds
    for version_id in accepted:
        assert store.read("race", version_id).startswith(b"writer,round\n")
    assert store.current("race") == accepted[-1]


KILLED_WRITER = """
import os, sys
from vetdash.store import files
real_replace = os.replace
def slow_replace(src, dst):
    if str(dst).endswith("CURRENT.json"):
        print("ready", flush=True)
        import time; time.sleep(30)  # killed here: the new manifest is written to a temporary file only
    return real_replace(src, dst)
files.os.replace = slow_replace
store = files.FileStore(sys.argv[1])
store.commit("consortia", b"a\\nnew\\n", expected=sys.argv[2], author="k", original_name="k.csv", summary="")
"""


def test_writer_killed_mid_write_leaves_previous_version_current(tmp_path):
    store = FileStore(tmp_path / "store")
    first = store.commit("consortia", b"a\nold\n", expected=None, author="a", original_name="a.csv", summary="")
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(store.root), first.version_id], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "ready"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert list(store.root.rglob("*.tmp")), "killed with its new manifest in a temporary file"
    reopened = FileStore(tmp_path / "store")
    assert reopened.current("consortia") == first.version_id
    assert reopened.read("consortia", first.version_id) == b"a\nold\n"
    later = reopened.commit("consortia", b"a\nnext\n", expected=first.version_id, author="b", original_name="b.csv", summary="")
    assert reopened.current("consortia") == later.version_id, "the lock was released by the kill"
    assert list(reopened.root.rglob("*.tmp")) == [], "the killed writer's temporary files are removed by the next one"
    assert [(e.version_id, e.previous) for e in reopened.history("consortia")] == [
        (first.version_id, None),
        (later.version_id, first.version_id),
    ], "the killed writer's import never became current and is not in the history"


def test_sql_store_killed_transaction_rolls_back(tmp_path):
    url = PG_URL or f"sqlite:///{tmp_path / 'kill.db'}"
    store = SqlStore(sa.create_engine(url))
    first = store.commit("kill", b"a\nold\n", expected=store.current("kill"), author="a", original_name="a.csv", summary="")
    script = (
        "import sys, time, sqlalchemy as sa\n"
        "from vetdash.store import sql\n"
        "engine = sa.create_engine(sys.argv[1])\n"
        "with engine.begin() as conn:\n"
        "    conn.execute(sa.update(sql.current).where(sql.current.c.dataset == 'kill').values(version_id='f' * 64))\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(30)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, url], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    time.sleep(0.5)
    assert store.current("kill") == first.version_id
    assert store.read("kill", first.version_id) == b"a\nold\n"


def test_replicas_starting_together_on_an_empty_postgresql_database_all_come_up():
    """Several processes' stores created at the same moment: PostgreSQL's CREATE TABLE IF NOT
    EXISTS races on its catalogue; the schema lock makes them take turns."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("VETDASH_PG_URL is not set; CI must start PostgreSQL (see .ci/run)")
        pytest.skip("set VETDASH_PG_URL=postgresql+psycopg://… to run the PostgreSQL store tests")
    for attempt in range(5):  # the race is a matter of timing: try it several times
        engine = sa.create_engine(PG_URL, pool_size=12)
        with engine.begin() as conn:
            for table in ("vetdash_events", "vetdash_current", "vetdash_versions"):
                conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
        barrier = threading.Barrier(10)
        errors: list[BaseException] = []

        def start(engine: sa.Engine, barrier: threading.Barrier, errors: list[BaseException]) -> None:
            barrier.wait()
            try:
                SqlStore(engine).currents()
            except BaseException as exc:  # collected and reported below
                errors.append(exc)

        threads = [threading.Thread(target=start, args=(engine, barrier, errors)) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        engine.dispose()
        assert errors == [], f"attempt {attempt}: {errors[0]!r}"


# ---- stored versions are not trusted blindly ----------------------------------------------------


def _tamper(store, dataset: str, version_id: str, data: bytes) -> None:
    """Change a stored version's bytes behind the store's back, as an editor or a bad disk would."""
    if isinstance(store, FileStore):
        (store.root / dataset / f"{version_id}.csv").write_bytes(data)
    else:
        with store.engine.begin() as conn:
            conn.execute(
                sa.update(sql.versions)
                .where(sql.versions.c.dataset == dataset, sql.versions.c.version_id == version_id)
                .values(content=data)
            )


def test_an_edited_or_truncated_version_is_refused_and_the_last_good_one_served(store):
    one = store.commit("points", b"a,b\n1,2\n", expected=None, author="a", original_name="one.csv", summary="")
    two = store.commit("points", b"a,b\n1,3\n", expected=one.version_id, author="b", original_name="two.csv", summary="")
    assert store.problems() == []
    _tamper(store, "points", two.version_id, b"a,b\n1,999\n")
    with pytest.raises(StoreError) as caught:
        store.read("points", two.version_id)
    assert caught.value.problem.code == "damaged"
    assert "sha256" in caught.value.message("en") and "校验值" in caught.value.message("zh")
    served, data, met = last_good(store, "points", two.version_id)
    assert (served, data) == (one.version_id, b"a,b\n1,2\n")
    assert [(p.code, p.version_id) for p in met] == [("damaged", two.version_id)]
    assert [(p.code, p.version_id) for p in store.problems()] == [("damaged", two.version_id)]

    _tamper(store, "points", one.version_id, b"a,b\n1,")  # cut short
    assert last_good(store, "points", two.version_id)[:2] == (None, None), "nothing good: the caller shows built-in data"
    with pytest.raises(StoreError):
        store.rollback("points", one.version_id, expected=two.version_id, author="c")
    again = store.commit("points", b"a,b\n1,3\n", expected=two.version_id, author="d", original_name="two.csv", summary="")
    assert store.read("points", again.version_id) == b"a,b\n1,3\n", "importing the same file again repairs the version"


def test_a_truncated_or_missing_manifest_is_rebuilt_from_the_history(tmp_path):
    store = FileStore(tmp_path / "store")
    one = store.commit("points", b"x\n1\n", expected=None, author="a", original_name="a.csv", summary="")
    two = store.commit("points", b"x\n2\n", expected=one.version_id, author="a", original_name="b.csv", summary="")
    other = store.commit("budgets", b"y\n1\n", expected=None, author="a", original_name="c.csv", summary="")
    manifest = store.root / "CURRENT.json"
    for damage in (manifest.read_bytes()[:20], b"", b"[1, 2]", b'{"points": "../../etc/passwd"}', None):
        if damage is None:
            manifest.unlink()
        else:
            manifest.write_bytes(damage)
        assert store.currents() == {"points": two.version_id, "budgets": other.version_id}
        assert [p.code for p in store.problems()] == ["manifest"]
        assert [e.version_id for e in store.history("points")] == [one.version_id, two.version_id]
    three = store.commit("points", b"x\n3\n", expected=two.version_id, author="a", original_name="d.csv", summary="")
    assert json.loads(manifest.read_text()) == {"points": three.version_id, "budgets": other.version_id}
    assert store.problems() == []


def test_lost_metadata_leaves_history_and_rollback_working(tmp_path):
    store = FileStore(tmp_path / "store")
    one = store.commit("points", b"x\n1\n", expected=None, author="a", original_name="a.csv", summary="")
    two = store.commit("points", b"x\n2\n", expected=one.version_id, author="a", original_name="b.csv", summary="")
    (store.root / "points" / f"{one.version_id}.json").unlink()
    (store.root / "points" / f"{two.version_id}.json").write_text('{"dataset": "points"', encoding="utf-8")
    assert store.version("points", one.version_id).original_name == "?"
    assert [e.version_id for e in store.history("points")] == [one.version_id, two.version_id]
    assert sorted((p.code, p.version_id) for p in store.problems()) == sorted(
        [("no_metadata", one.version_id), ("no_metadata", two.version_id)]
    )
    store.rollback("points", one.version_id, expected=two.version_id, author="b")
    assert store.read("points", one.version_id) == b"x\n1\n"


def test_a_version_half_written_does_not_block_the_retry(tmp_path):
    """A crash between a version's content and its metadata, either way round: importing the same
    file again stores it whole."""
    store = FileStore(tmp_path / "store")
    data = b"x\n1\n"
    version_id = content_id(data)
    folder = store.root / "points"
    folder.mkdir(parents=True)
    (folder / f"{version_id}.csv").write_bytes(data)  # content without metadata
    version = store.commit("points", data, expected=None, author="a", original_name="a.csv", summary="s")
    assert store.version("points", version_id) == version and version.original_name == "a.csv"
    other = b"x\n2\n"
    (folder / f"{content_id(other)}.json").write_text("{", encoding="utf-8")  # metadata without content
    (folder / f"{content_id(other)}.csv").write_bytes(other[:2])  # and content cut short
    store.commit("points", other, expected=version_id, author="b", original_name="b.csv", summary="")
    assert store.read("points", content_id(other)) == other
    assert store.version("points", content_id(other)).original_name == "b.csv"


class _FullDisk:
    """Make writes to files whose name contains ``part`` fail as a full disk does (ENOSPC)."""

    def __init__(self, monkeypatch, part: str):
        real_open = open

        def full_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            if part in str(file) and any(m in mode for m in "wa"):

                def no_space(*_):
                    raise OSError(errno.ENOSPC, "No space left on device")

                handle.write = no_space
            return handle

        monkeypatch.setattr("builtins.open", full_open)


@pytest.mark.parametrize("failing", [".csv", ".json.", "events.jsonl", "CURRENT.json"])
def test_a_full_disk_is_reported_plainly_and_changes_nothing(tmp_path, monkeypatch, failing):
    store = FileStore(tmp_path / "store")
    one = store.commit("points", b"x\n1\n", expected=None, author="a", original_name="a.csv", summary="")
    before = sorted(p.relative_to(store.root) for p in store.root.rglob("*"))
    events = (store.root / "points" / "events.jsonl").read_bytes()
    with monkeypatch.context() as patch:
        _FullDisk(patch, failing)
        with pytest.raises(StoreFull) as caught:
            store.commit("points", b"x\n2\n", expected=one.version_id, author="b", original_name="b.csv", summary="")
    assert "disk is full" in caught.value.message("en") and "磁盘已满" in caught.value.message("zh")
    assert sorted(p.relative_to(store.root) for p in store.root.rglob("*")) == before, "no orphan, no temporary file"
    assert (store.root / "points" / "events.jsonl").read_bytes() == events
    assert store.current("points") == one.version_id and store.problems() == []
    two = store.commit("points", b"x\n2\n", expected=one.version_id, author="b", original_name="b.csv", summary="")
    assert store.current("points") == two.version_id, "the retry after space is freed goes through"


def test_a_full_database_is_reported_plainly(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'small.db'}")
    store = SqlStore(engine)
    one = store.commit("points", b"x\n1\n", expected=None, author="a", original_name="a.csv", summary="")

    @sa.event.listens_for(engine, "connect")
    def small_disk(connection, _):
        connection.execute("PRAGMA max_page_count = 20")  # SQLite's own 'disk is full' (SQLITE_FULL)

    engine.dispose()
    with pytest.raises(StoreFull):
        store.commit("points", os.urandom(200_000), expected=one.version_id, author="b", original_name="b.csv", summary="")
    assert store.current("points") == one.version_id and len(store.history("points")) == 1
