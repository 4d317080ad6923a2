/* Case Atlas: the "save for offline" button of module and case pages (offline_save.py writes it to
 * offline/caseatlas-offline.js with the build's revision and the interface words of every language).
 * The service worker (sw.js) is registered only when the reader saves something; what is saved is read
 * straight from the Cache Storage. Nothing here runs where service workers cannot (file://, old browsers):
 * the panel then stays hidden.
 */
(() => {
  const BUILD = "__BUILD__";
  const WORDS = {} /*__WORDS__*/;
  const script = document.currentScript;
  const panels = [...document.querySelectorAll(".ca-offline")];
  if (!script || !panels.length || !("serviceWorker" in navigator) || !window.caches || !window.isSecureContext) return;
  const ROOT = new URL("../", script.src).href;
  const SW = ROOT + "sw.js";
  const INDEX_URL = ROOT + "offline/saved-index.json";
  const lang = WORDS[document.documentElement.lang] ? document.documentElement.lang : Object.keys(WORDS)[0];
  const w = WORDS[lang];
  const fill = (s, v = {}) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));
  const size = (n) => {
    const [v, unit] = n >= 1e6 ? [n / 1e6, "megabyte"] : [Math.max(1, Math.round(n / 1e3)), "kilobyte"];
    return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: 1 }).format(v);
  };

  async function readIndex() {
    try {
      const hit = await (await caches.open("caseatlas-saved-index")).match(INDEX_URL);
      const ix = hit ? await hit.json() : null;
      if (ix && ix.items) return ix;
    } catch (_) { /* no index yet */ }
    return { items: {} };
  }

  function say(panel, text, kind = "") {
    const status = panel.querySelector(".ca-offline__status");
    status.textContent = text;
    status.dataset.state = kind;
  }

  async function worker(panel) {
    let reg = await navigator.serviceWorker.getRegistration(ROOT);
    const current = reg && (reg.active || reg.waiting || reg.installing);
    if (reg && current && current.scriptURL !== SW) {
      await reg.unregister(); // a worker of an older build, under another name
      reg = null;
      say(panel, w.offline_old_worker, "note");
    }
    if (!reg) reg = await navigator.serviceWorker.register(SW, { scope: ROOT });
    if (reg.active) return reg.active;
    const pending = reg.installing || reg.waiting;
    await new Promise((resolve, reject) => {
      if (!pending) { reject(new Error("no worker")); return; }
      const check = () => {
        if (pending.state === "activated") resolve();
        else if (pending.state === "redundant") reject(new Error("the worker did not install")); // a full storage, say
      };
      pending.addEventListener("statechange", check);
      check();
    });
    return reg.active;
  }

  /** Why saving failed: a storage without room for what the item needs, or the connection. */
  async function failure(key) {
    try {
      const lists = await Promise.all([`offline/${lang}/common.json`, `offline/${lang}/${key}.json`].map(
        (u) => fetch(ROOT + u, { cache: "no-store" }).then((r) => r.json())));
      const files = new Map(lists.flatMap((l) => l.files.map((e) => [e.u, e.s])));
      const needed = [...files.values()].reduce((n, s) => n + s, 0);
      const { quota, usage } = await navigator.storage.estimate();
      if (quota - usage < needed) return fill(w.offline_quota, { size: size(needed) });
    } catch (_) { /* offline, or no estimate: the connection is the likelier cause */ }
    return w.offline_failed;
  }

  function talk(target, message, onMessage, timeout = 0) {
    return new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      const timer = timeout && setTimeout(() => reject(new Error("no answer")), timeout);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer); // it answers: the rest (a refresh, say) may take its time
        if (onMessage(event.data) === "end") {
          channel.port1.close(); // nothing after the end is shown
          resolve(event.data);
        }
      };
      target.postMessage(message, [channel.port2]);
    });
  }

  async function render() {
    const ix = await readIndex();
    const items = Object.entries(ix.items);
    for (const panel of panels) {
      const button = panel.querySelector("[data-offline-save]");
      const id = `${lang}:${button.dataset.offlineSave}`;
      const mine = ix.items[id];
      panel.querySelector("[data-offline-remove]").hidden = !mine;
      button.textContent = mine ? w.offline_save_again : button.dataset.label;
      if (mine && !panel.querySelector(".ca-offline__status").textContent) say(panel, fill(w.offline_saved, { size: size(mine.bytes) }), "saved");
      const list = panel.querySelector(".ca-offline__list");
      list.replaceChildren();
      for (const [key, item] of items) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = new URL(item.url, ROOT).href;
        a.textContent = item.title;
        a.lang = item.lang;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "ca-offline__remove-one";
        remove.textContent = w.offline_remove_short;
        remove.setAttribute("aria-label", `${w.offline_remove_short}: ${item.title}`);
        remove.addEventListener("click", () => removeItem(panel, key));
        li.append(a, ` (${size(item.bytes)}) `, remove);
        list.append(li);
      }
      const total = items.reduce((n, [, i]) => n + i.bytes, 0);
      panel.querySelector(".ca-offline__total").textContent = items.length ? fill(w.offline_list_total, { size: size(total) }) : w.offline_list_empty;
    }
  }

  async function saveItem(panel) {
    const button = panel.querySelector("[data-offline-save]");
    const bar = panel.querySelector("progress");
    button.disabled = true;
    say(panel, w.offline_preparing, "busy");
    let said = [w.offline_failed, "error"];
    try {
      const active = await worker(panel);
      const end = await talk(active, { type: "save", lang, key: button.dataset.offlineSave }, (m) => {
        if (m.type === "progress") {
          bar.hidden = false;
          bar.max = m.total;
          bar.value = m.bytes;
          say(panel, fill(w.offline_progress, { done: m.done, n: m.n, size: size(m.bytes), total: size(m.total) }), "busy");
          return "";
        }
        return "end";
      });
      if (end.type === "done") said = [fill(w.offline_done, { size: size(end.bytes) }), "saved"];
      else if (end.reason === "quota") said = [fill(w.offline_quota, { size: size(end.needed) }), "error"];
    } catch (_) {
      said = [await failure(button.dataset.offlineSave), "error"];
    }
    bar.hidden = true;
    button.disabled = false;
    await render(); // the list first, then the message: when it says "done", the list shows it
    say(panel, ...said);
  }

  async function removeItem(panel, id) {
    let said = [w.offline_removed, "removed"];
    try {
      const active = await worker(panel);
      await talk(active, { type: "remove", id }, (m) => (m.type === "removed" ? "end" : ""));
    } catch (_) {
      said = [w.offline_failed, "error"];
    }
    await render();
    say(panel, ...said);
  }

  /** A worker already controls the page: is it this build's? An older one is updated (its successor refreshes what
   * is saved); one that does not answer, or has another name, is replaced. Once what is saved was refreshed for a
   * new build, the reader is told, once. */
  async function checkWorker() {
    const panel = panels[0];
    const reg = await navigator.serviceWorker.getRegistration(ROOT);
    if (!reg || !reg.active) return;
    if (reg.active.scriptURL !== SW) {
      await reg.unregister();
      say(panel, w.offline_old_worker, "note");
      return;
    }
    const hello = (target) => talk(target, { type: "hello" }, (m) => {
      if (m.type === "hello" && m.stale) say(panel, w.offline_updating, "busy");
      return m.type === "hello" && m.stale ? "" : "end";
    }, 5000);
    let answer;
    try {
      answer = await hello(reg.active);
    } catch (_) {
      await reg.unregister(); // a worker that does not speak this build's language
      say(panel, w.offline_old_worker, "note");
      return;
    }
    for (let tries = 0; answer.type === "hello" && answer.build !== BUILD && tries < 30; tries++) {
      if (!tries) await reg.update().catch(() => null); // the browser fetches this build's worker
      await new Promise((resolve) => setTimeout(resolve, 1000));
      answer = await hello(reg.active).catch(() => answer);
    }
    if (answer.type === "refresh-failed") say(panel, w.offline_failed, "error");
    const ix = await readIndex();
    const seen = "caseatlas-offline-updated";
    try {
      if (ix.updatedAt && localStorage.getItem(seen) !== String(ix.updatedAt)) {
        localStorage.setItem(seen, String(ix.updatedAt));
        say(panel, w.offline_updated, "saved");
      }
    } catch (_) { /* no local storage: the message is left out */ }
    await render();
  }

  for (const panel of panels) {
    const button = panel.querySelector("[data-offline-save]");
    button.dataset.label = button.textContent;
    button.addEventListener("click", () => saveItem(panel));
    panel.querySelector("[data-offline-remove]").addEventListener("click", () =>
      removeItem(panel, `${lang}:${button.dataset.offlineSave}`));
    panel.hidden = false;
  }
  render();
  const later = window.requestIdleCallback || ((f) => setTimeout(f, 1500));
  later(() => checkWorker().catch(() => null));
  // A new build's worker took over (it refreshed what is saved while installing): say so, and show the new sizes.
  navigator.serviceWorker.addEventListener("controllerchange", () => checkWorker().catch(() => null));
})();
