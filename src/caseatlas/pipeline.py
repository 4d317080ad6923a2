"""Load → validate → Atlas: the one function the CLI, the plugin and the tests call."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem, display_path
from .limits import MAX_PROBLEMS
from .loading import Document, read_document
from .model import Atlas, Case
from .validation import case_problems, cross_problems
from .vocabulary import load_vocabulary


def case_files(case_dir: Path) -> list[Path]:
    """Case files under `case_dir` (`<cc>/<id>.yaml`); `<id>.<lang>.yaml` translations are not cases."""
    return sorted(p for p in case_dir.rglob("*.yaml") if "." not in p.name.removesuffix(".yaml"))


def check_cases(paths: list[Path], *, allow_synthetic: bool = False) -> tuple[list[Document], list[Problem]]:
    """Read and validate every file; collect every problem before returning."""
    vocab = load_vocabulary()
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in paths:
        doc = read_document(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        found = case_problems(doc, vocab)
        if doc.data.get("synthetic") is True and not allow_synthetic:
            found.append(doc.problem(("synthetic",), "synthetic cases are for benchmarks and tests only",
                                     "keep generated cases out of case_studies/"))
        problems += _at_most(found, MAX_PROBLEMS)
        docs.append(doc)
    parsed = {d.path for d in docs}
    problems += cross_problems(docs, {p.name.removesuffix(".yaml") for p in paths if p not in parsed})
    return docs, problems


def load_atlas(case_dir: Path, *, allow_synthetic: bool = False) -> Atlas:
    """The validated atlas, or ContentError listing every problem in every file."""
    if not case_dir.is_dir():
        raise ContentError([Problem(display_path(case_dir), message="folder of case studies not found",
                                    hint="run from the project folder, or pass --cases")])
    docs, problems = check_cases(case_files(case_dir), allow_synthetic=allow_synthetic)
    if problems:
        raise ContentError(problems)
    return Atlas.from_cases(load_vocabulary(), [Case(d.path, d.data) for d in docs])


def _at_most(problems: list[Problem], limit: int) -> list[Problem]:
    """The first `limit` problems of one file in file order, then one line saying how many more there are."""
    if len(problems) <= limit:
        return problems
    ordered = sorted(problems)
    nxt, rest = ordered[limit], len(problems) - limit
    more = Problem(nxt.path, nxt.line, nxt.column, nxt.field, f"{rest:,} more problems from here on are not shown",
                   "fix the ones above, then run `caseatlas validate` again")
    return ordered[:limit] + [more]
