/* Case Atlas: the service worker of "save for offline" (offline_save.py writes it to the site's root as sw.js).
 *
 * Workbox (offline/workbox/, vendored) precaches the "not saved for offline" pages, the app manifests and icons.
 * A page asks this worker to save an item (a module with its cases, or one case): the files listed in
 * offline/<lang>/common.json and offline/<lang>/<kind>/<id>.json are stored in the cache "caseatlas-saved", and
 * what is saved (items, their files, revisions and sizes) in "caseatlas-saved-index". Every request of the site
 * goes to the network first; when it fails (offline), a saved copy answers, and a page that is not saved gets
 * the "not saved for offline" page in the reader's language. A new build's worker refreshes the saved items:
 * only files whose revision changed are fetched again, and files no item needs any more are deleted.
 */
importScripts("offline/workbox/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "offline/workbox/", debug: false });

const BUILD = "__BUILD__";
const PRECACHE = [] /*__PRECACHE__*/;
const LANGS = {} /*__LANGS__*/; // a language's folder in the site ("" for the default) → its language
const SAVED = "caseatlas-saved";
const INDEX = "caseatlas-saved-index";
const SCOPE = self.registration.scope;
const INDEX_URL = SCOPE + "offline/saved-index.json";
const ITEM = /^(module|case)\/[a-z0-9][a-z0-9-]*$/;

workbox.core.setCacheNameDetails({ prefix: "caseatlas", precache: "shell", runtime: "runtime" });
workbox.precaching.precacheAndRoute(PRECACHE);
workbox.precaching.cleanupOutdatedCaches();

const abs = (u) => new URL(u, SCOPE).href;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function size(n, lang) {
  const [v, unit] = n >= 1e6 ? [n / 1e6, "megabyte"] : [Math.max(1, Math.round(n / 1e3)), "kilobyte"];
  return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: 1 }).format(v);
}

async function readIndex() {
  const hit = await (await caches.open(INDEX)).match(INDEX_URL);
  const ix = hit ? await hit.json().catch(() => null) : null;
  return ix && ix.items && ix.files ? ix : { build: BUILD, items: {}, files: {} };
}

async function writeIndex(ix) {
  const body = JSON.stringify(ix);
  await (await caches.open(INDEX)).put(INDEX_URL, new Response(body, { headers: { "content-type": "application/json" } }));
}

