"""Public functions carry a docstring a newcomer can use (shapes, units, errors, sources).

Every module of ``vetdash/`` is checked, found by walking the package, so a new module is held to
the same bar from its first commit. Public means module-level functions and the methods of
module-level classes whose names do not start with ``_``.
"""

from __future__ import annotations

import ast

import pytest

from vetdash.paths import PROJECT_ROOT

MODULES = sorted(path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "vetdash").rglob("*.py"))


def public_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """Module-level functions and methods of module-level classes whose names do not start with _."""
    found = []
    for node in tree.body:
        members = node.body if isinstance(node, ast.ClassDef) and not node.name.startswith("_") else [node]
        found += [m for m in members if isinstance(m, ast.FunctionDef) and not m.name.startswith("_")]
    return found


def parsed(relative: str) -> ast.Module:
    return ast.parse((PROJECT_ROOT / relative).read_text(encoding="utf-8"))


def raises_explicitly(function: ast.FunctionDef) -> bool:
    """True when the body has ``raise SomeError(...)`` of its own (a bare ``raise`` or ``raise err`` re-raises).

    Nested functions and classes are skipped: their raises are theirs to document.
    """
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def test_raises_explicitly_skips_re_raises_and_nested_functions():
    source = """
def own():
    if x:
        raise ValueError("bad")
def re_raise():
    try:
        f()
    except KeyError:
        raise
def nested():
    def inner():
        raise KeyError(1)
    return inner
"""
    found = {f.name: raises_explicitly(f) for f in public_functions(ast.parse(source))}
    assert found == {"own": True, "re_raise": False, "nested": False}


def test_modules_are_found():
    assert "vetdash/catalog.py" in MODULES
    assert "vetdash/panels/demand.py" in MODULES
    assert len(MODULES) > 50


@pytest.mark.parametrize("relative", MODULES)
def test_every_public_function_is_documented(relative):
    missing = [f.name for f in public_functions(parsed(relative)) if not ast.get_docstring(f)]
    assert missing == [], f"{relative}: public functions without a docstring: {missing}"


@pytest.mark.parametrize("relative", MODULES)
def test_table_functions_name_their_columns(relative):
    """A public function or method that returns a DataFrame names at least one column or schema."""
    vague = []
    for function in public_functions(parsed(relative)):
        returns = ast.unparse(function.returns) if function.returns else ""
        doc = ast.get_docstring(function) or ""
        if "DataFrame" in returns and "``" not in doc and "column" not in doc.lower():
            vague.append(function.name)
    assert vague == [], f"{relative}: DataFrame-returning functions that name no column: {vague}"


@pytest.mark.parametrize("relative", MODULES)
def test_functions_that_raise_say_so(relative):
    """A public function whose own body raises an exception it constructs says so ("Raises" / "raise")."""
    silent = [
        f.name
        for f in public_functions(parsed(relative))
        if raises_explicitly(f) and "raise" not in (ast.get_docstring(f) or "").lower()
    ]
    assert silent == [], f"{relative}: functions that raise without saying so: {silent}"
