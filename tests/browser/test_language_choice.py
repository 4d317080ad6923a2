"""Finding one's language: the first-visit notice in the browser's language, no redirect, the choice kept;
a language button that names the language, on a phone too; body text in the page's language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ROOT


def _page(browser: object, locale: str, **context: object) -> object:
    ctx = browser.new_context(locale=locale, **context)  # type: ignore[attr-defined]
    return ctx.new_page()


def test_first_visit_offers_indonesian_in_indonesian_without_redirect(browser: object, base_url: str) -> None:
    page = _page(browser, "id-ID")
    page.goto(base_url + "cases/qianhe/")  # type: ignore[attr-defined]
    notice = page.locator(".ca-lang-suggest")  # type: ignore[attr-defined]
    notice.wait_for()
    assert page.url == base_url + "cases/qianhe/"  # type: ignore[attr-defined]
    assert notice.get_attribute("lang") == "id"
    assert "Halaman ini juga tersedia dalam bahasa Indonesia." in notice.inner_text()
    link = notice.locator("a")
    assert link.inner_text() == "Baca dalam bahasa Indonesia"
    assert link.get_attribute("href").endswith("id/cases/qianhe/")
    notice.locator("button").click()
    assert page.locator(".ca-lang-suggest").count() == 0  # type: ignore[attr-defined]
    page.goto(base_url + "cases/shibadong/")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.locator(".ca-lang-suggest").count() == 0  # type: ignore[attr-defined]  # the choice is kept
    page.context.close()  # type: ignore[attr-defined]


def test_no_notice_for_a_reader_whose_language_the_page_is_in(browser: object, base_url: str) -> None:
    for locale, path in (("en-GB", ""), ("zh-CN", "zh/"), ("fr-FR", "")):
        page = _page(browser, locale)
        page.goto(base_url + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert page.locator(".ca-lang-suggest").count() == 0, locale  # type: ignore[attr-defined]
        page.context.close()  # type: ignore[attr-defined]


def test_chinese_reader_is_offered_chinese_and_following_the_link_is_remembered(browser: object, base_url: str) -> None:
    page = _page(browser, "zh-CN")
    page.goto(base_url + "id/")  # type: ignore[attr-defined]
    notice = page.locator(".ca-lang-suggest")  # type: ignore[attr-defined]
    notice.wait_for()
    assert notice.get_attribute("lang") == "zh" and "本页也有中文版。" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(base_url + "zh/")  # type: ignore[attr-defined]
    page.goto(base_url + "id/")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.locator(".ca-lang-suggest").count() == 0  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_language_button_names_the_language_on_a_phone(browser: object, base_url: str) -> None:
    page = _page(browser, "en-GB", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(base_url + "id/")  # type: ignore[attr-defined]
    label = page.locator(".ca-lang-button .ca-lang-label")  # type: ignore[attr-defined]
    assert label.is_visible() and label.inner_text() == "Bahasa Indonesia"
    box = label.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


CASE_IDS = sorted(p.stem for p in (ROOT / "case_studies").rglob("*.yaml") if "." not in p.stem)


@pytest.mark.parametrize("lang", ["zh", "id"])
def test_every_case_body_is_in_the_page_language(browser: object, base_url: str, lang: str) -> None:
    page = _page(browser, {"zh": "zh-CN", "id": "id-ID"}[lang])  # a reader of that language: no notice offering another
    for cid in CASE_IDS:
        page.goto(f"{base_url}{lang}/cases/{cid}/")  # type: ignore[attr-defined]
        # No part of the article is marked as another language (an untranslated original would be).
        foreign = page.evaluate(
            """(lang) => [...document.querySelectorAll('article [lang]')]
            .filter(e => ['DIV', 'P', 'SECTION', 'UL', 'OL', 'TABLE'].includes(e.tagName)  // blocks of text, not a name
                         && !e.lang.startsWith(lang)
                         && !e.closest('.ca-sources, .ca-lang-suggest, .ca-quote-tip, .ca-quotes, [hidden]')
                         && e.textContent.trim().length > 40)
            .map(e => e.lang)""",
            lang,
        )  # type: ignore[attr-defined]
        assert foreign == [], (cid, foreign)
        # The body text, less the evidence kept in its sources' own words (quotes, the source list).
        body = page.evaluate("""() => { const a = document.querySelector('article').cloneNode(true);
            a.querySelectorAll('.ca-sources, .ca-quote-tip, .ca-quotes, [hidden], [lang]:not([lang^="zh"]):not([lang^="id"])')
             .forEach(e => e.remove());
            return a.textContent; }""")  # type: ignore[attr-defined]
        if lang == "zh":
            han = sum(1 for ch in body if "\u4e00" <= ch <= "\u9fff")
            assert han > len(body) * 0.3, cid
        else:
            words = body.lower().split()
            common = sum(words.count(w) for w in ("yang", "dan", "di", "dari", "untuk", "dengan"))
            assert common > len(words) * 0.04, cid
    page.context.close()  # type: ignore[attr-defined]


def test_indonesian_handout_prints_in_indonesian(browser: object, base_url: str, tmp_path: object) -> None:
    import io

    from pypdf import PdfReader

    page = _page(browser, "id-ID")
    page.goto(base_url + "id/modules/targeted-poverty-alleviation-study-visit/handout/")  # type: ignore[attr-defined]
    pdf = page.pdf(format="A4")  # type: ignore[attr-defined]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Pengentasan kemiskinan tepat sasaran: kunjungan studi lima hari bagi kepala desa" in " ".join(text.split())
    assert "Rencana aksi Anda" in text and "Your action plan" not in text
    assert "Welcome, and why village heads" not in text
    page.context.close()  # type: ignore[attr-defined]
