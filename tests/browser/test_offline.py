"""Save for offline (issue 16): save a module or a case, go offline, read, navigate, search; a rebuild updates what
is saved; removing works; a full storage and a worker of an older build get a clear message. In Chromium, on a
390 px phone and a desktop, in the three languages of the site."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from caseatlas.core.strings import strings
from caseatlas.site.offline_save import write_offline_files
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PageWatch
from tests.sitebuild import serve

MODULE = "targeted-poverty-alleviation-study-visit"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
ROOTS = {"en": "", "zh": "zh/", "id": "id/"}


@pytest.fixture(scope="module")
def own_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site: the rebuild test changes it."""
    copy = tmp_path_factory.mktemp("offline") / "site"
    shutil.copytree(site_dir, copy)
    return copy


@pytest.fixture(scope="module")
def url(own_site: Path) -> Iterator[str]:
    with serve(own_site) as base:
        yield base


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page(options) → a PageWatch in a new context (a fresh device: nothing saved, no worker)."""
    contexts: list[Any] = []

    def make(options: dict[str, Any]) -> PageWatch:
        context = browser.new_context(**options)
        contexts.append(context)
        watch = PageWatch(context.new_page())
        context.on("console", lambda m: m.type == "error" and watch.console_errors.append(f"{m.text} {m.location}"))
        return watch

    yield make
    for context in contexts:
        context.close()


def save(page: Any, words: dict[str, Any]) -> str:
    panel = page.locator(".ca-offline").first
    panel.wait_for(state="visible")
    panel.locator("[data-offline-save]").click()
    status = panel.locator(".ca-offline__status")
    page.wait_for_function(
        "s => ['saved', 'error'].includes(document.querySelector(s).dataset.state)", arg=".ca-offline__status", timeout=60_000
    )
    text = status.inner_text()
    assert status.get_attribute("data-state") == "saved", text
    done = re.escape(words["offline_done"]).replace(re.escape("{size}"), r"([\d.,]+\s?\S+)")
    match = re.fullmatch(done, text)
    assert match, (text, words["offline_done"])
    return match.group(1)


def clean(watch: PageWatch) -> None:
    assert watch.console_errors == [], (watch.console_errors, watch.failed_requests)
    assert watch.failed_requests == [], watch.failed_requests
    assert watch.external_requests == [], watch.external_requests


CASES = [("en", DESKTOP, "desktop"), ("zh", PHONE, "phone"), ("id", PHONE, "phone")]


@pytest.mark.parametrize(("lang", "options", "device"), CASES, ids=[f"{lang}-{d}" for lang, _, d in CASES])
def test_a_saved_module_opens_offline_with_its_cases_and_search(
    lang: str, options: dict[str, Any], device: str, open_page: Any, url: str
) -> None:
    t = strings(lang)
    watch = open_page(options)
    page = watch.page
    root = url + ROOTS[lang]
    page.goto(root + f"modules/{MODULE}/")
    size = save(page, t)
    assert page.locator(".ca-offline__list li").count() == 1
    assert size in page.locator(".ca-offline__list li").text_content()
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").first.inner_text().strip()
    page.locator("[data-offline-remove]").wait_for(state="visible")  # it knows it is saved, offline
    # a case of the module, through its link
    link = page.locator("a[href*='cases/']").filter(has_text=re.compile(r"\S")).last
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/cases/**")
    page.wait_for_load_state()
    assert "/cases/" in page.url and page.locator(".ca-offline").count() == 1, href
    case_title = page.locator("h1").first.inner_text()
    # search finds a saved case, offline (the word is the case page's own title's first word)
    word = case_title.split()[0].strip(":：,") if lang != "zh" else case_title[:4]
    page.goto(root + "find/?q=" + word)
    page.locator(".ca-find__results > li").first.wait_for(timeout=30_000)
    titles = page.locator(".ca-find__results .ca-result__title").all_inner_texts()
    assert any(case_title.startswith(x.strip()[:10]) for x in titles), (word, case_title, titles)
    # the handout of the module is saved too
    page.goto(root + f"modules/{MODULE}/handout/")
    assert page.locator("h1").count() >= 1 and not page.locator("[data-offline-not-saved]").count()
    # a page that is not saved: the "not saved for offline" page, in the reader's language
    page.goto(root + "countries/")
    heading = page.locator("[data-offline-not-saved]")
    assert heading.inner_text() == t["offline_not_saved_title"]
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("a[data-again]").get_attribute("href") == root + "countries/"  # "Try again": this page
    assert page.locator("main li a").count() == 1  # the saved module, listed
    page.locator("main li a").click()
    page.wait_for_url(f"**/modules/{MODULE}/")
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    clean(watch)


def test_a_saved_case_opens_offline_and_its_other_links_say_not_saved(open_page: Any, url: str) -> None:
    t = strings("en")
    watch = open_page(PHONE)
    page = watch.page
    page.goto(url + "cases/shibadong/")
    save(page, t)
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").first.inner_text().startswith("Shibadong")
    page.goto(url + "glossary/")
    assert not page.locator("[data-offline-not-saved]").count()
    page.goto(url + "cases/qianhe/")
    assert page.locator("[data-offline-not-saved]").inner_text() == t["offline_not_saved_title"]
    clean(watch)


def test_removing_a_saved_item_frees_it(open_page: Any, url: str) -> None:
    t = strings("zh")
    watch = open_page(DESKTOP)
    page = watch.page
    page.goto(url + "zh/cases/shibadong/")
    save(page, t)
    page.locator(".ca-offline__saved summary").click()
    item = page.locator(".ca-offline__list li")
    assert item.count() == 1 and "MB" in item.inner_text() or "kB" in item.inner_text()
    page.locator("[data-offline-remove]").click()
    page.wait_for_function("document.querySelector('.ca-offline__status').dataset.state === 'removed'")
    assert page.locator(".ca-offline__status").inner_text() == t["offline_removed"]
    assert page.locator(".ca-offline__list li").count() == 0
    assert page.locator(".ca-offline__total").inner_text() == t["offline_list_empty"]
    stored = page.evaluate("""async () => {
        const c = await caches.open('caseatlas-saved'); return (await c.keys()).length; }""")
    assert stored == 0
    page.context.set_offline(True)
    page.reload()
    assert page.locator("[data-offline-not-saved]").inner_text() == t["offline_not_saved_title"]
    clean(watch)


def test_a_full_storage_says_so_and_the_site_keeps_working(open_page: Any, url: str) -> None:
    t = strings("id")
    watch = open_page(PHONE)
    page = watch.page
    page.goto(url + f"id/modules/{MODULE}/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": url.rstrip("/"), "quotaSize": 150_000})
    panel = page.locator(".ca-offline").first
    panel.locator("[data-offline-save]").click()
    page.wait_for_function(
        "['error', 'saved'].includes(document.querySelector('.ca-offline__status').dataset.state)", timeout=60_000
    )
    said = panel.locator(".ca-offline__status").inner_text()
    before, after = t["offline_quota"].split("{size}")
    assert said.startswith(before) and said.endswith(after), said
    assert page.locator(".ca-offline__list li").count() == 0  # nothing half-saved is listed
    page.reload()  # online, with the worker in place: the site works as before
    assert page.locator("h1").first.is_visible() and not page.locator("[data-offline-not-saved]").count()
    page.goto(url + "id/cases/shibadong/")
    assert page.locator("h1").first.is_visible()
    clean(watch)


OLD_WORKER = """self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));
"""


def test_a_worker_of_an_older_build_is_replaced_with_a_message(open_page: Any, own_site: Path, url: str) -> None:
    """An earlier build's worker under another name, which knows nothing of this build's messages."""
    (own_site / "service-worker.js").write_text(OLD_WORKER, "utf-8")
    t = strings("en")
    watch = open_page(DESKTOP)
    page = watch.page
    page.goto(url)
    page.evaluate(
        "async () => { await navigator.serviceWorker.register('service-worker.js'); await navigator.serviceWorker.ready; }"
    )
    page.goto(url + "cases/shibadong/")
    page.wait_for_function("document.querySelector('.ca-offline__status').dataset.state === 'note'", timeout=20_000)
    assert page.locator(".ca-offline__status").inner_text() == t["offline_old_worker"]
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    page.reload()
    assert page.locator("h1").first.inner_text().startswith("Shibadong")
    save(page, t)  # and saving works after it
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.active.scriptURL)") == url + "sw.js"
    clean(watch)


def test_a_new_build_updates_saved_pages_when_online(open_page: Any, own_site: Path, url: str) -> None:
    t = strings("en")
    watch = open_page(PHONE)
    page = watch.page
    page.goto(url + "cases/shibadong/")
    save(page, t)
    # A new build: the case page changed (a corrected sentence, say); the offline files are written again over it.
    case_html = own_site / "cases/shibadong/index.html"
    case_html.write_text(case_html.read_text("utf-8").replace("</h1>", "</h1><p id='rebuilt'>New in this build.</p>", 1), "utf-8")
    before = (own_site / "sw.js").read_text("utf-8")
    listed = json.loads((own_site / f"offline/en/module/{MODULE}.json").read_text("utf-8"))["files"]
    module_cases = [e["u"].split("/")[1] for e in listed if e["u"].startswith("cases/")]
    write_offline_files(own_site, ROOTS, {MODULE: module_cases}, [p.name for p in (own_site / "cases").iterdir() if p.is_dir()])
    assert (own_site / "sw.js").read_text("utf-8") != before
    page.reload()  # online: the browser finds the new worker, which refreshes what is saved
    page.wait_for_function(
        f"document.querySelector('.ca-offline__status').textContent === {t['offline_updated']!r}", timeout=60_000
    )
    page.context.set_offline(True)
    page.reload()
    assert page.locator("#rebuilt").inner_text() == "New in this build."
    clean(watch)


def test_the_atlas_is_installable(browser: Any, url: str, tmp_path: Path) -> None:
    """In a browser profile of its own (Chromium offers no installing in an incognito context, which new_context is)."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
    )
    try:
        installable(PageWatch(context.new_page()), url)
    finally:
        context.close()


def installable(watch: PageWatch, url: str) -> None:
    page = watch.page
    page.goto(url + f"zh/modules/{MODULE}/")
    save(page, strings("zh"))
    page.reload()
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"].endswith("offline/manifest.zh.webmanifest")
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    clean(watch)


def test_first_visit_registers_no_worker(open_page: Any, url: str) -> None:
    """The worker (and Workbox) load only when the reader saves something."""
    watch = open_page(DESKTOP)
    page = watch.page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url + "cases/qianhe/", wait_until="networkidle")
    page.wait_for_timeout(2000)
    assert page.locator(".ca-offline").is_visible()
    assert not [u for u in fetched if "sw.js" in u or "workbox" in u], fetched
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    clean(watch)
