"""Public functions carry a docstring a newcomer can use (shapes, units, errors, sources).

The modules listed here have been written to that bar; the test keeps them there. Add a module
once every public function in it says what goes in and out.
"""

from __future__ import annotations

import ast

import pytest

from vetdash.paths import PROJECT_ROOT

DOCUMENTED = [
    "vetdash/analysis/budgets.py",
    "vetdash/analysis/colleges.py",
    "vetdash/analysis/consortia.py",
    "vetdash/analysis/demand_fit.py",
    "vetdash/analysis/indicators.py",
    "vetdash/analysis/industry.py",
    "vetdash/analysis/institutions.py",
    "vetdash/analysis/paper.py",
    "vetdash/analysis/rank_history.py",
    "vetdash/analysis/ranking.py",
    "vetdash/build/descriptor.py",
    "vetdash/build/geo.py",
    "vetdash/build/run.py",
    "vetdash/build/tables.py",
    "vetdash/catalog.py",
    "vetdash/csvio.py",
    "vetdash/deck.py",
    "vetdash/demo.py",
    "vetdash/docs.py",
    "vetdash/i18n.py",
    "vetdash/internals.py",
    "vetdash/maps.py",
    "vetdash/memo.py",
    "vetdash/narrative.py",
    "vetdash/panels/data.py",
    "vetdash/paths.py",
    "vetdash/provenance.py",
    "vetdash/signin.py",
    "vetdash/store/base.py",
    "vetdash/store/files.py",
    "vetdash/store/sql.py",
    "vetdash/ui/badges.py",
]


def public_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """Module-level functions and methods of module-level classes whose names do not start with _."""
    found = []
    for node in tree.body:
        members = node.body if isinstance(node, ast.ClassDef) and not node.name.startswith("_") else [node]
        found += [m for m in members if isinstance(m, ast.FunctionDef) and not m.name.startswith("_")]
    return found


@pytest.mark.parametrize("relative", DOCUMENTED)
def test_every_public_function_is_documented(relative):
    tree = ast.parse((PROJECT_ROOT / relative).read_text(encoding="utf-8"))
    missing = [f.name for f in public_functions(tree) if not ast.get_docstring(f)]
    assert missing == [], f"{relative}: public functions without a docstring: {missing}"


def test_table_functions_name_their_columns():
    """A function documented here that returns a DataFrame names at least one column or schema."""
    vague = []
    for relative in DOCUMENTED:
        tree = ast.parse((PROJECT_ROOT / relative).read_text(encoding="utf-8"))
        for function in public_functions(tree):
            returns = ast.unparse(function.returns) if function.returns else ""
            doc = ast.get_docstring(function) or ""
            if returns.endswith("DataFrame") and "``" not in doc and "column" not in doc.lower():
                vague.append(f"{relative}:{function.name}")
    assert vague == []
