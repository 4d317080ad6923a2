"""Save for offline: what a phone stores for a module or a case, the service worker that serves it, the app manifest.

Written over the whole built site once every language is built and indexed (plugin.after_all_languages):

- `offline/<lang>/common.json`: what every saved item of a language needs: the glossary, "Find a case" and its
  search index (Pagefind's files for that language: the whole of it while it is small, else the saved pages'
  fragments only), the sitemap Material reads, and the stylesheets, scripts and images of every saved page;
- `offline/<lang>/module/<id>.json`: a module's pages (overview, handout, guide) and its cases' pages;
  `offline/<lang>/case/<id>.json`: one case page (its links to other pages lead to "not saved" offline);
- `sw.js` at the site's root (its scope is the whole site, every language): Workbox (vendored in
  offline/workbox/) precaches the "not saved for offline" pages, manifests and icons; the saved items are stored
  on request from a page, and refreshed when a new build's worker installs (`BUILD` differs);
- `offline/caseatlas-offline.js`: the button's script, with the interface words of every language;
- `offline/manifest.<lang>.webmanifest` and the icons: the atlas can be installed as an app.

Each file is listed with a revision (a hash of its bytes) and its size, so a new build refreshes only what changed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import json
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2

from caseatlas.core.strings import strings

OFFLINE = "offline"
WORKER = "sw.js"
PAGE_SCRIPT = f"{OFFLINE}/caseatlas-offline.js"
WHOLE_INDEX_LIMIT = 4_000_000
"""A language's search index up to this many bytes is saved whole (offline search finds every case, and an unsaved
one opens the "not saved" page); a larger one is saved without the fragments of unsaved pages."""
ICONS = ("icon-192.png", "icon-512.png", "icon-maskable-512.png", "icon.svg")
WORD_KEYS = re.compile(r"^offline_")
_ASSET = re.compile(r"""<(?:script|link|img|source)\b[^>]*?\s(?:src|href)=["']([^"'#?]+)""", re.IGNORECASE)
_LINK_REL = re.compile(r"""<link\b[^>]*\brel=["']([^"']+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass
class OfflineReport:
    build: str = ""
    items: int = 0
    sizes: dict[str, int] = field(default_factory=dict)  # "<lang>:module:<id>" → bytes a phone stores for it


def _package(name: str) -> Path:
    return Path(str(resources.files("caseatlas").joinpath(f"offline/{name}")))


def _entry(site_dir: Path, url: str) -> dict[str, Any]:
    data = (site_dir / _file_of(url)).read_bytes()
    return {"u": url, "r": hashlib.sha256(data).hexdigest()[:16], "s": len(data)}


def _file_of(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url


def _page_assets(site_dir: Path, page_url: str) -> set[str]:
    """Same-site stylesheets, scripts, icons and images a page loads, as URLs relative to the site's root."""
    text = (site_dir / _file_of(page_url)).read_text("utf-8", errors="replace")
    found = set()
    for tag in re.finditer(r"<(?:script|link|img|source)\b[^>]*>", text, re.IGNORECASE):
        rel = _LINK_REL.search(tag.group(0))
        if rel and not {"stylesheet", "icon", "manifest", "preload", "modulepreload"} & set(rel.group(1).lower().split()):
            continue  # alternate languages, canonical, next/prev: pages, not assets
        m = _ASSET.search(tag.group(0))
        if not m or urlsplit(m.group(1)).scheme or m.group(1).startswith("//"):
            continue
        url = urljoin("/" + page_url, html.unescape(m.group(1))).lstrip("/")
        if url and (site_dir / url).is_file():
            found.add(url)
    return found


def _title(site_dir: Path, page_url: str, site_name: str) -> str:
    m = _TITLE.search((site_dir / _file_of(page_url)).read_text("utf-8", errors="replace"))
    title = html.unescape(m.group(1).strip()) if m else page_url
    return title.removesuffix(f" - {site_name}")


def _fragment_url(path: Path) -> str:
    data = path.read_bytes()
    with contextlib.suppress(OSError):  # Pagefind's fragments are gzipped; a plain one is read as it is
        data = gzip.decompress(data)
    data = data.removeprefix(b"pagefind_dcd")
    try:
        return str(json.loads(data).get("url", ""))
    except (ValueError, AttributeError):
        return ""


def search_index_files(site_dir: Path, lang: str, root: str, roots: dict[str, str], pages: set[str] | None = None) -> list[str]:
    """Pagefind's files a search in `lang` fetches, from every Pagefind bundle of the site (a folder holding
    pagefind-entry.json): the scripts, the language's metadata, wasm, index, filter chunks and fragments.
    `pages`: only the fragments of these pages (site-root URLs); None: every fragment of the language."""
    other_roots = tuple(r for r in roots.values() if r and r != root)
    files: list[str] = []
    for entry in sorted(site_dir.glob("*/pagefind-entry.json")):
        bundle = entry.parent
        meta = json.loads(entry.read_text("utf-8")).get("languages", {})
        own = meta.get(lang, {})
        other_hashes = {v.get("hash") for k, v in meta.items() if k != lang}
        wasm = f"wasm.{own.get('wasm') or 'unknown'}.pagefind"
        for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
            rel, name = path.relative_to(bundle).as_posix(), path.name
            if "/" not in rel:
                if name.startswith("wasm.") and name != wasm:
                    continue
                if name.endswith(".pf_meta") and name.removeprefix("pagefind.").removesuffix(".pf_meta") in other_hashes:
                    continue
            elif path.suffix == ".pf_fragment":
                url = _fragment_url(path).lstrip("/")
                if url.startswith(other_roots) if not root else not url.startswith(root):
                    continue
                if pages is not None and url not in pages:
                    continue
            elif not name.startswith(f"{lang}_"):
                continue  # another language's index or filter chunk
            files.append(path.relative_to(site_dir).as_posix())
    return files


def module_pages(site_dir: Path, root: str, module_id: str) -> list[str]:
    folder = site_dir / root / "modules" / module_id
    return sorted(root + p.parent.relative_to(site_dir / root).as_posix() + "/" for p in folder.rglob("index.html"))


def write_offline_files(
    site_dir: Path, roots: dict[str, str], modules: dict[str, list[str]], case_ids: list[str], site_name: str = "Case Atlas"
) -> OfflineReport:
    """Write the item lists, the worker, the page script, the manifests and the icons into a built site.

    `roots`: each language's folder in the site ('' for the default, 'zh/'); `modules`: each module's case ids.
    """
    report = OfflineReport()
    out = site_dir / OFFLINE
    if out.exists():
        shutil.rmtree(out)
    (out / "workbox").mkdir(parents=True)
    for name in sorted(p.name for p in _package("workbox").iterdir() if p.suffix == ".js" or p.name == "LICENSE"):
        shutil.copyfile(_package(f"workbox/{name}"), out / "workbox" / name)
    for name in ICONS:
        shutil.copyfile(_package(f"icons/{name}"), out / name)
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    not_saved = env.from_string(_package("not-saved.html.j2").read_text("utf-8"))
    precache: list[dict[str, str]] = []
    for lang, root in roots.items():
        t = strings(lang)
        (out / f"not-saved.{lang}.html").write_text(not_saved.render(t=t, lang=lang, root=root, site_name=site_name), "utf-8")
        manifest = {
            "id": "../" + root,
            "name": site_name,
            "short_name": site_name,
            "lang": lang,
            "description": t["offline_app_description"],
            "start_url": "../" + root,
            "scope": "../",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#00695c",
            "icons": [
                {"src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {"src": "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
                {"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            ],
        }
        (out / f"manifest.{lang}.webmanifest").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        precache += [{"url": f"{OFFLINE}/not-saved.{lang}.html"}, {"url": f"{OFFLINE}/manifest.{lang}.webmanifest"}]
    precache += [{"url": f"{OFFLINE}/{name}"} for name in ICONS]
    for p in precache:
        p["revision"] = _entry(site_dir, p["url"])["r"]

    # What each item holds, per language; the page script's own entry is added once BUILD is known.
    lists: dict[str, dict[str, Any]] = {}
    digest = hashlib.sha256(json.dumps(precache).encode())
    for name in ("sw.js", "caseatlas-offline.js"):
        digest.update(_package(name).read_bytes())
    for lang, root in roots.items():
        items: dict[str, dict[str, Any]] = {}
        for mid, cids in modules.items():
            pages = module_pages(site_dir, root, mid) + [f"{root}cases/{c}/" for c in cids]
            items[f"module/{mid}"] = {"pages": [p for p in pages if (site_dir / _file_of(p)).is_file()]}
        for cid in case_ids:
            page = f"{root}cases/{cid}/"
            if (site_dir / _file_of(page)).is_file():
                items[f"case/{cid}"] = {"pages": [page]}
        common_pages = [p for p in (f"{root}glossary/", f"{root}find/") if (site_dir / _file_of(p)).is_file()]
        assets: set[str] = set()
        for page in {*common_pages, *(p for i in items.values() for p in i["pages"])}:
            assets |= _page_assets(site_dir, page)
        assets.discard(PAGE_SCRIPT)
        index = search_index_files(site_dir, lang, root, roots)
        if sum((site_dir / f).stat().st_size for f in index) > WHOLE_INDEX_LIMIT:
            saved_pages = {p for i in items.values() for p in i["pages"]}
            index = search_index_files(site_dir, lang, root, roots, pages=saved_pages)
        # Material's language menu reads every language's sitemap (to offer the same page in another language)
        extra = [f"{r}sitemap.xml" for r in roots.values() if (site_dir / f"{r}sitemap.xml").is_file()]
        common = [_entry(site_dir, u) for u in [*common_pages, *extra, *sorted(assets), *index]]
        listed = {}
        for key, item in items.items():
            entries = [_entry(site_dir, u) for u in item["pages"]]
            listed[key] = {
                "title": _title(site_dir, item["pages"][0], site_name) if item["pages"] else key,
                "url": item["pages"][0] if item["pages"] else root,
                "files": entries,
            }
        lists[lang] = {"common": common, "items": listed}
        digest.update(json.dumps(lists[lang], sort_keys=True).encode())
    build = digest.hexdigest()[:12]
    report.build = build

    words = {lang: {k: v for k, v in strings(lang).items() if WORD_KEYS.match(k)} for lang in roots}
    script = (
        _package("caseatlas-offline.js")
        .read_text("utf-8")
        .replace('"__BUILD__"', json.dumps(build))
        .replace("{} /*__WORDS__*/", json.dumps(words, ensure_ascii=False))
    )
    (site_dir / PAGE_SCRIPT).write_text(script, "utf-8")
    for lang in roots:
        common = [*lists[lang]["common"], _entry(site_dir, PAGE_SCRIPT)]
        common_bytes = sum(e["s"] for e in common)
        folder = out / lang
        folder.mkdir()
        (folder / "common.json").write_text(json.dumps({"build": build, "lang": lang, "files": common}), "utf-8")
        for key, item in lists[lang]["items"].items():
            kind, ident = key.split("/", 1)
            (folder / kind).mkdir(exist_ok=True)
            (folder / kind / f"{ident}.json").write_text(
                json.dumps({"build": build, "lang": lang, "key": key, **item}, ensure_ascii=False), "utf-8"
            )
            report.items += 1
            if kind == "module":
                report.sizes[f"{lang}:{key}"] = common_bytes + sum(e["s"] for e in item["files"])
    langs = {root: lang for lang, root in roots.items()}
    worker = (
        _package("sw.js")
        .read_text("utf-8")
        .replace('"__BUILD__"', json.dumps(build))
        .replace("[] /*__PRECACHE__*/", json.dumps(precache))
        .replace("{} /*__LANGS__*/", json.dumps(langs))
    )
    (site_dir / WORKER).write_text(worker, "utf-8")
    return report


def head_tags(up: str, lang: str) -> str:
    """The manifest link every page carries (`up`: from the page to the site's root)."""
    return f'<link rel="manifest" href="{up}{OFFLINE}/manifest.{lang}.webmanifest"><meta name="theme-color" content="#00695c">'


def page_script_tag(up: str) -> str:
    """The button's script, on pages that have a save button."""
    return f'<script src="{up}{PAGE_SCRIPT}" defer></script>'
