"""The import graph of src/claimcheck, read statically (ast): no module imports, directly or through
others, a module that imports it back (issue 18). Imports under ``if TYPE_CHECKING:`` are left out:
they never run."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "claimcheck"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported(path: Path, modules: set[str]) -> set[str]:
    """The claimcheck modules ``path`` imports, at the top or inside functions (the import runs
    when the function does). ``from P import m`` of a module ``m`` imports P.m (and P, unless P is
    a package ``path`` is in: Python has imported that before ``path``, whatever ``path`` says);
    ``from P import name`` of anything else reads that name from P."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node) for n in ast.walk(node)}
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)
            if len(submodules) < len(node.names) or not here.startswith(base + "."):
                found.add(base)
    return {name for name in found if name in modules and name != here}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imported(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that can reach itself again, with one such path."""
    found = []
    for start in sorted(graph):
        seen: set[str] = set()
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    found.append([*path, start])
                    stack.clear()
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    loops = cycles(import_graph())
    assert not loops, "import circles:\n" + "\n".join(" -> ".join(loop) for loop in loops)


def test_the_checker_finds_a_circle() -> None:
    """The check itself can fail: the circle report/early.py made with report/write.py."""
    graph = {"claimcheck.report.write": {"claimcheck.report.early"}, "claimcheck.report.early": {"claimcheck.report.write"}, "claimcheck.x": set()}
    assert cycles(graph) == [
        ["claimcheck.report.early", "claimcheck.report.write", "claimcheck.report.early"],
        ["claimcheck.report.write", "claimcheck.report.early", "claimcheck.report.write"],
    ]
