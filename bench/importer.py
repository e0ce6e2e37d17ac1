"""How long and how much memory the importer takes for a large file, good or bad, under the upload limit.

    python -m bench.importer                 # files of about 19 MB (the limit is 20 MB)
    python -m bench.importer --mb 3          # smaller files

Each file is parsed in a fresh child process, so its peak memory (max RSS) is its own. Reported:
seconds, peak MB, and for a refused file how many problems were found and how many are kept.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import time

from vetdash import catalog, importing

HEADER = "province_adcode,year,category_code,points,added,removed,is_demo\n"
INSTITUTIONS_HEADER = "list_date,seq,code,name,province_adcode,city,level,ownership,authority,remark_zh\n"


def good_csv(size: int) -> bytes:
    """A valid institution list of about ``size`` bytes (every code unique)."""
    row = "2026-06-20,{n},{code},示例职业学院{n},500000,重庆市,专科,public,重庆市,\n"
    n_rows = size // len(row.format(n=100000, code=4150000000).encode())
    return (INSTITUTIONS_HEADER + "".join(row.format(n=n + 1, code=4100000000 + n) for n in range(n_rows))).encode()


def bad_csv(size: int) -> bytes:
    """Every row wrong several ways: text in numbers, 万 units, a bad flag, an unknown province."""
    row = '990000,二〇二五,4六,"1,234.5万",很多,-1,maybe\n'
    return (HEADER + row * (size // len(row.encode()))).encode()


def _measure(kind: str, mb: float, out) -> None:
    raw = (good_csv if kind == "good" else bad_csv)(int(mb * 1024 * 1024))
    provinces = catalog.load("provinces")
    references = importing.References(frozenset(int(c) for c in provinces["adcode"]), frozenset())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    result = {"kind": kind, "bytes": len(raw)}
    try:
        spec = importing.IMPORTABLE["institutions" if kind == "good" else "specialty_points"]
        frame = importing.parse_upload(raw, f"{kind}.csv", spec, references)
        result["rows"] = len(frame)
    except importing.DataValidationError as error:
        result["problems_found"] = error.total
        result["problems_kept"] = len(error.problems)
    result["seconds"] = round(time.perf_counter() - start, 1)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["peak_mb_before_parse"] = round(before)
    out.send(result)


def measure(kind: str, mb: float) -> dict:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_measure, args=(kind, mb, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=19.0, help="file size in MB (default 19; the upload limit is 20)")
    args = parser.parse_args()
    for kind in ("bad", "good"):
        print(json.dumps(measure(kind, args.mb), ensure_ascii=False))


if __name__ == "__main__":
    main()
