"""Load → validate → Atlas: the one function the CLI, the plugin and the tests call."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from caseatlas.atlas.model import Atlas, Case
from caseatlas.content.loading import Document, read_document
from caseatlas.content.module_validation import cross_module_problems, module_problems
from caseatlas.content.modules import Module
from caseatlas.content.translations import MODULE, Translation, check_translations, translation_files
from caseatlas.content.validation import case_problems, cross_problems
from caseatlas.content.vocabulary_checks import vocabulary_problems
from caseatlas.core.errors import ContentError, Problem, display_path
from caseatlas.core.file_cache import FileCache
from caseatlas.core.limits import MAX_PROBLEMS
from caseatlas.core.regular_files import irregular_entries
from caseatlas.core.vocabulary import Vocabulary, load_vocabulary


def case_files(case_dir: Path) -> list[Path]:
    """Case files under `case_dir` (`<cc>/<id>.yaml`); `<id>.<lang>.yaml` translations are not cases."""
    return sorted(p for p in case_dir.rglob("*.yaml") if "." not in p.name.removesuffix(".yaml"))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while files are read: the data of the files read so far is kept, and each
    collection would walk all of it again (a third of the time of reading 10,000 cases). YAML data has no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_cases(
    paths: list[Path], *, allow_synthetic: bool = False, cache: FileCache | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read and validate every file; collect every problem before returning. With `cache`, a file unchanged
    since it was last checked is not read again (`mkdocs serve`)."""
    vocab = load_vocabulary()
    docs: list[Document] = []
    problems: list[Problem] = []

    def check(path: Path) -> tuple[Document | Problem, list[Problem]]:
        return _check_case(path, vocab, allow_synthetic)

    with gc_paused():
        for path in paths:
            doc, found = cache.get(path, f"case, synthetic {allow_synthetic}", check) if cache is not None else check(path)
            problems += found
            if isinstance(doc, Document):
                docs.append(doc)
    parsed = {d.path for d in docs}
    problems += cross_problems(docs, {p.name.removesuffix(".yaml") for p in paths if p not in parsed})
    return docs, problems


def _check_case(path: Path, vocab: Vocabulary, allow_synthetic: bool) -> tuple[Document | Problem, list[Problem]]:
    """One case file read and checked on its own: the document (or why it cannot be read), and its problems."""
    doc = read_document(path)
    if isinstance(doc, Problem):
        return doc, [doc]
    found = case_problems(doc, vocab)
    if doc.data.get("synthetic") is True and not allow_synthetic:
        found.append(
            doc.problem(
                ("synthetic",), "synthetic cases are for benchmarks and tests only", "keep generated cases out of case_studies/"
            )
        )
    return doc, _at_most(found, MAX_PROBLEMS)


def check_content(
    case_paths: list[Path], translation_paths: list[Path], *, allow_synthetic: bool = False, cache: FileCache | None = None
) -> tuple[list[Document], list[Translation], list[Problem]]:
    """Cases, then the translations of them: every problem of every file."""
    docs, problems = check_cases(case_paths, allow_synthetic=allow_synthetic, cache=cache)
    ids = Counter(str(d.data["id"]) for d in docs if isinstance(d.data.get("id"), str))
    by_id = {str(d.data["id"]): d for d in docs if ids.get(str(d.data.get("id"))) == 1}
    parsed = {d.path for d in docs}
    # Translations of a case that failed to parse, or whose id two files claim, are checked once that is fixed.
    unreadable = {p.name.removesuffix(".yaml") for p in case_paths if p not in parsed} | {i for i, n in ids.items() if n > 1}
    with gc_paused():
        translations, more = check_translations(translation_paths, by_id, unreadable, read=_reader(cache, "translation"))
    return docs, translations, problems + more + vocabulary_problems()


def module_files(curriculum_dir: Path) -> list[Path]:
    """Module files in `curriculum_dir` (`<id>.yaml`); `<id>.<lang>.yaml` translations are not modules."""
    return sorted(p for p in curriculum_dir.glob("*.yaml") if "." not in p.name.removesuffix(".yaml"))


def module_translation_files(curriculum_dir: Path) -> list[Path]:
    """Translations of modules in `curriculum_dir`: `<id>.<lang>.yaml` beside `<id>.yaml`."""
    return sorted(p for p in curriculum_dir.glob("*.yaml") if "." in p.name.removesuffix(".yaml"))


