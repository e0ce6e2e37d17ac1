"""Percentiles for the bench reports."""

from __future__ import annotations


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile; NaN for no values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("nan")
