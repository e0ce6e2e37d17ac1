"""Both storage backends behind one interface: versions, compare-and-swap, history, rollback,
concurrent imports and a writer killed mid-write. PostgreSQL runs where VETDASH_PG_URL is set
(CI starts a server); it is required in CI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from tests.conftest import IN_CI
from vetdash.store import FileStore, SqlStore, VersionConflict
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
    reopened = FileStore(tmp_path / "store")
    assert reopened.current("consortia") == first.version_id
    assert reopened.read("consortia", first.version_id) == b"a\nold\n"
    later = reopened.commit("consortia", b"a\nnext\n", expected=first.version_id, author="b", original_name="b.csv", summary="")
    assert reopened.current("consortia") == later.version_id, "the lock was released by the kill"


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
