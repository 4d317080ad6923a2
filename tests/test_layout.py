"""The package's folders are the pipeline's stages, and imports only go down the pipeline.

Each subpackage's docstring says what it may import; this test holds the code to it, for every import
in every module (those inside functions included), so that a newcomer can trust the folders.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import caseatlas

PACKAGE = Path(caseatlas.__file__).parent
# The pipeline, from the bottom: each stage may import the ones before it, never one after.
STAGES = ["core", "content", "atlas", "search", "render", "outputs", "site", "cli"]


def imported_modules(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """(line, module) of every `caseatlas…` module the file at `path` (or `text`, read as if it were there)
    imports, relative imports resolved."""
    tree = ast.parse(path.read_text("utf-8") if text is None else text, filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            if node.module is None or name.count(".") < 2:  # `from caseatlas.core import errors`
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return [(line, name) for line, name in found if name.split(".")[0] == "caseatlas"]


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else None


def test_every_module_lives_in_a_stage() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert loose == [], f"modules outside the stage folders: {loose} (move each into one of {STAGES})"
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(STAGES), "each subpackage is a stage of the pipeline, in STAGES in its order"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_owns_and_may_import(stage: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8"))) or ""
    allowed = STAGES[: STAGES.index(stage)]
    expected = "May import: " + (", ".join(allowed) if stage != "cli" else "every other subpackage") + "."
    if stage == "core":
        expected = "May import: nothing else of caseatlas."
    assert expected in doc, f"caseatlas/{stage}/__init__.py: its docstring should end with {expected!r}"


def test_imports_only_go_down_the_pipeline() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = stage_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if here is None:
            continue
        for line, module in imported_modules(path):
            there = stage_of(module)
            if there is not None and STAGES.index(there) > STAGES.index(here):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {module} ({there})")
    assert upward == [], "imports against the pipeline:\n" + "\n".join(upward)


def test_the_check_sees_an_upward_import() -> None:
    """The direction check itself: imports from a later stage, inside a function and relative, are found."""
    assert all(stage_of(m) in (None, "core") for _, m in imported_modules(PACKAGE / "core" / "errors.py"))
    probe = "def f():\n    from caseatlas.site.plugin import CaseAtlasPlugin\n    from ..render import pages\n"
    found = imported_modules(PACKAGE / "core" / "probe.py", probe)
    assert found == [(2, "caseatlas.site.plugin"), (3, "caseatlas.render.pages")]
    assert [stage_of(m) for _, m in found] == ["site", "render"]
