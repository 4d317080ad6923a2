"""The `caseatlas module` and `caseatlas export` commands: plan, new, and the Common Cartridge export."""

from __future__ import annotations

import re
from pathlib import Path

import click

from caseatlas.atlas.model import Atlas
from caseatlas.atlas.pipeline import case_files, load_atlas
from caseatlas.content.modules import Module, hours_text
from caseatlas.content.scaffold import new_module_text
from caseatlas.core.errors import CaseAtlasError, display_path
from caseatlas.core.output_files import check_output, protected_folders
from caseatlas.core.output_guard import new_content_file
from caseatlas.core.strings import languages, strings
from caseatlas.core.vocabulary import did_you_mean
from caseatlas.outputs.cartridge import cartridge_files, write_cartridge
from caseatlas.outputs.pack import build_pack
from caseatlas.render.pages import Renderer

CASES = click.option(
    "--cases",
    "cases_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("case_studies"),
    show_default=True,
    help="Folder of case study files.",
)
CURRICULUM = click.option(
    "--curriculum",
    "curriculum_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("curriculum"),
    show_default=True,
    help="Folder of course module files.",
)


def find_module(atlas: Atlas, module_id: str, curriculum_dir: Path) -> Module:
    """The module with this id, or an error that names the closest one."""
    if module_id in atlas.modules:
        return atlas.modules[module_id]
    where = display_path(curriculum_dir)
    if not atlas.modules:
        raise CaseAtlasError(
            f"no module '{module_id}': {where}/ has no module files "
            f"(hint: write one with `caseatlas module new {module_id}`, or pass --curriculum)"
        )
    raise CaseAtlasError(
        f"no module '{module_id}' in {where}/ (hint: "
        + did_you_mean(module_id, atlas.modules, "modules: " + ", ".join(atlas.modules))
        + ")"
    )


@click.group()
def module() -> None:
    """Course modules built from the cases: plan one, or start a new one."""


@module.command()
@click.argument("module_id", metavar="ID")
@CASES
@CURRICULUM
def plan(module_id: str, cases_dir: Path, curriculum_dir: Path) -> None:
    """Print the agenda of a module, with hours per day and per kind of session."""
    m = find_module(load_atlas(cases_dir, curriculum_dir), module_id, curriculum_dir)
    t, d = strings(), m.data
    titles = d.get("day_titles") or []
    click.echo(m.title)
    click.echo(
        f"{m.days} day{'s' if m.days != 1 else ''}, {d['hours']['start']}–{d['hours']['end']}, "
        f"{len(m.sessions)} sessions, {hours_text(m.total_minutes)} h in sessions"
    )
    width = max(len(v) for v in t["kind_values"].values())
    for day, sessions in m.by_day.items():
        title = t["day_n_title"].format(n=day, title=titles[day - 1]) if len(titles) >= day else t["day_n"].format(n=day)
        click.echo(f"\n{title} ({hours_text(m.minutes_per_day[day])} h)")
        for s in sessions:
            click.echo(f"  {s.start_clock}–{s.end_clock}  {t['kind_values'][s.kind]:<{width}}  {s.title}")
        if not sessions:
            click.echo(f"  {t['no_sessions']}")
    click.echo("\nHours per day")
    for day, mins in m.minutes_per_day.items():
        click.echo(f"  {t['day_n'].format(n=day):<{width}}  {hours_text(mins):>6}")
    click.echo("\nHours per kind of session")
    for kind, mins in m.minutes_per_kind.items():
        click.echo(f"  {t['kind_values'][kind]:<{width}}  {hours_text(mins):>6}")
    click.echo(f"  {t['total']:<{width}}  {hours_text(m.total_minutes):>6}")


@module.command("new")
@click.argument("module_id", metavar="ID")
@CASES
@CURRICULUM
def new_module(module_id: str, cases_dir: Path, curriculum_dir: Path) -> None:
    """Write a new module file, every field present and explained, to fill in."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", module_id) or len(module_id) > 80:
        raise CaseAtlasError(
            f"'{module_id}' is not a valid id "
            "(hint: lower-case letters, digits and single hyphens, e.g. village-heads-study-visit)"
        )
    case_ids = [p.stem for p in case_files(cases_dir)] if cases_dir.is_dir() else []
    path = new_content_file(curriculum_dir, f"{module_id}.yaml", new_module_text(module_id, case_ids))
    click.echo(
        f"wrote {display_path(path)}: fill in the empty fields, then run `caseatlas validate` "
        f"and `caseatlas module plan {module_id}`"
    )


@click.group()
def export() -> None:
    """Export content for other systems."""


@export.command()
@click.argument("module_id", metavar="ID")
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=True, path_type=Path),
    default=None,
    help="File to write, for example module.imscc.  [default: ID.imscc]",
)
@click.option(
    "--language",
    "-l",
    type=click.Choice(languages()),
    default="en",
    show_default=True,
    help="Language of the cartridge: its pages, the module's and cases' translations, interface words.",
)
@CASES
@CURRICULUM
def cartridge(module_id: str, out: Path | None, language: str, cases_dir: Path, curriculum_dir: Path) -> None:
    """Write a module as an IMS Common Cartridge 1.1 package for Moodle, Canvas and other LMSs."""
    atlas = load_atlas(cases_dir, curriculum_dir, language=language)
    m = find_module(atlas, module_id, curriculum_dir)
    out = out or Path(f"{module_id}.imscc")
    check_output(out, ".imscc", protected_folders(cases_dir, curriculum_dir))
    pack_language = language if language in languages() else "en"
    pack = build_pack(atlas, m.id, pack_language, "participants", "a4", allow_untranslated=True)
    files = cartridge_files(atlas, m, Renderer(atlas, language), pack.pdf)
    write_cartridge(files, out)
    click.echo(f"wrote {display_path(out)}: {len(m.sessions)} sessions and {len(m.case_ids)} cases, {len(files)} files")
