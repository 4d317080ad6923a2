"""Load → validate → Atlas: the one function the CLI, the plugin and the tests call."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem, display_path
from .loading import Document, read_document
from .model import Atlas, Case
from .translations import Translation, check_translations, translation_files
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
        problems += found
        docs.append(doc)
    parsed = {d.path for d in docs}
    problems += cross_problems(docs, {p.name.removesuffix(".yaml") for p in paths if p not in parsed})
    return docs, problems


def check_content(case_paths: list[Path], translation_paths: list[Path], *,
                  allow_synthetic: bool = False) -> tuple[list[Document], list[Translation], list[Problem]]:
    """Cases, then the translations of them: every problem of every file."""
    docs, problems = check_cases(case_paths, allow_synthetic=allow_synthetic)
    by_id = {str(d.data["id"]): d for d in docs if isinstance(d.data.get("id"), str)}
    parsed = {d.path for d in docs}
    unreadable = {p.name.removesuffix(".yaml") for p in case_paths if p not in parsed}
    translations, more = check_translations(translation_paths, by_id, unreadable)
    return docs, translations, problems + more


def load_atlas(case_dir: Path, *, allow_synthetic: bool = False, language: str | None = None) -> Atlas:
    """The validated atlas, or ContentError listing every problem in every file.

    With `language`, the atlas as a reader of that language sees it (see Atlas.in_language).
    """
    if not case_dir.is_dir():
        raise ContentError([Problem(display_path(case_dir), message="folder of case studies not found",
                                    hint="run from the project folder, or pass --cases")])
    docs, translations, problems = check_content(case_files(case_dir), translation_files(case_dir),
                                                 allow_synthetic=allow_synthetic)
    if problems:
        raise ContentError(problems)
    atlas = Atlas.from_cases(load_vocabulary(), [Case(d.path, d.data) for d in docs], translations)
    return atlas.in_language(language) if language else atlas
