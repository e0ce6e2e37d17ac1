"""Shared by the page modules: the data accessor every builder takes, and helpers more than one page uses."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from vetdash.i18n import t


class Data(Protocol):
    def table(self, name: str) -> pd.DataFrame: ...
    def optional_table(self, name: str) -> pd.DataFrame | None: ...
    def indicator_table(self, edition: str, year: int) -> pd.DataFrame: ...
    def province_names(self, lang: str) -> dict[int, str]: ...
    def district_names(self, lang: str) -> dict[int, str]: ...
    def district_name(self, adcode: object, lang: str) -> str: ...


def markdown_table(frame: pd.DataFrame) -> str:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def category_names(data: Data, lang: str) -> dict[int, str]:
    categories = data.table("specialty_categories")
    return dict(zip(categories["code"].astype(int), categories[f"name_{lang}"], strict=True))


def paper_claim(data: Data, figure_id: str, lang: str) -> str:
    """One of the paper's figures as a boxed statement: the claim, then how far it could be checked."""
    row = data.table("paper_figures").set_index("id").loc[figure_id]
    return f"**{t('paper.says', lang)}** {row[f'claim_{lang}']}  \n{row[f'verification_{lang}']}"
