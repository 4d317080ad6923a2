"""The site in every language: one build, the right `lang`, translated pages, notices, switcher, glossary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from caseatlas.atlas.glossary import load_glossary, mark_first_uses
from caseatlas.core.strings import languages
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.site.languages import Site
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
STRINGS = yaml.safe_load((ROOT / "src" / "caseatlas" / "data" / "strings.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def test_one_build_makes_every_language_with_its_lang_and_interface(site: Path) -> None:
    for prefix, lang, search_word in (("", "en", "Search"), ("zh/", "zh", "搜索"), ("id/", "id", "Cari")):
        for page in ("", "cases/qianhe/", "cases/luhua-embroidery/", "glossary/", "translations/", "matrix/"):
            text = (site / prefix / page / "index.html").read_text("utf-8")
            assert f'<html lang="{lang}"' in text, (prefix, page)
            assert f'placeholder="{search_word}"' in text
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))  # one index, split by language
    n = len(list((site / "cases").glob("*/index.html")))  # every case page, in every language
    assert n >= 24 and {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": n, "zh": n, "id": n}


def test_the_english_site_does_not_publish_translated_hand_written_pages(site: Path) -> None:
    assert not list(site.glob("index.zh*")) and not list(site.glob("index.id*"))
    assert "Case Atlas is a library" in html(site, "")
    assert "案例地图（Case Atlas）是一个" in html(site, "zh") and "Case Atlas adalah pustaka" in html(site, "id")


def test_translated_case_pages_show_the_translation_and_the_draft_notice(site: Path) -> None:
    zh = html(site, "zh/cases/shibadong")
    assert "<h1" in zh and "湖南十八洞村：“精准扶贫”提出的地方" in zh
    assert "译文草稿" in zh and "本译文尚未经人工对照原文审校" in zh and "尚未翻译" not in zh
    assert "1,300" in html(site, "id/cases/qianhe") and "Pendapatan tahunan per kapita" in html(site, "id/cases/qianhe")
    assert '<h2 id="konteks">Konteks' in html(site, "id/cases/shibadong")


def test_translated_pages_say_they_are_drafts_in_the_readers_language(site: Path) -> None:
    """Every page is translated now; each is a machine-assisted draft and says so, under its title. (A page with
    no translation, shown in the original with its notice, is built in tests/test_fourth_language.py.)"""
    from caseatlas.core.strings import strings

    zh = html(site, "zh/cases/luhua-embroidery")
    draft = strings("zh")["notice_unreviewed_title"]
    assert draft in zh and "青海省 Luhua 镇的妇女刺绣工坊" in zh and strings("zh")["notice_missing_title"] not in zh
    guide = html(site, "id/guides/contributing")
    assert strings("id")["notice_unreviewed_title"] in guide and "Tambahkan kasus dari negara Anda" in guide
    assert '<div lang="en"' not in zh and '<div lang="en"' not in guide
    assert strings("en")["notice_unreviewed_title"] not in html(site, "cases/luhua-embroidery")
    notice = zh.index(draft)
    article = zh.index("<article")  # (the head's JSON-LD quotes the summary too)
    h1 = zh.index("<h1", article)
    assert article < h1 < notice < zh.index("一个刺绣工坊的设立", h1)  # at the top, under the title


def test_switcher_links_each_page_to_the_same_page_in_every_language(site: Path) -> None:
    for prefix in ("", "zh/", "id/"):
        for page in ("", "cases/qianhe/", "sdgs/1/", "guides/contributing/"):
            text = (site / prefix / page / "index.html").read_text("utf-8")
            links = dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)" lang="\w+" class="md-select__link"', text))
            assert sorted(links.values()) == ["en", "id", "zh"], (prefix, page)
            for href, lang in links.items():
                target = (site / prefix / page / href).resolve()
                assert target == (site / Site("en", ("en", "zh", "id"), lang).root(lang) / page).resolve(), href
                assert (target / "index.html").is_file()


def test_navigation_and_vocabulary_are_translated(site: Path) -> None:
    zh = html(site, "zh/mechanisms/relocation")
    assert "易地扶贫搬迁" in zh and re.search(r">\s*机制 × 国家\s*<", html(site, "zh"))
    assert re.search(r">\s*术语表\s*<", html(site, "zh")) and re.search(r">\s*Glosarium\s*<", html(site, "id"))
    assert "中国" in html(site, "zh/countries")
    assert "Tiongkok" in html(site, "id/countries") and "Tanpa kemiskinan" in html(site, "id/sdgs/1")


def test_glossary_page_per_language_and_first_use_marked_elsewhere(site: Path) -> None:
    for prefix, heading in (("", "targeted poverty alleviation"), ("zh/", "精准扶贫"), ("id/", "pengentasan kemiskinan")):
        assert heading in html(site, prefix + "glossary")
    zh = html(site, "zh/cases/shibadong")
    article = zh[zh.index("<article") : zh.index("</article>")]
    terms = re.findall(r'<abbr class="ca-term" title="([^"]+)" tabindex="0">([^<]+)</abbr>', article)
    assert ("精准扶贫" in [t for _, t in terms]) and len(terms) == len({t for _, t in terms})
    assert terms[[t for _, t in terms].index("精准扶贫")][0].startswith("中国的减贫方式")
    en = html(site, "cases/luhua-embroidery")
    assert re.search(
        r'<abbr class="ca-term" title="In China, moving households[^"]*" tabindex="0">poverty alleviation '
        r"relocation</abbr>",
        en,
    )


def test_translators_page_shows_the_status_table(site: Path) -> None:
    text = html(site, "translations")
    row = re.search(r"<tr>\s*<td><a href=\"../cases/qianhe/\">.*?</tr>", text, re.S)
    assert row and row.group(0).count("translated*") == 2 and "original" in row.group(0)
    n = len(list((site / "cases").glob("*/index.html"))) + len(list((site / "modules").glob("*/index.html")))
    assert f"{n} / {n} (100%)" in text  # every case and course module, each translated into both languages
    module = re.search(r"<tr>\s*<td><a href=\"../modules/targeted-poverty-alleviation-study-visit/\">.*?</tr>", text, re.S)
    assert module and module.group(0).count("translated*") == 2 and "original" in module.group(0)
    zh = html(site, "zh/translations")
    assert "已翻译*" in zh and "原文" in zh


def test_stale_translation_shows_its_notice(project: Path, tmp_path: Path) -> None:
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    case.write_text(
        case.read_text("utf-8").replace(
            "Qianhe is a village in Henan province", "Qianhe is a village in central China's Henan province"
        ),
        "utf-8",
    )
    site = build_site(project, tmp_path / "site")
    zh = html(site, "zh/cases/qianhe")
    assert "本译文可能已过时" in zh and "英文原文已有修改" in zh
    assert "Qianhe 是河南省的一个村" in zh  # still the translation, with the notice
    assert "Terjemahan ini mungkin sudah usang" in html(site, "id/cases/qianhe")
    assert "本译文可能已过时" not in html(site, "zh/cases/shibadong")


def test_stale_hand_written_page_shows_its_notice(project: Path, tmp_path: Path) -> None:
    home = project / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    site = build_site(project, tmp_path / "site")
    assert "本译文可能已过时" in html(site, "zh") and "Terjemahan ini mungkin sudah usang" in html(site, "id")


def test_a_page_translation_without_its_original_fails_the_build(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "docs" / "nowhere.zh.md").write_text("# 无\n", "utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(project, tmp_path / "site")
    assert "docs/nowhere.zh.md:1:1: translates docs/nowhere.md, which does not exist" in caplog.text.replace(
        str(project) + "/", ""
    )


def test_every_language_has_every_interface_word() -> None:
    assert languages() == ["en", "zh", "id"]
    for lang, words in STRINGS.items():
        assert set(words) == set(STRINGS["en"]), lang
        for key, value in STRINGS["en"].items():
            if isinstance(value, dict):
                assert set(words[key]) == set(value), (lang, key)


def test_every_nav_title_in_mkdocs_yml_has_a_translation() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1]
    titles = re.findall(r"^\s*- ([^:\n]+):", config, re.M)
    assert titles and set(titles) <= set(STRINGS["en"]["nav"]), set(titles) - set(STRINGS["en"]["nav"])


@pytest.mark.parametrize("lang", ["zh", "id"])
def test_every_vocabulary_term_is_translated(lang: str) -> None:
    en, local = load_vocabulary("en"), load_vocabulary(lang)
    for kind in ("mechanisms", "themes", "actor_types", "sdgs"):
        for key, term in getattr(en, kind).items():
            other = getattr(local, kind)[key]
            assert other.definition != term.definition, (kind, key)


def test_glossary_has_the_required_terms_in_every_language() -> None:
    terms = {t.slug: t for t in load_glossary()}
    for t in terms.values():
        assert set(t.names) == set(t.definitions) == {"en", "zh", "id"}, t.slug
    names = {t.names["zh"] for t in terms.values()} | {t.names["en"] for t in terms.values()}
    assert {
        "精准扶贫",
        "建档立卡",
        "驻村第一书记",
        "东西部协作",
        "易地扶贫搬迁",
        "village-run enterprise",
        "cooperative",
        "BUMDes",
        "Dana Desa",
        "kepala desa",
    } <= names


def test_first_use_only_and_never_inside_headings_links_or_code() -> None:
    page = (
        "<h2>Cooperatives</h2><p>A <a href='x'>cooperative</a> and <code>cooperative</code>.</p>"
        "<p>Each cooperative, and another cooperative. 合作社与精准扶贫。</p>"
    )
    out = mark_first_uses(page, "id")
    assert out.count('<abbr class="ca-term"') == 2
    assert "<h2>Cooperatives</h2>" in out and "<a href='x'>cooperative</a>" in out
    assert 'Each <abbr class="ca-term" title="Perkumpulan orang' in out and "another cooperative." in out
    assert '合作社与<abbr class="ca-term" title="Pendekatan Tiongkok' in out  # 合作社 is a second use of cooperative
    wrapped = mark_first_uses("<p>seperti pejabat yang\n ditempatkan di desa.</p>", "id")
    assert 'title="Di Tiongkok, pejabat yang diutus' in wrapped and ">pejabat yang\n ditempatkan di desa</abbr>" in wrapped


def test_build_language_builds_one_language_on_its_own(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from caseatlas.site.languages import build_language

    parent = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    out = build_language(parent, "id")
    assert out == tmp_path / "site" / "id"
    assert '<html lang="id"' in (out / "cases" / "shibadong" / "index.html").read_text("utf-8")
    assert not (tmp_path / "site" / "index.html").exists() and not (tmp_path / "site" / "zh").exists()


def test_interface_words_file_has_no_key_twice() -> None:
    """PyYAML keeps the last of two equal keys silently; the atlas's own loader refuses them."""
    from caseatlas.content.loading import Document, read_document

    doc = read_document(ROOT / "src" / "caseatlas" / "data" / "strings.yaml")
    assert isinstance(doc, Document), doc