def check_module_translations(
    paths: list[Path], docs: list[Document], module_paths: list[Path], cache: FileCache | None = None
) -> tuple[list[Translation], list[Problem]]:
    """Each module translation checked against its original module, as case translations are."""
    ids = Counter(str(d.data["id"]) for d in docs if isinstance(d.data.get("id"), str))
    by_id = {str(d.data["id"]): d for d in docs if ids.get(str(d.data.get("id"))) == 1}
    parsed = {d.path for d in docs}
    unreadable = {p.name.removesuffix(".yaml") for p in module_paths if p not in parsed} | {i for i, n in ids.items() if n > 1}
    with gc_paused():
        return check_translations(paths, by_id, unreadable, read=_reader(cache, "module translation"), kind=MODULE)


def check_modules(paths: list[Path], case_ids: set[str], cache: FileCache | None = None) -> tuple[list[Document], list[Problem]]:
    """Read and validate every module file against the given case ids; collect every problem."""
    docs: list[Document] = []
    problems: list[Problem] = []
    read = _reader(cache, "module")
    for path in paths:
        with gc_paused():
            doc = read(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        problems += _at_most(module_problems(doc, case_ids), MAX_PROBLEMS)
        docs.append(doc)
    problems += cross_module_problems(docs)
    return docs, problems


def known_case_ids(docs: list[Document], paths: list[Path]) -> set[str]:
    """Ids modules may refer to: those of the parsed cases, and the file names of cases that failed to parse
    (a reference to one of them is not reported again; the file's own problem says what to fix)."""
    return {d.data["id"] for d in docs if isinstance(d.data.get("id"), str)} | {p.name.removesuffix(".yaml") for p in paths}


def _reader(cache: FileCache | None, kind: str) -> Callable[[Path], Document | Problem]:
    """read_document, or its result kept in `cache` while the file is unchanged."""
    if cache is None:
        return read_document
    return lambda path: cache.get(path, kind, read_document)


def load_atlas(
    case_dir: Path,
    curriculum_dir: Path | None = None,
    *,
    allow_synthetic: bool = False,
    language: str | None = None,
    cache: FileCache | None = None,
) -> Atlas:
    """The validated atlas, or ContentError listing every problem in every file.

    With `language`, the atlas as a reader of that language sees it (see Atlas.in_language).

    Modules are read from `curriculum_dir` when it is given and exists; a site without modules still builds.
    """
    if not case_dir.is_dir():
        raise ContentError(
            [
                Problem(
                    display_path(case_dir),
                    message="folder of case studies not found",
                    hint="run from the project folder, or pass --cases",
                )
            ]
        )
    paths, translation_paths = case_files(case_dir), translation_files(case_dir)
    docs, translations, problems = check_content(paths, translation_paths, allow_synthetic=allow_synthetic, cache=cache)
    problems += content_folder_problems(case_dir, curriculum_dir)
    module_docs: list[Document] = []
    has_curriculum = curriculum_dir is not None and curriculum_dir.is_dir()
    module_paths = module_files(curriculum_dir) if has_curriculum else []  # type: ignore[arg-type]
    module_tr_paths = module_translation_files(curriculum_dir) if has_curriculum else []  # type: ignore[arg-type]
    if module_paths or module_tr_paths:
        module_docs, module_found = check_modules(module_paths, known_case_ids(docs, paths), cache)
        module_translations, more = check_module_translations(module_tr_paths, module_docs, module_paths, cache)
        problems += module_found + more
        translations = translations + module_translations
    if cache is not None:
        cache.keep_only(paths + translation_paths + module_paths + module_tr_paths)
    if problems:
        raise ContentError(problems)
    atlas = Atlas.from_cases(
        load_vocabulary(), [Case(d.path, d.data) for d in docs], [Module(d.path, d.data) for d in module_docs], translations
    )
    return atlas.in_language(language) if language else atlas


def content_folder_problems(case_dir: Path, curriculum_dir: Path | None) -> list[Problem]:
    """Links to folders, named pipes, devices and sockets in the content folders (regular_files.py)."""
    folders = [case_dir] + ([curriculum_dir] if curriculum_dir is not None and curriculum_dir.is_dir() else [])
    return [p for folder in folders if folder.is_dir() for p in irregular_entries(folder, files_too=False)]


def _at_most(problems: list[Problem], limit: int) -> list[Problem]:
    """The first `limit` problems of one file in file order, then one line saying how many more there are."""
    if len(problems) <= limit:
        return problems
    ordered = sorted(problems)
    nxt, rest = ordered[limit], len(problems) - limit
    more = Problem(
        nxt.path,
        nxt.line,
        nxt.column,
        nxt.field,
        f"{rest:,} more problems from here on are not shown",
        "fix the ones above, then run `caseatlas validate` again",
    )
    return ordered[:limit] + [more]
