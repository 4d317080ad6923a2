/* Case Atlas: search. Plain JavaScript, no framework. Loaded on every page (mkdocs.yml's extra_javascript).
 *
 * Two views of the same Pagefind index:
 * - the header's search box (partials/caseatlas-search.html), a combobox: results under the box as one
 *   types, chosen with the arrows and Enter, closed with Escape; its last option opens "Find a case"
 *   with the same words, for filters;
 * - the "Find a case" page (find/), with facets.
 *
 * Pagefind's JS API is imported only when the reader searches (or focuses the header's box, which
 * starts fetching the index's entry files while the words are typed). The build writes two indexes:
 * pagefind/ holds each case's catalogue record (title and place in every language, names, summary),
 * small enough for a first query on a metered connection; pagefind-text/ holds the full text, used
 * when the reader ticks "full text" on the Find page, or by the header when the catalogue has nothing.
 * On the Find page, query, filters and that choice live in the URL (?q=…&country=…&in=text), so a
 * search can be shared as a link. Filters combine: any of the values ticked within one facet, and
 * every facet. Counts beside each value say how many results ticking it would give.
 *
 * Pagefind answers a word it does not have with its longest prefix that it has ("sulaman" → "sul",
 * "Shibadong" on a site without it → "s"): a result found only through such a short stand-in is not
 * shown (`genuine`).
 *
 * Text from the index (titles, summaries, excerpts) and from the URL is untrusted: every result is
 * built with createElement/textContent; an excerpt's <mark> highlights are rebuilt as nodes, never
 * parsed as HTML into the page.
 */
