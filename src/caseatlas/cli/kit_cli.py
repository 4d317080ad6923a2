"""`caseatlas export pack` and `caseatlas export calendar`: the organizer's kit on paper and in a calendar.

Every file they write goes through output_files (checked before any work, written atomically).
"""

from __future__ import annotations

from pathlib import Path

import click

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.cli.module_cli import CASES, CURRICULUM, export, find_module
from caseatlas.core.errors import display_path
from caseatlas.core.output_files import check_output, protected_folders, write_output
from caseatlas.core.strings import languages
from caseatlas.outputs.calendar_export import calendar_bytes, parse_start, parse_zone
from caseatlas.outputs.pack import build_pack
from caseatlas.outputs.pack_html import AUDIENCES, PAPERS

LANGUAGE = click.option(
    "--language",
    default="en",
    show_default=True,
    type=click.Choice(languages()),
    help="Language of the pack: the module and its cases as a reader of this language sees them.",
)
OUT = click.option("--out", "-o", "out", type=click.Path(path_type=Path), required=True, help="File to write.")


@export.command()
@click.argument("module_id", metavar="MODULE")
@LANGUAGE
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="participants",
    show_default=True,
    help="participants: the handout; facilitators: the guide's notes as well.",
)
@click.option("--paper", type=click.Choice(list(PAPERS)), default="a4", show_default=True, help="Paper size.")
@click.option(
    "--allow-untranslated",
    is_flag=True,
    help="Print what has no translation in --language in its original language (the cover says so).",
)
@OUT
@CASES
@CURRICULUM
def pack(
    module_id: str,
    language: str,
    audience: str,
    paper: str,
    allow_untranslated: bool,
    out: Path,
    cases_dir: Path,
    curriculum_dir: Path,
) -> None:
    """Write a module's course pack as one PDF: timetable, days, every case in full, action plan, sheets."""
    check_output(out, ".pdf", protected_folders(cases_dir, curriculum_dir))
    atlas = load_atlas(cases_dir, curriculum_dir)
    find_module(atlas, module_id, curriculum_dir)
    result = build_pack(atlas, module_id, language, audience, paper, allow_untranslated)
    write_output(out, result.pdf)
    click.echo(
        f"wrote {display_path(out)}: {result.pages} pages, {len(result.pdf) / 1e6:.1f} MB, "
        f"{language}, {audience}, {paper} ({result.seconds:.1f} s)"
    )


@export.command()
@click.argument("module_id", metavar="MODULE")
@click.option("--start", "start_text", required=True, metavar="YYYY-MM-DD", help="Date of day 1.")
@click.option("--timezone", "zone_name", required=True, metavar="Area/City", help="IANA time zone of the sessions' times.")
@LANGUAGE
@OUT
@CASES
@CURRICULUM
def calendar(
    module_id: str, start_text: str, zone_name: str, language: str, out: Path, cases_dir: Path, curriculum_dir: Path
) -> None:
    """Write a module's sessions as an iCalendar (.ics) file, one event per session."""
    start, zone = parse_start(start_text), parse_zone(zone_name)
    check_output(out, ".ics", protected_folders(cases_dir, curriculum_dir))
    atlas = load_atlas(cases_dir, curriculum_dir)
    m = find_module(atlas, module_id, curriculum_dir)
    shown = atlas.in_language(language)
    data = calendar_bytes(shown, shown.modules[m.id], start, zone, language)
    write_output(out, data)
    click.echo(f"wrote {display_path(out)}: {len(m.sessions)} events from {start.isoformat()} ({zone.key})")
