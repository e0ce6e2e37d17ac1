"""pandas' writer gives the bytes the curated files and stored versions were written with."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetdash import catalog
from vetdash.build.metadata import DEMO_RESOURCES, RESOURCES
from vetdash.build.run import conform
from vetdash.csvio import csv_bytes


def hand_written_csv(frame: pd.DataFrame) -> bytes:
    """The writer csv_bytes replaced (kept as the specification its bytes must match)."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA:
            return ""
        if isinstance(value, (float, np.floating)):
            return "" if math.isnan(value) else repr(float(value))
        if isinstance(value, np.integer):
            return str(int(value))
        return str(value)

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


WRITTEN = [r for r in [*RESOURCES, *DEMO_RESOURCES] if r.schema and not r.path.startswith("data/reference/")]


@pytest.mark.parametrize("resource", WRITTEN, ids=lambda r: r.name)
def test_committed_tables_come_out_byte_for_byte(resource):
    frame = conform(catalog.load(resource.name), resource.schema)
    committed = catalog.dataset(resource.name).file.read_bytes()
    assert csv_bytes(frame) == committed


def test_known_bytes():
    frame = pd.DataFrame(
        {
            "n": pd.array([1, None, -3], dtype="Int64"),
            "x": pd.array([0.1, None, 1e-05], dtype="Float64"),
            "s": pd.array(['a,"b"', None, "行\n二"], dtype=object),
        }
    )
    assert csv_bytes(frame) == 'n,x,s\n1,0.1,"a,""b"""\n,,\n-3,1e-05,"行\n二"\n'.encode()


texts = st.one_of(st.none(), st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12))
floats = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))
ints = st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ints, floats, texts), min_size=1, max_size=8))
def test_same_bytes_as_the_hand_written_writer(rows):
    raw = pd.DataFrame(rows, columns=["year", "value", "name"])
    frame = pd.DataFrame(
        {
            "year": pd.array(list(raw["year"]), dtype="Int64"),
            "value": pd.array(list(raw["value"]), dtype="Float64"),
            "name": pd.array(list(raw["name"]), dtype=object),
        }
    )
    assert csv_bytes(frame) == hand_written_csv(frame)


@pytest.mark.parametrize("name", ["province_gdp", "college_budgets"])
def test_imported_frames_are_stored_as_before(name):
    frame = catalog.load(name)  # float64 / Int64 / string dtypes, as an import parses them
    assert csv_bytes(frame) == hand_written_csv(frame) == catalog.dataset(name).file.read_bytes()
