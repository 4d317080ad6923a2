/* Case Atlas: the "Find a case" page (find/). Plain JavaScript, no framework.
 *
 * Pagefind's JS API is imported only when the reader searches: the page itself loads this file
 * and nothing else. The build writes two indexes: pagefind/ holds each case's catalogue record
 * (title, names in other languages, place, summary), small enough for a first query on a metered
 * connection; pagefind-text/ holds the full text, used when the reader ticks "full text".
 * Query, filters and that choice live in the URL (?q=…&country=…&in=text), so a search can be
 * shared as a link. Filters combine: any of the values ticked within one facet, and every facet.
 * Counts beside each value say how many results ticking it would give.
 *
 * Text from the index (titles, summaries, excerpts) is untrusted: every result is built with
 * createElement/textContent; an excerpt's <mark> highlights are rebuilt as nodes, never parsed
 * as HTML into the page.
 */
(() => {
  "use strict";
  const root = document.getElementById("ca-find");
  if (!root) return;
  root.querySelector(".ca-find__nojs")?.remove();  // shown only where this script does not run

  const MAX_QUERY = 200;   // longer input is cut: no one needs more words to find a case
  const MAX_VALUES = 50;   // filter values read from a URL, per facet
  const PAGE_SIZE = 10;    // results whose details are fetched at a time
  const siteRoot = new URL("../", document.currentScript.src);  // this language's site
  // The whole site, where the index of every language is and from which its page URLs run
  // (a language's site sits under it, at /zh/ or /id/).
  const indexRoot = new URL(root.dataset.siteRoot || "./", siteRoot);
  const bundles = {
    catalogue: new URL(root.dataset.bundle || "pagefind/", siteRoot).href,
    text: new URL(root.dataset.textBundle || "pagefind-text/", siteRoot).href,
  };
  const words = JSON.parse(root.dataset.strings || "{}");
  const form = root.querySelector("form");
  const input = root.querySelector(".ca-find__input");
  const status = root.querySelector(".ca-find__status");
  const active = root.querySelector(".ca-find__active");
  const list = root.querySelector(".ca-find__results");
  const more = root.querySelector(".ca-find__more");
  const clear = root.querySelector(".ca-find__clear");
  const fullText = root.querySelector(".ca-find__scope input");
  const facets = [...root.querySelectorAll("details[data-facet]")].map((d) => d.dataset.facet);
  const selected = Object.fromEntries(facets.map((f) => [f, new Set()]));

  const loading = {};      // per index ("catalogue", "text"): the promise of its Pagefind module
  let counting = false;    // facet counts are wanted: a facet was opened or used (its index is then loaded)
  let generation = 0;      // a newer search makes older ones stop rendering
  let results = [];
  let shown = 0;
  let timer = 0;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const say = (text) => { status.textContent = text; };
  const state = (value) => { root.dataset.state = value; }; // "searching" | "done": for scripts that wait on the page
  const boxes = (facet) => [...root.querySelectorAll(`details[data-facet="${facet}"] input[type=checkbox]`)];

  const scope = () => (fullText && fullText.checked ? "text" : "catalogue");

  function loadPagefind(which) {
    if (!loading[which]) {
      const bundle = bundles[which];
      loading[which] = import(new URL("pagefind.js", bundle).href).then(async (pf) => {
        await pf.options({ bundlePath: bundle, baseUrl: indexRoot.pathname, excerptLength: 24 });
        return pf;
      });
      loading[which].catch(() => { delete loading[which]; });
    }
    return loading[which];
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    input.value = (params.get("q") || "").slice(0, MAX_QUERY);
    if (fullText) fullText.checked = params.get("in") === "text";
    for (const facet of facets) {
      selected[facet] = new Set(params.getAll(facet).filter((v) => v && v.length <= 200).slice(0, MAX_VALUES));
      for (const box of boxes(facet)) box.checked = selected[facet].has(box.value);
      if (selected[facet].size) root.querySelector(`details[data-facet="${facet}"]`).open = true;
    }
  }

  function writeUrl(query) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const facet of facets) for (const value of selected[facet]) params.append(facet, value);
    if (scope() === "text") params.set("in", "text");
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  const anySelected = () => facets.some((f) => selected[f].size);
  function filtersExcept(skip) {
    const filters = {};
    for (const facet of facets) {
      if (facet !== skip && selected[facet].size) filters[facet] = { any: [...selected[facet]] };
    }
    return filters;
  }

  // counts: per facet, value → number of results; null: the totals written in the page; undefined: leave as is.
  function showCounts(counts) {
    if (counts === undefined) return;
    root.dataset.counts = counts ? "search" : "totals";
    for (const facet of facets) {
      for (const box of boxes(facet)) {
        const count = box.parentElement.querySelector(".ca-facet__count");
        const n = counts ? (counts[facet] && counts[facet][box.value]) || 0 : Number(count.dataset.total);
        count.textContent = String(n);
        box.disabled = n === 0 && !box.checked;
        box.parentElement.classList.toggle("ca-facet__value--empty", n === 0);
      }
    }
  }

  function showActive() {
    active.replaceChildren();
    for (const facet of facets) {
      for (const value of selected[facet]) {
        const remove = el("button", "ca-chip", value);
        remove.type = "button";
        remove.setAttribute("aria-label", (words.remove || "{value}").replace("{value}", () => value));
        remove.addEventListener("click", () => {
          selected[facet].delete(value);
          for (const box of boxes(facet)) if (box.value === value) box.checked = false;
          run();
        });
        const item = el("li");
        item.append(remove);
        active.append(item);
      }
    }
    active.hidden = !anySelected();
    clear.hidden = !anySelected();
  }

  // The words of a query as Pagefind sees them: runs of letters or digits (a Chinese name is one run).
  const wordsOf = (query) => [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 12);

  // Pagefind drops a word no page contains and searches with the rest; a reader who typed it
  // expects no result, and to be told which word found nothing.
  async function missingWords(pf, query) {
    const missing = [];
    for (const word of wordsOf(query)) {
      const alone = await pf.search(word);
      if (!alone.results.length) missing.push(word);
    }
    return missing;
  }

  async function run() {
    const mine = ++generation;
    clearTimeout(timer);
    const query = input.value.trim().slice(0, MAX_QUERY);
    writeUrl(query);
    showActive();
    if (!query && !anySelected()) {
      show(mine, [], [], null, words.prompt);
      return;
    }
    say(words.loading || "…");
    state("searching");
    let pf;
    try {
      pf = await loadPagefind(scope());
    } catch (error) {
      if (mine === generation) {
        say(words.unavailable || "");
        state("done");
      }
      return;
    }
    if (query && !wordsOf(query).length) {
      show(mine, [], [], {}, words.none);
      return;
    }
    const missing = query ? await missingWords(pf, query) : [];
    if (missing.length) {
      const hint = scope() === "catalogue" ? ` ${words.try_text || ""}` : "";
      show(mine, [], [], {}, `${words.none} ${(words.missing || "{words}").replace("{words}", () => missing.join(", "))}${hint}`);
      return;
    }
    const term = query || null;
    // The filter index is fetched only once counts are wanted, so a first query without filters stays small.
    counting = counting || anySelected();
    if (counting) await pf.filters();
    const search = await pf.search(term, { filters: filtersExcept(null) });
    // For a facet with ticked values, counts come from a search without that facet's own filter:
    // ticking a second country widens the results, so its count must say by how much.
    let counts;
    if (counting) {
      counts = { ...(search.filters || {}) };
      for (const facet of facets) {
        if (selected[facet].size) {
          const other = await pf.search(term, { filters: filtersExcept(facet) });
          counts[facet] = (other.filters || {})[facet] || {};
        }
      }
    }
    const found = search.results || [];
    const first = await Promise.all(found.slice(0, PAGE_SIZE).map((r) => r.data()));
    const n = found.length;
    const none = scope() === "catalogue" && query ? `${words.none} ${words.try_text || ""}` : words.none;
    show(mine, found, first, counts,
      n === 0 ? none : n === 1 ? words.count_one : (words.count || "{n}").replace("{n}", n.toLocaleString()));
  }

  // Counts, status and the first results change together, once everything has arrived.
  function show(mine, found, first, counts, message) {
    if (mine !== generation) return;
    showCounts(counts);
    results = found;
    shown = 0;
    list.replaceChildren();
    say(message || "");
    append(first);
    state("done");
  }

  function append(data) {
    for (const item of data) {
      const li = resultItem(item);
      if (li) list.append(li);
    }
    shown += data.length;
    more.hidden = shown >= results.length;
  }

  async function showMore() {
    const mine = generation;
    const data = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    if (mine === generation) append(data);
  }

  function resultItem(data) {
    const url = new URL(String(data.url || ""), location.href);
    if (url.origin !== location.origin) return null; // only pages of this site
    const meta = data.meta || {};
    const li = el("li", "ca-result");
    const heading = el("h2", "ca-result__title");
    const link = el("a", null, meta.title || url.pathname);
    link.href = url.href;
    heading.append(link);
    li.append(heading);
    if (meta.country) li.append(el("p", "ca-result__country", meta.country));
    if (meta.summary) li.append(el("p", "ca-result__summary", meta.summary));
    if (input.value.trim() && data.excerpt) li.append(excerpt(String(data.excerpt)));
    return li;
  }

  // Pagefind's excerpt is text with <mark>…</mark> around the words found. Everything else in it,
  // tags included, is shown as text: split on the two exact marks, decode entities, build nodes.
  function excerpt(text) {
    const p = el("p", "ca-result__excerpt");
    const parts = text.split(/(<mark>|<\/mark>)/);
    let marked = false;
    for (const part of parts) {
      if (part === "<mark>") { marked = true; continue; }
      if (part === "</mark>") { marked = false; continue; }
      if (!part) continue;
      const decoded = decodeEntities(part);
      p.append(marked ? el("mark", null, decoded) : document.createTextNode(decoded));
    }
    return p;
  }
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (input.value.trim()) loadPagefind(scope()).then((pf) => pf.preload(input.value.trim().slice(0, MAX_QUERY))).catch(() => {});
    timer = setTimeout(run, 300);
  });
  root.addEventListener("change", (event) => {
    const box = event.target;
    if (box === fullText) {
      run();
      return;
    }
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !facets.includes(box.name)) return;
    if (box.checked) selected[box.name].add(box.value);
    else selected[box.name].delete(box.value);
    run();
  });
  clear.addEventListener("click", () => {
    for (const facet of facets) {
      selected[facet].clear();
      for (const box of boxes(facet)) box.checked = false;
    }
    run();
    input.focus();
  });
  more.addEventListener("click", showMore);
  // Opening a facet asks for its counts (toggle does not bubble: listen while it descends).
  root.addEventListener("toggle", (event) => {
    if (counting || !event.target.open || !event.target.matches("details[data-facet]")) return;
    counting = true;
    if (input.value.trim() || anySelected()) run();
  }, true);

  readUrl();
  if (input.value.trim() || anySelected()) run();
  else input.focus();
})();
