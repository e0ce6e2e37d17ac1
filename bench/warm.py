"""Open every page once, in both languages, on each app process: run it right after starting them.

    python -m bench.warm http://127.0.0.1:8501 http://127.0.0.1:8502

A freshly started process reads and checks every table, and builds each figure, for the first
session that asks; a room that opens the link at that moment all wait for it (about 5 s on a
2-core machine, see the README's "A room opening one link at once"). After this, the first
visitor finds everything built. Each address is one process, not the proxy in front of them
(the proxy would send all of this to one replica). Exits 1 when a page fails.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from bench.load import _base_url
from bench.protocol import ProtocolSession
from vetdash.i18n import LANGUAGES
from vetdash.state import LANG, PAGE_SLUGS


async def warm(base: str, opened: list[tuple[str, str]] | None = None) -> list[str]:
    """Each page in each language in one session on ``base``; returns what failed. Each (language,
    page) whose run ended without an error is appended to ``opened``."""
    failures = []
    opened = [] if opened is None else opened
    for lang in LANGUAGES:
        session = ProtocolSession(base, query_string=f"{LANG}={lang}")
        try:
            await session.open("")
            opened.append((lang, PAGE_SLUGS[0]))
            for slug in PAGE_SLUGS[1:]:
                session.query_string = f"{LANG}={lang}"
                await session.switch_page(slug)
                opened.append((lang, slug))
        except Exception as exc:  # reported, then the next language and process
            failures.append(f"{base} ({lang}): {type(exc).__name__}: {str(exc)[:200]}")
        finally:
            await session.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.warm", description=__doc__.splitlines()[0])
    parser.add_argument(
        "addresses", nargs="+", type=_base_url,
        help="each app process's own http://host:port (not the proxy's: it would send everything to one process)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    failures = []
    every = len(PAGE_SLUGS) * len(LANGUAGES)
    for base in args.addresses:
        start = time.monotonic()
        opened: list[tuple[str, str]] = []
        failures += asyncio.run(warm(base, opened))
        print(f"{base}: {len(opened)} of {every} pages opened in {time.monotonic() - start:.1f} s")
    for failure in failures:
        print("  ", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