async function fetchJSON(u) {
  const r = await fetch(abs(u), { cache: "no-store" });
  if (!r.ok) {
    const e = new Error(`${u}: HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return r.json();
}

/** The files of one item with the files every item of its language needs: url → {u, r (revision), s (size)}. */
async function itemFiles(lang, key) {
  const [common, item] = await Promise.all([fetchJSON(`offline/${lang}/common.json`), fetchJSON(`offline/${lang}/${key}.json`)]);
  const files = new Map();
  for (const e of [...item.files, ...common.files]) files.set(e.u, e);
  return { item, files };
}

const total = (files) => [...files.values()].reduce((n, e) => n + e.s, 0);

function quotaError() {
  return new DOMException("not enough storage for the saved pages", "QuotaExceededError");
}

/** Store the files not yet saved at their revision; `progress(done, n, bytes, all)` after each. */
async function store(files, ix, progress) {
  const cache = await caches.open(SAVED);
  const list = [...files.values()];
  const all = total(files);
  let done = 0, bytes = 0;
  const todo = [];
  for (const e of list) {
    const have = ix.files[e.u];
    if (have && have.r === e.r && (await cache.match(abs(e.u)))) { done++; bytes += e.s; } else todo.push(e);
  }
  progress(done, list.length, bytes, all);
  if (navigator.storage && navigator.storage.estimate) {
    const { quota, usage } = await navigator.storage.estimate();
    if (quota - usage < todo.reduce((n, e) => n + e.s, 0)) throw quotaError();
  }
  let failed = null; // the first failure stops the other downloads, before what was stored is rolled back
  const one = async () => {
    while (todo.length && !failed) {
      const e = todo.shift();
      try {
        const r = await fetch(abs(e.u), { cache: "no-cache" });
        if (!r.ok) throw new Error(`${e.u}: HTTP ${r.status}`);
        ix.files[e.u] = { r: e.r, s: e.s };
        await cache.put(abs(e.u), r);
      } catch (err) {
        failed = failed || err;
        return;
      }
      done++; bytes += e.s;
      progress(done, list.length, bytes, all);
    }
  };
  await Promise.all([one(), one(), one(), one()]);
  if (failed) throw failed;
  return all;
}

/** Delete the saved files that no saved item lists. */
async function prune(ix) {
  const wanted = new Set(Object.values(ix.items).flatMap((i) => i.files));
  const cache = await caches.open(SAVED);
  for (const req of await cache.keys()) {
    const u = req.url.startsWith(SCOPE) ? req.url.slice(SCOPE.length) : req.url;
    if (!wanted.has(u)) await cache.delete(req);
  }
  for (const u of Object.keys(ix.files)) if (!wanted.has(u)) delete ix.files[u];
}

const isQuota = (err) => !!err && (err.name === "QuotaExceededError" || err.code === 22);

async function save(lang, key, port) {
  const ix = await readIndex();
  const id = `${lang}:${key}`;
  let files = new Map();
  try {
    const got = await itemFiles(lang, key);
    files = got.files;
    const bytes = await store(files, ix, (done, n, b, all) => port.postMessage({ type: "progress", done, n, bytes: b, total: all }));
    ix.items[id] = { lang, key, title: got.item.title, url: got.item.url, files: [...files.keys()], bytes, saved: Date.now() };
    if (ix.build !== BUILD && Object.keys(ix.items).length === 1) ix.build = BUILD;
    await writeIndex(ix);
    port.postMessage({ type: "done", bytes });
  } catch (err) {
    try { await prune(ix); await writeIndex(ix); } catch (_) { /* the index as it was stays */ }
    port.postMessage({ type: "error", reason: isQuota(err) ? "quota" : "failed", needed: total(files),
                       detail: String((err && err.message) || err) });
  }
}

async function remove(id, port) {
  const ix = await readIndex();
  delete ix.items[id];
  await prune(ix);
  await writeIndex(ix);
  port.postMessage({ type: "removed" });
}

/** A new build: each saved item again, as this build lists it; an item the build no longer has is dropped. */
let refreshing = null;
function refresh() {
  refreshing = refreshing || (async () => {
    const ix = await readIndex();
    if (ix.build === BUILD) return false;
    if (!Object.keys(ix.items).length) { ix.build = BUILD; await writeIndex(ix); return false; }
    const from = ix.build;
    for (const [id, it] of Object.entries(ix.items)) {
      let got;
      try {
        got = await itemFiles(it.lang, it.key);
      } catch (err) {
        if (err.status === 404) { delete ix.items[id]; continue; }
        throw err;
      }
      it.bytes = await store(got.files, ix, () => {});
      Object.assign(it, { title: got.item.title, url: got.item.url, files: [...got.files.keys()] });
    }
    await prune(ix);
    Object.assign(ix, { build: BUILD, updatedFrom: from, updatedAt: Date.now() });
    await writeIndex(ix);
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

async function hello(port) {
  const ix = await readIndex();
  const stale = ix.build !== BUILD && Object.keys(ix.items).length > 0;
  port.postMessage({ type: "hello", build: BUILD, stale });
  if (stale) {
    try { await refresh(); port.postMessage({ type: "refreshed", build: BUILD }); }
    catch (err) { port.postMessage({ type: "refresh-failed", reason: isQuota(err) ? "quota" : "failed" }); }
  }
}

self.addEventListener("install", (event) => {
  // Refresh the saved items now if the network allows; if not, the next page that asks does (hello).
  event.waitUntil(refresh().catch(() => false).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const port = event.ports && event.ports[0];
  const d = event.data || {};
  if (!port) return;
  if (d.type === "hello") event.waitUntil(hello(port));
  else if (d.type === "save" && Object.values(LANGS).includes(d.lang) && ITEM.test(d.key)) event.waitUntil(save(d.lang, d.key, port));
  else if (d.type === "remove" && typeof d.id === "string") event.waitUntil(remove(d.id, port));
});

function languageOf(url) {
  const path = url.startsWith(SCOPE) ? url.slice(SCOPE.length) : "";
  const root = Object.keys(LANGS).filter((r) => r && path.startsWith(r)).sort((a, b) => b.length - a.length)[0] || "";
  return [root, LANGS[root] || Object.values(LANGS)[0]];
}

async function notSaved(url) {
  const lang = languageOf(url)[1];
  const page = await workbox.precaching.matchPrecache(`offline/not-saved.${lang}.html`);
  if (!page) return Response.error();
  const ix = await readIndex();
  const items = Object.values(ix.items).sort((a, b) => (a.lang === lang ? 0 : 1) - (b.lang === lang ? 0 : 1));
  const list = items.map((i) => `<li><a href="${esc(abs(i.url))}" lang="${esc(i.lang)}">${esc(i.title)}</a> (${esc(size(i.bytes, lang))})</li>`).join("");
  const text = (await page.text())
    .replace("<head>", `<head><base href="${esc(abs("offline/"))}">`) // its links are relative to offline/
    .replace("<!--saved-list-->", list)
    .replace(/data-again href="[^"]*"/, `data-again href="${esc(url)}"`);
  return new Response(text.replace(list ? /<p data-none>[^<]*<\/p>/ : /^$/, ""), { headers: { "content-type": "text/html; charset=utf-8" } });
}

async function offline(request) {
  const cache = await caches.open(SAVED);
  const hit = (await cache.match(request.url, { ignoreSearch: true, ignoreVary: true }))
    || (!new URL(request.url).pathname.endsWith("/") && request.mode === "navigate"
        ? await cache.match(request.url.split(/[?#]/)[0] + "/", { ignoreVary: true }) : undefined);
  if (hit) return hit;
  if (request.mode === "navigate") return notSaved(request.url);
  return Response.error();
}

workbox.routing.registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === "GET",
  new workbox.strategies.NetworkOnly({ plugins: [{ handlerDidError: ({ request }) => offline(request) }] }),
);
