"""Deterministic CSV: the same frame always gives the same bytes (curated files and stored versions)."""

from __future__ import annotations

import hashlib

import pandas as pd


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV without the index: ``\\n`` line ends, missing values as empty cells.

    Floats are written as Python's shortest round-trip text (``0.1``, ``1e-05``), integers as
    digits; quoting is the csv module's minimal quoting. The curated files in ``data/`` and every
    stored version are these bytes, so their sha256 identifies the table.
    """
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def sha256(data: bytes) -> str:
    """Hex sha256 of ``data`` (64 lowercase characters), as datapackage ``hash`` and store version ids use."""
    return hashlib.sha256(data).hexdigest()
