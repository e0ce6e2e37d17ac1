"""The shared cache behind the Streamlit edge: one value per argument set, LRU bound, expiry."""

from __future__ import annotations

import threading

import pytest

from vetdash import memo


def counting(max_entries: int = 128, ttl: float | None = None):
    calls: list[tuple] = []

    @memo.shared(max_entries=max_entries, ttl=ttl)
    def square(x: int, label: str = "") -> int:
        calls.append((x, label))
        return x * x

    return square, calls


def test_one_computation_per_argument_set_and_the_same_object_back():
    @memo.shared()
    def frame(name: str) -> list[str]:
        return [name]

    first = frame("a")
    assert frame("a") is first  # shared, never copied
    assert frame("b") == ["b"] and frame("b") is not first


def test_counts_calls():
    square, calls = counting()
    assert [square(3), square(3), square(4), square(3, "x")] == [9, 9, 16, 9]
    assert calls == [(3, ""), (4, ""), (3, "x")]


def test_least_recently_used_entry_goes_first():
    square, calls = counting(max_entries=2)
    square(1)
    square(2)
    square(1)  # 1 is now the most recent
    square(3)  # evicts 2
    calls.clear()
    square(1)
    square(2)
    assert calls == [(2, "")]


def test_entries_expire_after_ttl(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    square, calls = counting(ttl=1.0)
    square(5)
    now[0] += 0.5
    square(5)
    assert len(calls) == 1
    now[0] += 0.6
    square(5)
    assert len(calls) == 2


def test_errors_are_not_cached():
    attempts = []

    @memo.shared()
    def flaky(x: int) -> int:
        attempts.append(x)
        if len(attempts) == 1:
            raise ValueError("first call fails")
        return x

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1 and attempts == [1, 1]


def test_clear_all_forgets_every_cache():
    square, calls = counting()
    square(2)
    memo.clear_all()
    square(2)
    assert calls == [(2, ""), (2, "")]


def test_unhashable_arguments_are_refused():
    square, _ = counting()
    with pytest.raises(TypeError):
        square([1, 2])


def test_threads_share_one_cache_and_compute_each_value_once():
    calls = []

    @memo.shared(max_entries=1000)
    def slow_square(x: int) -> int:
        calls.append(x)
        threading.Event().wait(0.05)  # long enough for the other threads to arrive and wait
        return x * x

    barrier = threading.Barrier(8)
    results = []

    def worker() -> None:
        barrier.wait()
        results.extend(slow_square(x) for x in range(5))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(calls) == [0, 1, 2, 3, 4]  # eight threads, each value built once
    assert sorted(results) == sorted([x * x for x in range(5)] * 8)
