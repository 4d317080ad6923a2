"""The `caseatlas` command: validate, list, new and render case studies; modules and exports in module_cli."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
from mkdocs.config import load_config

from caseatlas.atlas.open_data import data_files, export_data
from caseatlas.atlas.pipeline import (
    case_files,
    check_cases,
    check_content,
    check_module_translations,
    check_modules,
    content_folder_problems,
    known_case_ids,
    load_atlas,
    module_files,
    module_translation_files,
)
from caseatlas.atlas.status import case_status, format_table, module_status, page_status
from caseatlas.cli import kit_cli  # noqa: F401  (registers `export pack` and `export calendar`)
from caseatlas.cli.module_cli import CURRICULUM, export, module
from caseatlas.content.humane import timetable_warnings
from caseatlas.content.loading import Document, read_document
from caseatlas.content.page_translations import page_fingerprint, page_translations
from caseatlas.content.prose_links import case_pages, link_problems, module_pages, relative_links, site_targets, strings_of
from caseatlas.content.scaffold import new_case_text
from caseatlas.content.translatable import fingerprint
from caseatlas.content.translations import MODULE, Translation, translation_files
from caseatlas.core.errors import CaseAtlasError, ContentError, display_path
from caseatlas.core.output_guard import check_target, new_content_file, write_files
from caseatlas.core.strings import languages as interface_languages
from caseatlas.core.vocabulary import country_name
from caseatlas.outputs.po_files import body_comments, export_po, plan_import, po_language, read_po, write_all
from caseatlas.outputs.po_units import documents
from caseatlas.render.pages import markdown_of, render_pages, static_files
from caseatlas.site.bundle import make_bundle, select

CASES = click.option(
    "--cases",
    "cases_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("case_studies"),
    show_default=True,
    help="Folder of case study files.",
)
SYNTHETIC = click.option("--allow-synthetic", is_flag=True, hidden=True, help="Accept synthetic cases (benchmarks, tests).")


class _Group(click.Group):
    """Turns the tool's own errors into a message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            click.echo(exc.report())
            ctx.exit(1)
        except CaseAtlasError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caseatlas")
