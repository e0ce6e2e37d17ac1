"""Validation problems that name file, row and column, readable in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass, field

from vetdash.i18n import t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input table.

    ``row`` is the 1-based line in the file as a spreadsheet shows it (the header is line 1),
    or None when the problem concerns the whole file or a whole column.
    ``code`` picks the message template in the locale files (``problem.<code>``).
    """

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return t(f"problem.{self.code}", lang, value=self.value or "", column=self.column or "", **self.detail)

    def located(self, lang: str) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(t("problem.at_row", lang, row=self.row))
        if self.column:
            where.append(t("problem.at_column", lang, column=self.column))
        return f"{' · '.join(where)}: {self.message(lang)}"


class DataValidationError(ValueError):
    """Raised once per input with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report("zh") + "\n\n" + self.report("en"))

    def report(self, lang: str) -> str:
        head = t("problem.header", lang, n=len(self.problems))
        return "\n".join([head, *("- " + p.located(lang) for p in self.problems)])

    def rows(self, lang: str) -> list[dict[str, object]]:
        """Problems as table rows for display (row, column, value, problem)."""
        return [
            {
                t("problem.col_file", lang): p.file,
                t("problem.col_row", lang): p.row,
                t("problem.col_column", lang): p.column,
                t("problem.col_value", lang): p.value,
                t("problem.col_problem", lang): p.message(lang),
            }
            for p in self.problems
        ]
