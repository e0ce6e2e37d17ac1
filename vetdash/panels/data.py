"""Data page: every registered dataset with its source, status and the version in use."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from vetdash import catalog
from vetdash.i18n import t
from vetdash.panels.common import Data
from vetdash.provenance import publisher_name


def dataset_listing(data: Data, lang: str, versions: tuple[tuple[str, str], ...]) -> pa.Table:
    """Every dataset with status, publisher, dates, licence, rows and the version in use."""
    current = dict(versions)
    entries = catalog.every_dataset()
    listing = pd.DataFrame(
        {
            t("data.col_dataset", lang): [m.title[lang] for m in entries],
            t("data.col_status", lang): [t(f"status.{m.status}", lang) for m in entries],
            t("data.col_publisher", lang): [publisher_name(m.source.get("publisher", ""), lang) for m in entries],
            t("data.col_published", lang): [m.source.get("published", "") or "—" for m in entries],
            t("data.col_accessed", lang): [m.source.get("accessed", "") or "—" for m in entries],
            t("data.col_licence", lang): [m.licence for m in entries],
            t("data.col_rows", lang): [m.rows for m in entries],
            t("data.col_version", lang): [
                t("data.version_imported", lang, id=current[m.name][:8])
                if m.name in current
                else (t("data.version_builtin", lang, id=m.sha256[:8]) if m.sha256 else "—")
                for m in entries
            ],
            t("data.col_link", lang): [m.source.get("url") or None for m in entries],
        }
    )
    # Arrow once per language and version set: nothing to convert on each rerun.
    return pa.Table.from_pandas(listing, preserve_index=False)