def main() -> None:
    """Case Atlas: case studies of rural development, from YAML to a website."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@CASES
@CURRICULUM
@SYNTHETIC
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, such as a timetable without breaks.")
def validate(files: tuple[Path, ...], cases_dir: Path, curriculum_dir: Path, allow_synthetic: bool, strict: bool) -> None:
    """Check case and module files, and translations of cases, against the schemas, vocabularies and each other.

    Checks every file under --cases and --curriculum (and FILES, if given; a file in the
    curriculum folder, or whose first line names module.schema.json, is a module); with FILES,
    reports only their problems.
    Exits 1 if there is any problem, 0 when all is clean; warnings (a timetable that is not humane)
    are printed and fail only with --strict.
    """
    paths = case_files(cases_dir) if cases_dir.is_dir() else []
    modules = module_files(curriculum_dir) if curriculum_dir.is_dir() else []
    translations = translation_files(cases_dir) if cases_dir.is_dir() else []
    module_translations = module_translation_files(curriculum_dir) if curriculum_dir.is_dir() else []
    known = {p.resolve() for p in paths + modules + translations + module_translations}
    extra = [f for f in files if f.resolve() not in known]
    extra_modules = [f for f in extra if f.resolve().parent == curriculum_dir.resolve() or _names_module_schema(f)]
    extra = [f for f in extra if f not in extra_modules]
    if not paths and not files:
        _fail(f"{display_path(cases_dir)}: folder of case studies not found (hint: run from the project folder, or pass --cases)")
    extra_cases = [f for f in extra if "." not in f.name.removesuffix(".yaml")]
    extra_translations = [f for f in extra if f not in extra_cases]
    docs, case_tr, problems = check_content(
        paths + extra_cases, translations + extra_translations, allow_synthetic=allow_synthetic
    )
    module_docs, module_found = check_modules(modules + extra_modules, known_case_ids(docs, paths + extra_cases))
    module_tr, module_tr_found = check_module_translations(module_translations, module_docs, modules + extra_modules)
    problems += module_found + module_tr_found
    with_problems = {p.path for p in problems}
    warnings = [w for doc in module_docs if doc.name not in with_problems for w in timetable_warnings(doc)]
    problems += content_folder_problems(cases_dir, curriculum_dir) if cases_dir.is_dir() else []
    if Path("docs").is_dir():  # translations of hand-written pages are contributor text too (page_safety.py)
        problems += page_translations(Path("docs"), interface_languages())[1]
    linking = [] if problems else _linking_texts(docs, module_docs, case_tr + module_tr)
    if linking:  # only then are the site's pages worked out
        atlas = load_atlas(cases_dir, curriculum_dir, allow_synthetic=allow_synthetic)
        problems += link_problems(
            linking,
            site_targets([p.src_uri for p in render_pages(atlas)] + list(static_files()) + list(data_files(atlas)), Path("docs")),
        )
    if files:
        wanted = {display_path(f) for f in files}
        problems = [p for p in problems if p.path in wanted]
        warnings = [w for w in warnings if w.path in wanted]
    checked = len(files) if files else len(paths) + len(modules) + len(translations) + len(module_translations)
    if problems:
        click.echo(ContentError(problems).report())
        sys.exit(1)
    for w in sorted(warnings):
        click.echo(str(w))
    n = len(warnings)
    if n and strict:
        click.echo(
            f"{n} warning{'s' if n != 1 else ''}, failed with --strict (hint: fix the timetable, or change its `timetable_rules`)"
        )
        sys.exit(1)
    more = f", {n} warning{'s' if n != 1 else ''}" if n else ""
    click.echo(f"ok: {checked} file{'s' if checked != 1 else ''} checked, no problems{more}")


@main.command("list")
@CASES
def list_cases(cases_dir: Path) -> None:
    """Print the cases with their country and mechanisms."""
    atlas = load_atlas(cases_dir)
    cases = sorted(atlas.cases.values(), key=lambda c: (c.country, c.id))
    rows = [(c.id, c.country_name, ", ".join(c.mechanisms)) for c in cases]
    w0 = max((len(r[0]) for r in rows), default=2)
    w1 = max((len(r[1]) for r in rows), default=7)
    click.echo(f"{'id':<{w0}}  {'country':<{w1}}  mechanisms")
    for r in rows:
        click.echo(f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}")
    click.echo(f"{len(rows)} cases")


@main.command()
@click.argument("country")
@click.argument("case_id", metavar="ID")
@CASES
def new(country: str, case_id: str, cases_dir: Path) -> None:
    """Write a new case file, every field present and explained, to fill in."""
    if not country_name(country.upper()):
        _fail(f"'{country}' is not an ISO 3166-1 alpha-2 country code (hint: for example cn, id, vn)")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id) or len(case_id) > 80:
        _fail(f"'{case_id}' is not a valid id (hint: lower-case letters, digits and single hyphens, e.g. qianhe-village)")
    path = new_content_file(cases_dir, f"{country.lower()}/{case_id}.yaml", new_case_text(country, case_id))
    click.echo(f"wrote {display_path(path)}: fill in the empty fields, then run `caseatlas validate {display_path(path)}`")


@main.command()
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the Markdown pages into.",
)
@click.option("--language", default="en", show_default=True, help="Language of interface words.")
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of template overrides (caseatlas/*.j2).",
)
@CASES
@CURRICULUM
@SYNTHETIC
def render(
    out: Path, language: str, templates: Path | None, cases_dir: Path, curriculum_dir: Path, allow_synthetic: bool
) -> None:
    """Write the generated pages as plain Markdown, for any site generator."""
    check_target(out, "pages", protected=[cases_dir, curriculum_dir])
    atlas = load_atlas(cases_dir, curriculum_dir, allow_synthetic=allow_synthetic)
    pages = render_pages(atlas, language, templates)
    files = [(p.src_uri, markdown_of(p)) for p in pages] + list(static_files().items()) + list(data_files(atlas).items())
    write_files(out, dict(files))
    click.echo(f"wrote {len(pages)} pages to {display_path(out)}")


main.add_command(module)
main.add_command(export)


@export.command("data")
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write cases.json and indicators.csv into.",
)
@CASES
@SYNTHETIC
def export_data_command(out: Path, cases_dir: Path, allow_synthetic: bool) -> None:
    """Write cases.json (every case, as validated) and indicators.csv (one row per indicator value).

    Both are written to temporary names and renamed into place together, so a reader never sees half a file,
    nor a new cases.json beside an old indicators.csv.
    """
    check_target(out, "data", protected=[cases_dir])
    atlas = load_atlas(cases_dir, allow_synthetic=allow_synthetic)
    for path in export_data(atlas, out):
        click.echo(f"wrote {display_path(path)}")


@main.command()
@click.option(
    "--module", "module_id", metavar="ID", help="A course module: its pages, handout and facilitator guide, and its cases."
)
@click.option("--country", metavar="CC", help="A country's cases (ISO code, such as cn), with the modules that use only them.")
@click.option("--all", "everything", is_flag=True, help="Every case and module.")
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="The zip to write, such as atlas.zip; replaced only once the new one is complete.",
)
@click.option(
    "--language",
    "-l",
    type=click.Choice(interface_languages()),
    default="en",
    show_default=True,
    help="Language of the bundle: one per bundle (make one for each language your trainees read).",
)
@click.option(
    "--config-file",
    "-f",
    "mkdocs_yml",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration.",
)
def bundle(module_id: str | None, country: str | None, everything: bool, out: Path, language: str, mkdocs_yml: Path) -> None:
    """Write the site, or part of it, as a zip to read offline: unzip it and open index.html.

    Choose one of --module, --country or --all. The bundle works from the file system with
    no network, search included (Material's search), and nothing in it loads anything from
    elsewhere; "Find a case" needs a web server and is left out. Every case and module is
    validated first, as for the site. The glossary and the guides for readers are always included.
    """
    plugin = load_config(str(mkdocs_yml)).plugins.get("caseatlas")
    if plugin is None:
        _fail(f"{display_path(mkdocs_yml)}: the caseatlas plugin is not in `plugins` (hint: run from the project folder)")
        return
    cases_dir, curriculum_dir = Path(plugin.config.cases_dir), Path(plugin.config.curriculum_dir)
    check_target(out, "zip", protected=[cases_dir, curriculum_dir, mkdocs_yml.parent / "docs", mkdocs_yml])
    atlas = load_atlas(cases_dir, curriculum_dir, allow_synthetic=plugin.config.allow_synthetic)
    selection = select(atlas, module=module_id, country=country, everything=everything)
    report = make_bundle(mkdocs_yml, selection, out, language)
    click.echo(
        f"wrote {display_path(report.path)}: {selection.label} in '{language}', {report.pages} pages, "
        f"{report.zip_bytes / 1e6:.1f} MB, in {report.seconds:.1f} s"
    )


def _linking_texts(
    cases: list[Document], modules: list[Document], translations: list[Translation]
) -> list[tuple[Document, list[str]]]:
    """The cases, modules and translations whose text holds a relative link, each with the pages that show it."""
    found = [(d, case_pages(d.data.get("id"))) for d in cases if relative_links(d)]
    found += [(d, module_pages(d.data.get("id"))) for d in modules if relative_links(d)]
    for t in translations:
        if not any("](" in text or "]:" in text or "][" in text for _, text in strings_of(t.data)):
            continue
        doc = read_document(t.path)
        if isinstance(doc, Document) and relative_links(doc):
            found.append((doc, module_pages(t.of) if t.schema == MODULE.schema else case_pages(t.of)))
    return found


def _names_module_schema(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False  # reported as a case file that is not a regular file
    try:
        with path.open("rb") as fh:
            return b"module.schema.json" in fh.readline(300)
    except OSError:
        return False  # reported as a case file that cannot be read


@main.group()
def i18n() -> None:
    """Translations: what is translated, and the fingerprint a translation records."""


@i18n.command("status")
@CASES
@CURRICULUM
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="Folder of hand-written pages.",
)
@click.option("--language", "-l", "langs", multiple=True, help="A language to show (repeat); default: every language.")
def status(cases_dir: Path, curriculum_dir: Path, docs_dir: Path, langs: tuple[str, ...]) -> None:
    """Each case, course module and hand-written page in each language: original, translated, stale or missing.

    A translation is stale when its original changed after it was made. Always exits 0
    when the content is valid: a missing translation is not an error.
    """
    wanted = list(langs) or interface_languages()
    unknown = [lang for lang in wanted if lang not in interface_languages()]
    if unknown:
        _fail(f"no interface for {', '.join(unknown)} (hint: use one of: {', '.join(interface_languages())})")
    atlas = load_atlas(cases_dir, curriculum_dir)
    click.echo(format_table(case_status(atlas, wanted), wanted, heading="case"))
    if atlas.modules:
        click.echo()
        click.echo(format_table(module_status(atlas, wanted), wanted, heading="module"))
    if docs_dir.is_dir():
        click.echo()
        click.echo(format_table(page_status(docs_dir, wanted, interface_languages()[0]), wanted, heading="page"))
    click.echo("\n* not yet reviewed by a person")


@i18n.command("fingerprint")
@click.argument("target")
@CASES
@CURRICULUM
def fingerprint_command(target: str, cases_dir: Path, curriculum_dir: Path) -> None:
    """Print the fingerprint to record in a translation of TARGET: a case id, a module (curriculum/ID.yaml, or its id
    when no case has it), or a page such as docs/index.md."""
    module_path = Path(target) if target.endswith(".yaml") else curriculum_dir / f"{target}.yaml"
    if module_path.is_file() and (
        target.endswith(".yaml") or not (cases_dir.is_dir() and any(p.stem == target for p in case_files(cases_dir)))
    ):
        case_ids = {p.stem for p in case_files(cases_dir)} if cases_dir.is_dir() else set()
        module_docs, problems = check_modules([module_path], case_ids)
        if problems or not module_docs:
            raise ContentError(problems)
        click.echo(fingerprint(module_docs[0].data, MODULE.schema))
        return
    if target.endswith(".md"):
        if not Path(target).is_file():
            _fail(f"{target}: no such page (hint: give the path of a hand-written page, for example docs/index.md)")
        click.echo(page_fingerprint(Path(target)))
        return
    # Only the cases are read: a translation being written (its fingerprint still empty) must not stop this.
    docs, problems = check_cases(case_files(cases_dir) if cases_dir.is_dir() else [])
    doc = next((d for d in docs if d.data.get("id") == target), None)
    if doc is None:
        _fail(f"no case '{target}' in {display_path(cases_dir)} (hint: `caseatlas list` shows the ids)")
    else:
        own = [p for p in problems if p.path == doc.name]
        if own:
            raise ContentError(own)
        click.echo(fingerprint(doc.data))


DOCS = click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="Folder of hand-written pages.",
)


@i18n.command("export")
@click.option("--language", "-l", "lang", required=True, help="Language to translate into, for example id or zh.")
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="PO file to write, for example id.po.",
)
@CASES
@CURRICULUM
@DOCS
def export_po_command(lang: str, out: Path, cases_dir: Path, curriculum_dir: Path, docs_dir: Path) -> None:
    """Write a gettext PO file for translators (Weblate, Poedit, OmegaT, Crowdin): one entry per text of every
    case, module and hand-written page, its current translation as msgstr, `fuzzy` where the original changed."""
    langs = interface_languages()
    if lang not in langs[1:]:
        _fail(f"'{lang}' is not a language the atlas is translated into (hint: one of: {', '.join(langs[1:])})")
    check_target(out, "po", protected=[cases_dir, curriculum_dir, docs_dir])
    docs = documents(load_atlas(cases_dir, curriculum_dir), docs_dir, lang, langs)
    po = export_po(docs, lang)
    text = str(po) + "\n"
    write_files(out.parent, {out.name: text.encode("utf-8")})
    fuzzy = sum(1 for e in po if "fuzzy" in e.flags)
    done = sum(1 for e in po if e.msgstr and "fuzzy" not in e.flags)
    click.echo(
        f"wrote {display_path(out)}: {len(po)} entries from {len(docs)} files in '{lang}': "
        f"{done} translated, {fuzzy} fuzzy, {len(po) - done - fuzzy} untranslated"
    )


@i18n.command("import")
@click.argument("po_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", "-l", "lang", default=None, help="Language the file must hold (default: its header's).")
@CASES
@CURRICULUM
@DOCS
def import_po_command(po_file: Path, lang: str | None, cases_dir: Path, curriculum_dir: Path, docs_dir: Path) -> None:
    """Write the translations of a PO file into <id>.<lang>.yaml and docs/<page>.<lang>.md files, with their
    fingerprints. An original is written only when every entry of it is translated and not fuzzy, and only if it
    changes; nothing is written when the file has any problem."""
    if not po_file.is_file():
        _fail(f"{display_path(po_file)}: no such file (hint: give the PO file, for example id.po)")
    po = read_po(po_file)
    langs = interface_languages()
    found = po_language(po, po_file, langs, lang)
    docs = documents(load_atlas(cases_dir, curriculum_dir), docs_dir, found, langs)
    planned, skipped = plan_import(po, po_file, docs, found)
    dropped = {p.path: body_comments(p.path) for p in planned if p.path.suffix == ".yaml"}
    write_all(planned)
    for p in planned:
        n = dropped.get(p.path, 0)
        click.echo(
            f"wrote {display_path(p.path)}"
            + (
                f" ({n} comment line{'s' if n != 1 else ''} inside it not kept: keep translator notes at the top of the file)"
                if n
                else ""
            )
        )
    for line in skipped:
        click.echo(f"left as it was: {line}")
    click.echo(
        f"imported {display_path(po_file)} ('{found}'): {len(planned)} file{'s' if len(planned) != 1 else ''} "
        f"written, {len(docs) - len(planned)} unchanged"
    )


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


if __name__ == "__main__":
    main()
