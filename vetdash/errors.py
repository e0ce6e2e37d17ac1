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
        """What is wrong, in ``lang`` ('zh' | 'en'), from the locale template ``problem.<code>``; no file or row."""
        # A rule is stored as a message key (rule.date, …) so it reads in the user's language.
        detail = {k: t(v, lang) if v.startswith("rule.") else v for k, v in self.detail.items()}
        return t(f"problem.{self.code}", lang, value=self.value or "", column=self.column or "", **detail)

    def located(self, lang: str) -> str:
        """The message prefixed by where: "file · row N · column C: message" (row and column only when known)."""
        where = [self.file]
        if self.row is not None:
            where.append(t("problem.at_row", lang, row=self.row))
        if self.column:
            where.append(t("problem.at_column", lang, column=self.column))
        return f"{' · '.join(where)}: {self.message(lang)}"


# A file with a bad column can have a problem in every one of its rows; the first ones of each
# kind say what to fix, the rest are counted, so memory and the report stay small.
KEPT_PER_KIND = 20


class Problems:
    """Collects problems, keeping the first ``KEPT_PER_KIND`` of each kind and counting the rest."""

    def __init__(self, kept_per_kind: int = KEPT_PER_KIND):
        self.kept: list[Problem] = []
        self.counts: dict[str, int] = {}
        self._limit = kept_per_kind

    def add(self, problem: Problem) -> None:
        """Count ``problem`` under its code and keep it while fewer than the limit of that code are kept."""
        n = self.counts.get(problem.code, 0)
        self.counts[problem.code] = n + 1
        if n < self._limit:
            self.kept.append(problem)

    def add_many(self, code: str, count: int, first) -> None:
        """``count`` problems of kind ``code``, of which ``first`` (an iterable of at least the
        ones to keep) are the first; only as many as are kept are taken from it."""
        if count <= 0:
            return
        room = max(self._limit - self.counts.get(code, 0), 0)
        for problem in first:
            if room <= 0:
                break
            self.kept.append(problem)
            room -= 1
        self.counts[code] = self.counts.get(code, 0) + count

    def extend(self, problems) -> None:
        """``add`` each of ``problems`` (an iterable of Problem) in order."""
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def __len__(self) -> int:
        return sum(self.counts.values())

    def error(self) -> DataValidationError:
        """A DataValidationError of the kept problems (ordered by row, then column) and the counts left out."""
        kept = sorted(self.kept, key=lambda p: (p.row or 0, p.column or ""))
        omitted = {code: n - self._limit for code, n in self.counts.items() if n > self._limit}
        return DataValidationError(kept, omitted=omitted)


class DataValidationError(ValueError):
    """Raised once per input with every problem found, never just the first.

    ``problems`` holds what is shown; ``omitted`` counts, per kind, further problems of that kind
    that were found but not kept (see :class:`Problems`)."""

    def __init__(self, problems: list[Problem], omitted: dict[str, int] | None = None):
        self.problems = list(problems)
        self.omitted = dict(omitted or {})
        super().__init__(self.report("zh") + "\n\n" + self.report("en"))

    @property
    def total(self) -> int:
        """Every problem found: those listed plus those counted in ``omitted``."""
        return len(self.problems) + sum(self.omitted.values())

    def more(self, lang: str) -> list[str]:
        """One line per kind of problem with more occurrences than are listed."""
        lines = []
        for code, n in sorted(self.omitted.items()):
            first = next((p for p in self.problems if p.code == code), None)
            like = first.located(lang) if first else code
            lines.append(t("problem.more_of_kind", lang, n=f"{n:,}", like=like))
        return lines

    def report(self, lang: str) -> str:
        """The whole report as text in ``lang``: a header with the total, then one "- " line per problem and per omitted kind."""
        head = t("problem.header", lang, n=self.total)
        return "\n".join([head, *("- " + p.located(lang) for p in self.problems), *("- " + m for m in self.more(lang))])

    def rows(self, lang: str) -> list[dict[str, object]]:
        """Problems as table rows for display (file, row, column, value, problem), every cell text.

        A problem of the whole file shows "(whole file)" for its row and column and "—" for its value,
        never an empty marker such as None."""
        whole = t("problem.whole_file", lang)
        return [
            {
                t("problem.col_file", lang): p.file,
                t("problem.col_row", lang): whole if p.row is None else str(p.row),
                t("problem.col_column", lang): (whole if p.row is None else "—") if p.column is None else p.column,
                t("problem.col_value", lang): "—" if p.value is None or p.value == "" else p.value,
                t("problem.col_problem", lang): p.message(lang),
            }
            for p in self.problems
        ]
