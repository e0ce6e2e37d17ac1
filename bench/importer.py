"""How long and how much memory the importer takes for a large file, good or bad, under the upload limit.

    python -m bench.importer                 # files of about 19 MB (the limit is 20 MB)
    python -m bench.importer --mb 3          # smaller files
    python -m bench.importer --register      # also register rows: two real years, and a bad file near 40 MB

Each file is parsed in a fresh child process, so its peak memory (max RSS) is its own. Reported:
seconds, peak MB, and for a refused file how many problems were found and how many are kept.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

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


RAW_REGISTER = (
    catalog.PROJECT_ROOT.parent / "shared" / "data-sources" / "specialty-register-moe" / "register_rows_2013_2025.csv.gz"
)


def register_csv(size: int | None) -> bytes:
    """Register rows as an administrator uploads them: 2024 and 2025 from the raw register (``size``
    None), or, for a size, that many bytes of rows whose year and 修业年限 are text (every row wrong)."""
    with gzip.open(RAW_REGISTER, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    if size is None:
        return ("\n".join([lines[0], *(line for line in lines[1:] if line[:4] in ("2024", "2025"))]) + "\n").encode("utf-8")
    fields = lines[-1].split(",")
    fields[0], fields[12] = "二〇二五", "三年"
    row = ",".join(fields) + "\n"
    return (lines[0] + "\n" + row * (size // len(row.encode("utf-8")))).encode("utf-8")


def make_file(kind: str, mb: float) -> bytes:
    """The file of ``kind`` (good | bad | register | register_bad) of about ``mb`` MB."""
    size = int(mb * 1024 * 1024)
    makers = {"good": good_csv, "bad": bad_csv, "register": lambda _: register_csv(None), "register_bad": register_csv}
    return makers[kind](size)


def _make(kind: str, mb: float, path: str) -> None:
    Path(path).write_bytes(make_file(kind, mb))


def _measure(kind: str, path: str, out) -> None:
    raw = Path(path).read_bytes()
    provinces = catalog.load("provinces")
    references = importing.References(frozenset(int(c) for c in provinces["adcode"]), frozenset(), provinces)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    result = {"kind": kind, "bytes": len(raw)}
    try:
        name = {"good": "institutions", "bad": "specialty_points"}.get(kind, "specialty_points_province")
        spec = importing.IMPORTABLE[name]
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
    # Made in a process of its own and passed as a file, by processes forked from a small server
    # process: Linux keeps a process's peak memory across exec, so a child started from a large
    # parent (a test runner) would report the parent's peak as its own.
    spawn = multiprocessing.get_context("forkserver")
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / f"{kind}.csv")
        maker = spawn.Process(target=_make, args=(kind, mb, path))
        maker.start()
        maker.join()
        parent, child = multiprocessing.Pipe()
        process = spawn.Process(target=_measure, args=(kind, path, child))
        process.start()
        result = parent.recv()
        process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=19.0, help="file size in MB (default 19; the upload limit is 20)")
    parser.add_argument(
        "--register", action="store_true",
        help="also register rows (limit 40 MB): the real 2024–2025 rows, and a bad file of --register-mb MB",
    )  # fmt: skip
    parser.add_argument("--register-mb", type=float, default=39.0, help="the bad register file's size in MB (default 39)")
    args = parser.parse_args()
    for kind in ("bad", "good"):
        print(json.dumps(measure(kind, args.mb), ensure_ascii=False))
    if args.register:
        for kind in ("register_bad", "register"):
            print(json.dumps(measure(kind, args.register_mb), ensure_ascii=False))


if __name__ == "__main__":
    main()