(() => {
  "use strict";
  const MAX_QUERY = 200;   // longer input is cut: no one needs more words to find a case
  const script = document.currentScript;
  const siteRoot = new URL("../", script.src);  // this language's site

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fill = (template, key, value) => String(template || "").replace(`{${key}}`, () => value);

  const loading = {};      // per bundle URL: the promise of its Pagefind module
  function loadPagefind(bundle, indexRoot) {
    if (!loading[bundle]) {
      loading[bundle] = import(new URL("pagefind.js", bundle).href).then(async (pf) => {
        await pf.options({ bundlePath: bundle, baseUrl: indexRoot.pathname, excerptLength: 24 });
        return pf;
      });
      loading[bundle].catch(() => { delete loading[bundle]; });
    }
    return loading[bundle];
  }

  // The words of a query as Pagefind sees them: runs of letters or digits (a Chinese name is one run).
  const wordsOf = (query) => [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 12);
  const plain = (text) => text.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
  const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;
  // On the sites other than the Chinese one, a case's Han text is indexed one character to a word
  // (search_facets.spaced_han): a Han query is split the same way there. The Chinese site is segmented by Pagefind.
  const chineseSite = (document.documentElement.lang || "").toLowerCase().startsWith("zh");
  const forIndex = (query) => (chineseSite ? query
    : query.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, (run) => ` ${[...run].join(" ")} `).replace(/\s+/g, " ").trim());

  // A word typed with a slip (a letter doubled, or a wrong last letter or two): the same query with doubled
  // letters made single, then with each long Latin-script word cut by one, two, three letters (never below five),
  // which Pagefind reads as the start of a word. Tried only when the query itself finds nothing.
  function variants(query) {
    const out = [query.replace(/(\p{L})\1+/gu, "$1")];
    for (let cut = 1; cut <= 3; cut++) {
      out.push(query.split(/(\s+)/).map((w) => (LATIN.test(w) && w.length - cut >= 5 ? w.slice(0, -cut) : w)).join(""));
    }
    return [...new Set(out)].filter((v) => v !== query);
  }

  // Whether a result matched the words typed, not only a short prefix Pagefind put in place of a word it
  // lacks: some highlighted word is either longer than three letters, or a whole word of the query, or not
  // the start of a longer Latin-script word of it. (Han text is matched by Pagefind's own segmentation.)
  function genuine(data, query) {
    const words = wordsOf(plain(query)).filter((w) => LATIN.test(w) && w.length > 3);
    if (!words.length) return true;
    const marks = [...String(data.excerpt || "").matchAll(/<mark>([^<]*)<\/mark>/g)]
      .flatMap((m) => plain(decodeEntities(m[1])).split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
    if (!marks.length) return true;
    return marks.some((m) => m.length > 3 || !LATIN.test(m) || !words.some((w) => w !== m && w.startsWith(m)));
  }

  // Pagefind's excerpt is text with <mark>…</mark> around the words found. Everything else in it,
  // tags included, is shown as text: split on the two exact marks, decode entities, build nodes.
  function excerpt(text, className) {
    const p = el("p", className);
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
  const sameSite = (data) => {
    const url = new URL(String(data.url || ""), location.href);
    return url.origin === location.origin ? url : null;  // only pages of this site
  };

  // The header's search box: results as one types, in a listbox the box controls (the ARIA combobox pattern).
  function setupHeader() {
    const form = document.querySelector("form.ca-header-search");
    if (!form) return;  // a build with Material's own search (the offline bundle)
    const input = form.querySelector(".ca-header-search__input");
    const button = form.querySelector(".ca-header-search__button");
    const panel = form.querySelector(".ca-header-search__panel");
    const status = form.querySelector(".ca-header-search__status");
    const list = form.querySelector(".ca-header-search__results");
    if (!input || !panel || !list) return;
    const words = JSON.parse(form.dataset.strings || "{}");
    const indexRoot = new URL(form.dataset.siteRoot || "./", location.href);
    const bundles = [new URL("pagefind/", indexRoot).href, new URL("pagefind-text/", indexRoot).href];
    const SHOWN = 5;
    // In the reader's language: what the list is, and what the magnifier does (on a phone it unfolds the box).
    if (words.results) {
      list.setAttribute("aria-label", words.results);
      list.removeAttribute("aria-labelledby");
    }
    if (words.open && button) {
      button.setAttribute("aria-label", words.open);
      button.title = words.open;
    }
    const narrow = window.matchMedia("(max-width: 44.99em)");  // where the box is folded behind the magnifier
    let generation = 0;
    let timer = 0;
    let activeIndex = -1;
    let tooLong = false;

    const options = () => [...list.querySelectorAll("[role=option]")];
    const setState = (value) => { form.dataset.state = value; };  // "searching" | "done": for scripts that wait
    const warm = () => loadPagefind(bundles[0], indexRoot).then(async (pf) => { if (pf.init) await pf.init(); return pf; });

    // On a slow link a first query waits mostly for Pagefind's own files (its script, worker, WebAssembly and
    // page list: about 100 KB gzipped). They are fetched once the page has loaded and the browser is idle, not
    // with the page (its load stays within budget, and nothing here delays it), and not where the reader asked
    // to save data, is on a 2G link or is offline (the box then loads them when focused, as before). Nor on a page
    // that fetches much of its own (`data-search-ahead="no"`: the Write a case form, its editor and schema), whose
    // first visit would pass its budget.
    const frugal = () => {
      const link = navigator.connection;
      return !navigator.onLine || Boolean(link && (link.saveData || /2g$/.test(link.effectiveType || "")));
    };
    function warmWhenIdle() {
      if (frugal() || document.querySelector("[data-search-ahead=no]")) return;
      const idle = window.requestIdleCallback || ((task) => setTimeout(task, 200));
      const start = () => idle(() => { warm().then(() => { form.dataset.warm = "done"; }).catch(() => {}); }, { timeout: 3000 });
      if (document.readyState === "complete") start();
      else window.addEventListener("load", start, { once: true });
    }
    // Once a first query has listed its results, and this language's catalogue is small (the real site's is a
    // few dozen cases, some 25 KB), every other result fragment is fetched while the reader reads or types on,
    // so that no later query needs the network. Not before: on a slow link they would hold up the first query's
    // own chunk and fragments. A large catalogue's fragments load with each query's results, and so do all of
    // them where the reader saves data.
    const FRAGMENTS_UP_TO = 60;
    let fragmentsAsked = false;
    const catalogueSize = Number(form.dataset.catalogueSize) || 0;
    function fetchFragments() {
      if (fragmentsAsked || frugal() || !catalogueSize || catalogueSize > FRAGMENTS_UP_TO) return;
      fragmentsAsked = true;
      warm().then(async (pf) => {
        const pages = ((await pf.search(null)) || {}).results || [];
        await Promise.all(pages.slice(0, FRAGMENTS_UP_TO).map((r) => r.data()));
        form.dataset.fragments = "done";  // for scripts that wait on the page
      }).catch(() => { fragmentsAsked = false; });
    }
    // As a word is typed, the index chunk its first letters fall in is fetched, so the chunk is there when the
    // pause in the typing searches (three letters of a Latin-script word, one of any other script).
    const preloaded = new Set();
    function preloadWords(query) {
      for (const word of wordsOf(query)) {
        const start = LATIN.test(word) ? word.slice(0, 3) : word.slice(0, 1);
        if ((LATIN.test(word) && word.length < 3) || preloaded.has(start)) continue;
        preloaded.add(start);
        loadPagefind(bundles[0], indexRoot).then((pf) => pf.preload(forIndex(start))).catch(() => {});
      }
    }

    function open(show) {
      panel.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) activate(-1);
    }
    function unfold(show) {  // on a phone: the box over the header, or folded away
      form.classList.toggle("ca-header-search--open", show);
      if (!show) open(false);
    }
    function activate(index) {
      const all = options();
      activeIndex = index < 0 || !all.length ? -1 : (index + all.length) % all.length;
      all.forEach((option, i) => option.setAttribute("aria-selected", i === activeIndex ? "true" : "false"));
      if (activeIndex < 0) input.removeAttribute("aria-activedescendant");
      else {
        input.setAttribute("aria-activedescendant", all[activeIndex].id);
        all[activeIndex].scrollIntoView({ block: "nearest" });
      }
    }
    function findUrl(query) {
      const url = new URL(form.getAttribute("action"), location.href);
      url.search = new URLSearchParams({ q: query }).toString();
      return url.href;
    }
    // An option is not a link (nothing focusable inside an option): the box keeps the focus, the arrows choose,
    // Enter or a click opens the option's page (data-href).
    function option(href, id) {
      const li = el("li", "ca-header-search__option");
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.href = href;
      const body = el("div", "ca-header-search__body");
      li.append(body);
      return [li, body];
    }

    async function search(query) {
      const mine = ++generation;
      if (!query) {
        list.replaceChildren();
        open(false);
        return;
      }
      setState("searching");
      let found = [];
      let failed = false;
      if (wordsOf(query).length) {
        try {
          // The catalogue first, then with the query's slips mended; where it has nothing, the full text.
          // On a slow link every request counts: a search the reader has typed past stops before its next step.
          const tries = [[bundles[0], query], ...variants(query).map((v) => [bundles[0], v]), [bundles[1], query]];
          for (const [bundle, words] of tries) {
            if (mine !== generation || input.value.trim() !== query) return;
            const pf = await loadPagefind(bundle, indexRoot);
            const result = await pf.search(forIndex(words));
            if (mine !== generation || input.value.trim() !== query) return;
            const data = await Promise.all((result.results || []).slice(0, SHOWN + 1).map((r) => r.data()));
            found = data.filter((d) => genuine(d, words) && sameSite(d)).slice(0, SHOWN);
            if (found.length) break;
          }
        } catch (error) {
          failed = true;
        }
      }
      if (mine !== generation) return;
      list.replaceChildren();
      found.forEach((data, i) => {
        const meta = data.meta || {};
        const [li, link] = option(sameSite(data).href, `ca-header-opt-${i}`);
        link.append(el("span", "ca-header-search__title", meta.title || sameSite(data).pathname));
        if (meta.country) link.append(el("span", "ca-header-search__country", meta.country));
        if (data.excerpt) link.append(excerpt(String(data.excerpt), "ca-header-search__excerpt"));
        list.append(li);
      });
      const [all, allLink] = option(findUrl(query), "ca-header-opt-all");
      all.classList.add("ca-header-search__all");
      allLink.textContent = fill(words.all, "q", query);
      list.append(all);
      const message = failed ? words.unavailable : words.none;
      status.textContent = [tooLong ? fill(words.too_long, "n", String(MAX_QUERY)) : "", found.length ? "" : message]
        .filter(Boolean).join(" ");
      status.hidden = !status.textContent;
      open(true);
      activate(-1);
      setState("done");
      if (found.length) fetchFragments();
    }

    const warmNow = () => { warm().catch(() => {}); };
    input.addEventListener("focus", warmNow, { once: true });
    input.addEventListener("pointerenter", warmNow, { once: true });
    warmWhenIdle();
    input.addEventListener("input", () => {
      clearTimeout(timer);
      // The box's maxlength cuts what is typed or pasted at the limit; a box at the limit says so.
      tooLong = input.value.length >= MAX_QUERY;
      if (input.value.length > MAX_QUERY) input.value = input.value.slice(0, MAX_QUERY);
      const query = input.value.trim();
      preloadWords(query);
      // A pause in the typing searches (no search, and no index chunk fetched, for each key of a word being typed);
      // a single Latin letter is not searched: it would fetch the index's largest chunks for nothing.
      const short = query.length < 2 && !/[^\p{Script=Latin}\p{N}\s]/u.test(query);
      timer = setTimeout(() => search(short ? "" : query), 200);
    });
    input.addEventListener("keydown", (event) => {
      const all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (panel.hidden) {
          if (all.length) open(true);
          else return;
        }
        const down = event.key === "ArrowDown";
        activate(activeIndex < 0 ? (down ? 0 : all.length - 1) : (activeIndex + (down ? 1 : -1) + all.length) % all.length);
      } else if (event.key === "Enter" && activeIndex >= 0 && !panel.hidden) {
        event.preventDefault();
        location.href = all[activeIndex].dataset.href;
      } else if (event.key === "Escape") {
        if (!panel.hidden) {
          event.preventDefault();
          open(false);
        } else if (narrow.matches && form.classList.contains("ca-header-search--open")) {
          unfold(false);
          button.focus();
        } else if (input.value) {
          input.value = "";
        }
      }
    });
    button.addEventListener("click", (event) => {
      // On a phone the magnifier first unfolds the box; with words in it, it searches as on a desktop.
      if (narrow.matches && !(form.classList.contains("ca-header-search--open") && input.value.trim())) {
        event.preventDefault();
        const show = !form.classList.contains("ca-header-search--open");
        unfold(show);
        if (show) {
          warmNow();
          input.focus();
        }
      }
    });
    form.addEventListener("submit", (event) => {
      const query = input.value.trim().slice(0, MAX_QUERY);
      if (!query) {
        event.preventDefault();
        return;
      }
      event.preventDefault();
      location.href = findUrl(query);
    });
    list.addEventListener("mousedown", (event) => event.preventDefault());  // a click keeps the box's focus until it lands
    // A click opens the option's page; with Ctrl or ⌘, Shift, or the middle button, in a new tab, as a link would.
    const chosenBy = (event) => {
      const chosen = event.target instanceof Element && event.target.closest("[role=option]");
      return chosen && chosen.dataset.href ? chosen.dataset.href : "";
    };
    list.addEventListener("click", (event) => {
      const href = chosenBy(event);
      if (!href) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(href, "_blank", "noopener");
      else location.href = href;
    });
    list.addEventListener("auxclick", (event) => {
      const href = chosenBy(event);
      if (href && event.button === 1) {
        event.preventDefault();
        window.open(href, "_blank", "noopener");
      }
    });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target)) {
        open(false);
        if (narrow.matches) unfold(false);
      }
    });
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) open(false);
    });
    input.addEventListener("focus", () => { if (input.value.trim() && options().length) open(true); });
  }
  setupHeader();

  function setupFinder() {
  const root = document.getElementById("ca-find");
  if (!root) return;
  root.querySelector(".ca-find__nojs")?.remove();  // shown only where this script does not run

  const MAX_VALUES = 50;   // filter values read from a URL, per facet
  const PAGE_SIZE = 10;    // results whose details are fetched at a time
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

  let counting = false;    // facet counts are wanted: a facet was opened or used (its index is then loaded)
  let generation = 0;      // a newer search makes older ones stop rendering
  let results = [];
  let shown = 0;
  let timer = 0;

  const say = (text) => { status.textContent = text; };
  const state = (value) => { root.dataset.state = value; }; // "searching" | "done": for scripts that wait on the page
  const boxes = (facet) => [...root.querySelectorAll(`details[data-facet="${facet}"] input[type=checkbox]`)];

  const scope = () => (fullText && fullText.checked ? "text" : "catalogue");


  let notes = [];          // what was left out of the URL's search: said with the next results, once
  function readUrl() {
    const params = new URLSearchParams(location.search);
    const q = params.get("q") || "";
    input.value = q.slice(0, MAX_QUERY);
    notes = q.length > MAX_QUERY ? [fill(words.too_long, "n", String(MAX_QUERY))] : [];
    if (fullText) fullText.checked = params.get("in") === "text";
    for (const facet of facets) {
      const known = new Set(boxes(facet).map((box) => box.value));
      const asked = params.getAll(facet).slice(0, MAX_VALUES);
      selected[facet] = new Set(asked.filter((v) => known.has(v)));
      // A value no case has (a mistyped or an old link): left out, and said, never shown as a chip of a filter
      // that filters nothing. The value is shown as text, cut short.
      for (const value of asked.filter((v) => v && !known.has(v)).slice(0, 3)) {
        notes.push(fill(words.unknown_filter, "value", value.length > 60 ? `${value.slice(0, 60)}…` : value));
      }
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


  // Pagefind drops a word no page contains and searches with the rest; a reader who typed it
  // expects no result, and to be told which word found nothing.
  async function missingWords(pf, query) {
    const missing = [];
    for (const word of wordsOf(forIndex(query))) {
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
      pf = await loadPagefind(bundles[scope()], indexRoot);
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
    const term = query ? forIndex(query) : null;
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
    let found = search.results || [];
    let first = await Promise.all(found.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (query && first.some((data) => !genuine(data, query))) {
      // Pagefind ranks stand-in prefixes last: once one shows among the first results, the rest are such too.
      first = first.filter((data) => genuine(data, query));
      found = found.slice(0, first.length);
    }
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
    say([message || "", ...notes].join(" ").trim());  // the count first: what was left out follows
    notes = [];
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
    const url = sameSite(data);
    if (!url) return null;
    const meta = data.meta || {};
    const li = el("li", "ca-result");
    const heading = el("h2", "ca-result__title");
    const link = el("a", null, meta.title || url.pathname);
    link.href = url.href;
    heading.append(link);
    li.append(heading);
    if (meta.country) li.append(el("p", "ca-result__country", meta.country));
    if (meta.summary) li.append(el("p", "ca-result__summary", meta.summary));
    if (input.value.trim() && data.excerpt) li.append(excerpt(String(data.excerpt), "ca-result__excerpt"));
    return li;
  }


  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (input.value.length >= MAX_QUERY) {  // cut at the limit by the box's maxlength, or here
      input.value = input.value.slice(0, MAX_QUERY);
      notes = [fill(words.too_long, "n", String(MAX_QUERY))];
    }
    if (input.value.trim()) loadPagefind(bundles[scope()], indexRoot).then((pf) => pf.preload(forIndex(input.value.trim().slice(0, MAX_QUERY)))).catch(() => {});
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

  // On a phone the results come first and the filters fold into one panel, closed; on a wide screen it is open.
  const panel = root.querySelector(".ca-find__filters");
  if (panel && window.matchMedia("(min-width: 50em)").matches) panel.open = true;

  readUrl();
  if (input.value.trim() || anySelected()) run();
  else {
    if (notes.length) say(notes.join(" "));
    input.focus();
  }
  }
  setupFinder();
})();
