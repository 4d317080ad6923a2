"""`caseatlas export cartridge ID --language id|zh`: the package's pages and manifest are in that language."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.cli.main import main

MODULE = "targeted-poverty-alleviation-study-visit"


@pytest.mark.parametrize(
    ("lang", "title", "case_title"),
    [
        (
            "id",
            "Pengentasan kemiskinan tepat sasaran: kunjungan studi lima hari bagi kepala desa",
            "Desa Qianhe, Henan: sepuluh tahun pengabdian seorang pejabat yang ditugaskan",
        ),
        ("zh", "精准扶贫：面向村长的五天考察学习", None),
    ],
)
def test_cartridge_in_another_language_uses_the_translations(
    tmp_path: Path, lang: str, title: str, case_title: str | None
) -> None:
    out = tmp_path / f"{lang}.imscc"
    result = CliRunner().invoke(main, ["export", "cartridge", MODULE, "--language", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        manifest = z.read("imsmanifest.xml").decode("utf-8")
        overview = z.read("overview.html").decode("utf-8")
        sessions = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sessions/")]
        cases = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("cases/")}
    assert f'<html lang="{lang}"' in overview and title in overview
    assert f'language="{lang}"' in manifest and title in manifest
    assert all(f'<html lang="{lang}"' in s for s in sessions)
    assert not any('<div lang="en"' in html for html in [overview, *sessions, *cases.values()])  # nothing left untranslated
    if case_title:
        assert case_title in cases["cases/qianhe.html"]


def test_cartridge_refuses_a_language_the_atlas_has_not(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "cartridge", MODULE, "--language", "fr", "-o", str(tmp_path / "x.imscc")])
    assert result.exit_code == 2 and "'fr' is not one of" in result.output
    assert not (tmp_path / "x.imscc").exists()
