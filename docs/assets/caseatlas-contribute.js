/* "Write a case" (contribute/): a case study written in the browser.
 *
 * The form is drawn by json-editor from the form schema in the page's #ca-contribute-data (made from case.schema.json and the
 * vocabularies by contribute_page.py); every change is checked by Ajv against ../schema/case.schema.json, the
 * schema `caseatlas validate` uses, plus the evidence checks validate makes (a quote for every figure that
 * states its number, a URL and an access date for every source, citations of listed sources). Problems are
 * written beside their field as text (textContent: nothing a contributor types is ever read as HTML).
 * Drafts are kept in localStorage as one types, several of them, exported and imported as a file.
 * "Download" writes case_studies/<cc>/<id>.yaml in the layout of `caseatlas new`; "Propose on GitHub" opens
 * the site's repository's new-file page with it, when the site has a repo_url.
 */
(function () {
  "use strict";
  var root = document.getElementById("ca-contribute");
  if (!root) return;
  // Shown where no script runs (no <noscript>: the page's body holds no element that runs or hides by itself).
  Array.prototype.forEach.call(document.querySelectorAll("[data-ca-needs-script]"), function (el) { el.hidden = true; });
  var STORE = "caseatlas-drafts";
  var vendor = root.getAttribute("data-vendor");
  var siteRoot = root.getAttribute("data-site-root");
  var cfg, schema, validate, editor, w, store, current, touched = {}, showAll = false, saveTimer = null;
  var $ = function (id) { return document.getElementById(id); };

  function say(el, text) { el.textContent = text; }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function message(text, kind) {
    var box = $("ca-contribute-message");
    box.textContent = text;
    box.className = "ca-contribute__message" + (kind ? " ca-contribute__message--" + kind : "");
    box.hidden = !text;
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }

  /* ---------- drafts ---------- */
  function emptyStore() { return { format: "caseatlas-drafts", version: 1, current: null, drafts: {} }; }
  function readStore() {
    try {
      var s = JSON.parse(localStorage.getItem(STORE) || "null");
      if (s && typeof s === "object" && s.drafts && typeof s.drafts === "object") return s;
    } catch (e) { /* unreadable: start afresh, the old text stays under its key */ }
    return emptyStore();
  }
  function writeStore() {
    try {
      localStorage.setItem(STORE, JSON.stringify(store));
      return true;
    } catch (e) {
      message(fill(w.ui.draft_storage_failed, { reason: e.name || String(e) }), "error");
      return false;
    }
  }
  function newId() { return "d" + Date.now().toString(36) + Math.random().toString(36).slice(2, 7); }
  function makeDraft(data, extra) {
    var d = { id: newId(), created: new Date().toISOString(), updated: new Date().toISOString(),
              schema_version: cfg.schema_version, data: data || {}, term: {} };
    for (var k in extra || {}) d[k] = extra[k];
    store = readStore();
    store.drafts[d.id] = d;
    writeStore();
    return d;
  }
  function draftName(d) {
    var data = d.data || {};
    var name = data.title || data.id || w.ui.draft_untitled;
    return String(name).slice(0, 60) + " · " + String(d.updated || "").slice(0, 16).replace("T", " ");
  }
  function listDrafts() {
    var sel = $("ca-drafts");
    while (sel.firstChild) sel.removeChild(sel.firstChild);
    Object.keys(store.drafts).sort(function (a, b) {
      return String(store.drafts[b].updated).localeCompare(String(store.drafts[a].updated));
    }).forEach(function (id) {
      var o = document.createElement("option");
      o.value = id; o.textContent = draftName(store.drafts[id]);
      if (current && id === current.id) o.selected = true;
      sel.appendChild(o);
    });
  }
  /* Another tab may have saved its drafts meanwhile: each save reads the store again and changes only this draft. */
  function saveNow() {
    if (!current || !editor) return;
    current.data = editor.getValue();
    current.term = termValue();
    if (current.translation_of) current.translator = $("ca-translator").value;
    current.updated = new Date().toISOString();
    store = readStore();
    store.drafts[current.id] = current;
    store.current = current.id;
    if (writeStore()) say($("ca-contribute-saved"), fill(w.ui.draft_saved, { time: new Date().toLocaleTimeString() }));
    var opt = $("ca-drafts").querySelector('option[value="' + current.id + '"]');
    if (opt) opt.textContent = draftName(current);
  }
  function scheduleSave() { clearTimeout(saveTimer); saveTimer = setTimeout(saveNow, 250); }

  /* Parts of a draft the current form does not have (a draft from an older schema): kept, and named. */
  function unknownParts(value, path, out) {
    if (Array.isArray(value)) { value.forEach(function (v) { unknownParts(v, path, out); }); return out; }
    if (!value || typeof value !== "object") return out;
    var known = cfg.nested_order[path];
    if (!known) return out;
    Object.keys(value).forEach(function (k) {
      var p = path ? path + "." + k : k;
      if (known.indexOf(k) < 0) { if (out.indexOf(p) < 0) out.push(p); } else unknownParts(value[k], p, out);
    });
    return out;
  }
  function open(d, note) {
    current = d;
    store = readStore();
    store.drafts[d.id] = d;
    store.current = d.id;
    touched = {}; showAll = !!note;
    var older = d.schema_version !== cfg.schema_version;
    var parts = unknownParts(d.data, "", []);
    if (older || parts.length) {
      if (!d.kept) d.kept = JSON.parse(JSON.stringify(d.data));  // the draft as it was, never overwritten
      var text = w.ui.draft_older + (parts.length ? " " + fill(w.ui.draft_older_fields, { fields: parts.join(", ") }) : "");
      message(text, "warning");
      showAll = true;
    } else if (note) {
      message(note, "info");
    } else {
      message("");
    }
    d.schema_version = cfg.schema_version;
    writeStore();
    $("ca-translator-box").hidden = !d.translation_of;
    $("ca-translator").value = d.translator || "";
    editor.root.setValue(formValue(d.data), true);  // "initial": optional fields stay in the form
    setTerm(d.term || {});
    listDrafts();
    refresh();
  }
  /* The form takes what it knows; the rest stays in the draft's kept copy. */
  function formValue(data) {
    var v = JSON.parse(JSON.stringify(data || {}));
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  }

  function exportDrafts() {
    saveNow();
    var text = JSON.stringify(store, null, 2) + "\n";
    offer(new Blob([text], { type: "application/json" }), "caseatlas-drafts-" + new Date().toISOString().slice(0, 10) + ".json");
  }
  function offer(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /* ---------- reading a pasted or imported file ---------- */
  function sizeText(n) { return n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : Math.ceil(n / 1e3) + " KB"; }
  function readCase(text, fileName) {
    var bytes = new Blob([text]).size;
    if (bytes > cfg.max_bytes) { message(fill(w.ui.input_too_large, { size: sizeText(bytes) }), "error"); return; }
    if (/\.json$/i.test(fileName || "") || /^\s*\{\s*"format"\s*:\s*"caseatlas-drafts"/.test(text)) {
      var doc = null;
      try { doc = JSON.parse(text); } catch (e) { doc = null; }
      if (doc && doc.format === "caseatlas-drafts" && doc.drafts && typeof doc.drafts === "object") {
        var last = null;
        Object.keys(doc.drafts).forEach(function (k) {
          var d = doc.drafts[k];
          if (d && typeof d === "object" && d.data && typeof d.data === "object" && !Array.isArray(d.data)) {
            last = makeDraft(d.data, { term: d.term && typeof d.term === "object" ? d.term : {},
                                       schema_version: String(d.schema_version || ""), kept: d.kept });
          }
        });
        if (last) { open(last, w.ui.input_loaded); return; }
      }
      if (/\.json$/i.test(fileName || "")) { message(w.ui.input_not_draft, "error"); return; }
    }
    yamlReader().then(function () { readYaml(text); }, function (e) {
      message(fill(w.ui.existing_none, { reason: e.message }), "error");
    });
  }
  var yamlLoading = null;
  function yamlReader() {  // js-yaml is loaded on the first file read: most visits never need it
    if (!yamlLoading) yamlLoading = window.jsyaml ? Promise.resolve() : loadScript(vendor + "js-yaml.min.js");
    return yamlLoading;
  }
  function readYaml(text) {
    var data;
    try {
      data = window.jsyaml.load(text, { schema: window.jsyaml.YAML11_SCHEMA, maxAliases: 0 });
    } catch (e) {
      var line = e.mark && typeof e.mark.line === "number" ? e.mark.line + 1 : "?";
      message(fill(w.ui.input_not_yaml, { reason: e.reason || e.message, line: line }), "error");
      return;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) ||
        !("id" in data || "title" in data || "sources" in data || "summary" in data)) {
      message(w.ui.input_not_case, "error");
      return;
    }
    open(makeDraft(plainDates(data)), w.ui.input_loaded);
  }
  function plainDates(v) {  // YAML 1.1 reads an unquoted 2026-12-01 as a date; the schema wants the text
    if (v instanceof Date) return isNaN(v) ? "" : v.toISOString().slice(0, 10);
    if (Array.isArray(v)) return v.map(plainDates);
    if (v && typeof v === "object") { var o = {}; Object.keys(v).forEach(function (k) { o[k] = plainDates(v[k]); }); return o; }
    return v;
  }

  /* ---------- the case as it will be written ---------- */
  function prune(v) {
    if (Array.isArray(v)) {
      var a = v.map(prune).filter(function (x) { return x !== undefined; });
      return a.length ? a : undefined;
    }
    if (v && typeof v === "object") {
      var o = {}, any = false;
      Object.keys(v).forEach(function (k) { var x = prune(v[k]); if (x !== undefined) { o[k] = x; any = true; } });
      return any ? o : undefined;
    }
    if (v === "" || v === null || v === undefined || v === false) return undefined;
    if (typeof v === "string" && !v.trim()) return undefined;
    return v;
  }
  function theCase() { return prune(editor.getValue()) || {}; }

  var RESERVED = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
  var PLAIN_FIELDS = { id: 1, language: 1, country: 1, subdivision: 1, type: 1, source: 1, currency: 1, status: 1,
                       qualifier: 1, year_qualifier: 1, period: 1, government_level: 1, budget_scale: 1,
                       mechanisms: 1, themes: 1, related: 1 };
  function quoted(s) {
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function number(n) {
    var s = String(n);
    return /e/i.test(s) ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : s;
  }
  /* Multi-line text as a literal block (|- or |), where one reads back exactly as written; otherwise quoted. */
  function blockOk(s) {
    if (s.indexOf("\n") < 0) return false;
    if (/[\r\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
    if (/^\n*[ ]/.test(s) || /\n\n$/.test(s)) return false;  // would need an indentation indicator, or |+
    return !/\n[ ]*$/.test(s.replace(/\n$/, ""));
  }
  /* One scalar after "key: " (or "- "), and the lines of a block scalar if it is one. */
  function scalar(v, key, indent) {
    if (typeof v === "number") return [number(v)];
    if (typeof v === "boolean") return [v ? "true" : "false"];
    var s = String(v);
    if (PLAIN_FIELDS[key] && /^[A-Za-z][A-Za-z0-9-]*$/.test(s) && !RESERVED.test(s)) return [s];
    if (blockOk(s)) {
      var pad = new Array(indent + 3).join(" ");
      var body = s.replace(/\n$/, "").split("\n").map(function (l) { return l ? pad + l : ""; });
      return [/\n$/.test(s) ? "|" : "|-"].concat(body);
    }
    return [quoted(s)];
  }
  function orderOf(obj, path) {
    var known = cfg.nested_order[path] || [];
    var keys = Object.keys(obj);
    return known.filter(function (k) { return keys.indexOf(k) >= 0; })
      .concat(keys.filter(function (k) { return known.indexOf(k) < 0; }));
  }
  function emitMapping(obj, indent, path, comments) {
    var lines = [], pad = new Array(indent + 1).join(" ");
    var keys = path === "" ? layoutOrder(obj) : orderOf(obj, path);
    keys.forEach(function (k) {
      var v = obj[k], p = path ? path + "." + k : k;
      var keyText = path === "names" || !/^[a-z_]+$/.test(k) ? quoted(k) : k;
      var note = comments && comments[k] ? comments[k] : "";
      if (v && typeof v === "object") {
        lines.push(withComment(pad + keyText + ":", note));
        lines = lines.concat(Array.isArray(v) ? emitList(v, indent + 2, p, k) : emitMapping(v, indent + 2, p));
      } else {
        var sc = scalar(v, k, indent);
        lines.push(withComment(pad + keyText + ": " + sc[0], note));
        lines = lines.concat(sc.slice(1));
      }
    });
    return lines;
  }
  function emitList(list, indent, path, key) {
    var lines = [], pad = new Array(indent + 1).join(" ");
    list.forEach(function (item) {
      if (item && typeof item === "object" && !Array.isArray(item)) {
        var inner = emitMapping(item, indent + 2, path);
        inner[0] = pad + "- " + inner[0].slice(indent + 2);
        lines = lines.concat(inner);
      } else if (Array.isArray(item)) {
        lines.push(pad + "- " + quoted(JSON.stringify(item)));
      } else {
        var sc = scalar(item, key, indent);
        lines.push(pad + "- " + sc[0]);
        lines = lines.concat(sc.slice(1));
      }
    });
    return lines;
  }
  function layoutOrder(obj) {
    var keys = Object.keys(obj), order = cfg.layout.map(function (p) { return p[0]; });
    return order.filter(function (k) { return keys.indexOf(k) >= 0; })
      .concat(keys.filter(function (k) { return order.indexOf(k) < 0; }));
  }
  function withComment(line, note) {
    if (!note) return line;
    var width = Math.max(26, line.length + 1);
    return line + new Array(width - line.length + 1).join(" ") + "# " + oneLine(note);
  }
  function oneLine(s) { return String(s).replace(/[\r\n\u0085\u2028\u2029]+/g, " "); }

  /* A translation (`<id>.<lang>.yaml`): where it comes from, then only the text fields of the draft, in the order
   * and nesting of the original (translatable.py's shape, from translation.schema.json). */
  function extract(v, spec) {
    if (spec === "text") return typeof v === "string" ? v : undefined;
    if (Array.isArray(spec)) return Array.isArray(v) ? v.map(function (x) { return extract(x, spec[0]); }) : undefined;
    if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
    var o = {};
    Object.keys(spec).forEach(function (k) { if (k in v) { var x = extract(v[k], spec[k]); if (x !== undefined) o[k] = x; } });
    return o;
  }
  function translationText(data) {
    var t = current.translation_of;
    var lines = [cfg.translation_schema_line, "translation:", "  of: " + t.id, "  language: " + t.language,
                 "  source_fingerprint: " + quoted(t.fingerprint),
                 "  translator: " + quoted(oneLine($("ca-translator").value.trim() || "")),
                 "  reviewed: false                # true only once a person who reads both languages has checked it"];
    return lines.concat(emitMapping(extract(data, cfg.translation_shape) || {}, 0, "", {})).join("\n") + "\n";
  }
  /* The fingerprint `caseatlas i18n fingerprint` prints: SHA-256 of the original's text as JSON, keys sorted. */
  function sortedJSON(v) {
    if (Array.isArray(v)) return "[" + v.map(sortedJSON).join(",") + "]";
    if (v && typeof v === "object") {
      return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + sortedJSON(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v);
  }
  function fingerprint(original) {
    var bytes = new TextEncoder().encode(sortedJSON(extract(original, cfg.translation_shape)));
    return crypto.subtle.digest("SHA-256", bytes).then(function (hash) {
      return "sha256:" + Array.prototype.map.call(new Uint8Array(hash), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    });
  }
  function merged(original, text, spec) {  // the original with a translation's text in its place (translatable.merge)
    if (spec === "text") return typeof text === "string" ? text : original;
    if (Array.isArray(spec)) {
      return Array.isArray(original) && Array.isArray(text) && original.length === text.length
        ? original.map(function (o, i) { return merged(o, text[i], spec[0]); }) : original;
    }
    if (!original || typeof original !== "object" || !text || typeof text !== "object") return original;
    var out = JSON.parse(JSON.stringify(original));
    Object.keys(spec).forEach(function (k) { if (k in original && k in text) out[k] = merged(original[k], text[k], spec[k]); });
    return out;
  }

  function yamlText(data) {
    if (current && current.translation_of) return translationText(data);
    var comments = {};
    cfg.layout.forEach(function (p) { comments[p[0]] = p[1]; });
    var lines = cfg.header.slice();
    lines = lines.concat(emitMapping(data, 0, "", comments));
    var term = termValue();
    if (term.slug) lines = lines.concat(termLines(term));
    return lines.join("\n") + "\n";
  }
  /* A proposed term, written as the contributor guide asks for it: the entries of the three vocabulary files,
   * in comments at the end of the case file (so that `caseatlas validate` accepts the file as it is). */
  function termLines(t) {
    var heading = { mechanism: "mechanisms", theme: "themes", actor_type: "actor_types" }[t.kind] || "mechanisms";
    var field = { mechanism: "mechanisms:", theme: "themes:", actor_type: "an actor's type:" }[t.kind] || "mechanisms:";
    var q = function (s) { return quoted(oneLine(s || "")); };
    return [
      "#",
      "# Proposed new term (see 'Propose a new term' in docs/guides/contributing.md): add these entries to the",
      "# vocabulary files in the same change as this case, then add " + t.slug + " to " + field,
      "# src/caseatlas/data/vocabulary.yaml, under " + heading + ":",
      "#   - slug: " + q(t.slug),
      "#     label: " + q(t.label_en),
      "#     definition: " + q(t.definition_en),
      "# src/caseatlas/data/vocabulary.zh.yaml, under " + heading + ":",
      "#   " + q(t.slug) + ":",
      "#     label: " + q(t.label_zh),
      "#     definition: " + q(t.definition_zh),
      "# src/caseatlas/data/vocabulary.id.yaml, under " + heading + ":",
      "#   " + q(t.slug) + ":",
      "#     label: " + q(t.label_id),
      "#     definition: " + q(t.definition_id)
    ];
  }
  function filePath(data) {
    var cc = /^[A-Z]{2}$/.test(data.country || "") ? data.country.toLowerCase() : "xx";
    var id = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(data.id || "") ? data.id : "new-case";
    var t = current && current.translation_of;
    return "case_studies/" + cc + "/" + (t ? t.id + "." + t.language : id) + ".yaml";
  }

  /* ---------- proposed term (its own small form, from the vocabulary rules) ---------- */
  var TERM_FIELDS = ["slug", "label_en", "definition_en", "label_zh", "definition_zh", "label_id", "definition_id"];
  function termValue() {
    var t = { kind: $("ca-term-kind").value };
    TERM_FIELDS.forEach(function (k) { t[k] = $("ca-term-" + k).value.trim(); });
    return t.slug || TERM_FIELDS.some(function (k) { return t[k]; }) ? t : {};
  }
  function setTerm(t) {
    $("ca-term-kind").value = t.kind || "mechanism";
    TERM_FIELDS.forEach(function (k) { $("ca-term-" + k).value = typeof t[k] === "string" ? t[k] : ""; });
    $("ca-term").open = !!t.slug;
  }
  function termProblems(t) {
    var out = [];
    if (!t.slug && !TERM_FIELDS.some(function (k) { return t[k]; })) return out;
    var kinds = { mechanism: "mechanisms", theme: "themes", actor_type: "actor_types" };
    TERM_FIELDS.forEach(function (k) {
      if (!t[k]) out.push({ el: $("ca-term-" + k), text: fill(w.messages.required, { field: k }) });
    });
    if (t.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t.slug)) {
      out.push({ el: $("ca-term-slug"), text: w.messages.pattern + " — " + w.fields.id.help });
    } else if (t.slug && cfg.vocabulary[kinds[t.kind]] && cfg.vocabulary[kinds[t.kind]][t.slug]) {
      out.push({ el: $("ca-term-slug"), text: w.messages.uniqueItems + " — " + cfg.vocabulary[kinds[t.kind]][t.slug].label });
    }
    return out;
  }

  /* ---------- problems ---------- */
  function fieldKey(path) { return path.filter(function (p) { return typeof p === "string"; }).join("."); }
  function help(path) { var f = w.fields[fieldKey(path)]; return f && f.help ? f.help : ""; }
  function label(path) { var f = w.fields[fieldKey(path)]; return f && f.label ? f.label : fieldKey(path); }
  function describe(e) {
    var path = e.instancePath.split("/").slice(1).map(function (p) {
      p = p.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(p) ? Number(p) : p;
    });
    var m = w.messages, p = e.params || {}, text, hint = "";
    switch (e.keyword) {
      case "required":
        path = path.concat([p.missingProperty]);
        text = fill(m.required, { field: label(path) }); hint = help(path); break;
      case "type":
        text = fill(m.type, { expected: m.types[p.type] || p.type }); hint = m.type_hints[p.type] || help(path); break;
      case "enum": text = m.enum; hint = help(path); break;
      case "pattern":
        text = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(String(e.data)) ? m.control : m.pattern;
        hint = help(path); break;
      case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
        text = fill(m[e.keyword], { limit: p.limit }); hint = help(path); break;
      case "minLength": text = m.minLength; hint = help(path); break;
      case "maxLength": text = fill(m.maxLength, { length: String(e.data).length, limit: p.limit }); hint = help(path); break;
      case "minItems": text = fill(m.minItems, { limit: p.limit }); hint = help(path); break;
      case "uniqueItems": text = m.uniqueItems; hint = m.uniqueItems_hint; break;
      default: return null;  // anyOf and the like: the keyword that matters is reported too
    }
    return { path: path, text: text, hint: hint };
  }
  /* The evidence checks of `caseatlas validate` (evidence.py, validation.py) that a form can make. */
  function evidence(data) {
    var out = [], m = w.messages;
    var ids = (data.sources || []).map(function (s) { return s && s.id; }).filter(Boolean);
    function cite(path, sid) {
      if (sid && ids.indexOf(sid) < 0) {
        out.push({ path: path, text: fill(m.unknown_source, { id: sid }), hint: fill(m.unknown_source_hint, { known: ids.join(", ") }) });
      }
    }
    (data.indicators || []).forEach(function (ind, i) {
      (ind && ind.values || []).forEach(function (v, j) {
        var p = ["indicators", i, "values", j];
        if (!v) return;
        cite(p.concat(["source"]), v.source);
        var shown = typeof v.value === "number" ? v.value.toLocaleString("en-US", { maximumFractionDigits: 20 }) : "";
        if (typeof v.value === "number" && !v.quote) {
          out.push({ path: p.concat(["quote"]), text: fill(m.no_quote, { number: shown }), hint: m.no_quote_hint });
        }
        else if (typeof v.value === "number" && v.quote && !states(v.quote, v.value)) {
          var n = shown;
          out.push({ path: p.concat(["quote"]), text: fill(m.quote_number, { number: n }), hint: fill(m.quote_number_hint, { number: n }) });
        }
      });
    });
    ["approach", "timeline", "actors"].forEach(function (key) {
      (data[key] || []).forEach(function (item, i) { if (item) cite([key, i, "source"], item.source); });
    });
    (data.sources || []).forEach(function (s, i) {
      if (!s) return;
      if (!s.url && !s.held_copy) out.push({ path: ["sources", i, "url"], text: fill(m.no_url, { id: s.id || "" }), hint: m.no_url_hint });
      if (!s.accessed) out.push({ path: ["sources", i, "accessed"], text: fill(m.no_accessed, { id: s.id || "" }), hint: m.no_accessed_hint });
    });
    return out;
  }
  /* Whether a quote states a number, read as evidence.py reads it: 1,300 / 1.300 / 20,7 triliun / 20.7万亿 / 30%. */
  function states(quote, value) {
    var scales = cfg.scales, words = Object.keys(scales).sort(function (a, b) { return b.length - a.length; });
    var esc = words.map(function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    var rx = new RegExp("(\\d+(?:(?:[.,'\\u00a0\\u202f]|\\s(?=\\d{3}(?!\\d)))\\d+)*)\\s*(?:多\\s*)?(" + esc + ")?(?![a-z])", "gi");
    var abbr = /(\d+(?:[.,]\d+)*)\s?([KMBT])(?![A-Za-z])/g, found = [], mt;
    while ((mt = rx.exec(quote))) {
      var scale = mt[2] ? scales[mt[2].toLowerCase()] || scales[mt[2]] || 1 : 1;
      readings(mt[1]).forEach(function (r) { found.push(r); found.push(r * scale); });
    }
    var AB = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
    while ((mt = abbr.exec(quote))) readings(mt[1]).forEach(function (r) { found.push(r * AB[mt[2]]); });
    return found.some(function (r) { return Math.abs(r - value) <= Math.abs(value) * 1e-9; });
  }
  function readings(token) {
    var plain = token.replace(/[\u00a0\u202f' ]/g, ""), out = [];
    if (/^\d{1,2}(?:,\d{2})+,\d{3}$/.test(plain)) out.push(Number(plain.replace(/,/g, "")));
    [[",", "."], [".", ","], ["", "."]].forEach(function (pair) {
      var th = pair[0], dec = pair[1], text = plain;
      if (th) {
        var groups = text.split(dec)[0].split(th).slice(1);
        if (groups.some(function (g) { return g.length !== 3; })) return;
        text = text.split(th).join("");
      }
      if (dec === ",") text = text.replace(",", ".");
      if ((text.match(/\./g) || []).length <= 1 && !isNaN(Number(text))) out.push(Number(text));
    });
    return out;
  }

  function fieldElement(path) {
    for (var n = path.length; n >= 0; n--) {
      var el = root.querySelector('[data-schemapath="' + ["root"].concat(path.slice(0, n)).join(".") + '"]');
      if (el) return el;
    }
    return null;
  }
  function isTouched(path) {
    if (showAll) return true;
    for (var n = path.length; n > 0; n--) if (touched[["root"].concat(path.slice(0, n)).join(".")]) return true;
    return false;
  }
  function refresh() {
    if (!editor) return;
    decorate();
    var data = theCase();
    var problems = [];
    if (!validate(data)) (validate.errors || []).forEach(function (e) { var d = describe(e); if (d) problems.push(d); });
    problems = problems.concat(evidence(data));
    var seen = {};
    problems = problems.filter(function (p) { var k = p.path.join(".") + p.text; if (seen[k]) return false; seen[k] = 1; return true; });
    root.querySelectorAll(".ca-problem").forEach(function (el) { el.remove(); });
    root.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby"); });
    var list = $("ca-problems");
    while (list.firstChild) list.removeChild(list.firstChild);
    var shown = 0;
    if (current.translation_of && !$("ca-translator").value.trim()) {
      problems.push({ el: $("ca-translator"), path: [], text: fill(w.messages.required, { field: w.ui.translator_label }), hint: "" });
    }
    problems.concat(termProblems(termValue()).map(function (t) { return { el: t.el, text: t.text, hint: "", path: [] }; }))
      .forEach(function (p, i) {
        var el = p.el || fieldElement(p.path);
        var text = p.text + (p.hint ? " (" + p.hint + ")" : "");
        if (el && (p.el || isTouched(p.path))) {
          var note = document.createElement("p");
          note.className = "ca-problem";
          note.id = "ca-problem-" + i;
          note.textContent = text;
          var input = el.matches("input,select,textarea") ? el : el.querySelector("input,select,textarea");
          if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", note.id); }
          if (el.matches("input,select,textarea")) el.insertAdjacentElement("afterend", note); else el.appendChild(note);
          shown++;
        }
        var li = document.createElement("li");
        li.textContent = (p.path.length ? p.path.join(".") + ": " : "") + text;
        list.appendChild(li);
      });
    var n = list.children.length;
    say($("ca-problems-summary"), n ? fill(w.ui.problems_some, { n: n }) : w.ui.problems_none);
    var text = yamlText(data);
    say($("ca-preview"), text);
    say($("ca-path"), filePath(data));
    var propose = $("ca-propose");
    propose.setAttribute("href", proposeUrl(data, text) || "#ca-out");
  }
  function proposeUrl(data, text) {
    if (!cfg.repo_url) return null;
    var url = cfg.repo_url + "/new/" + encodeURIComponent(cfg.branch) + "?filename=" +
      encodeURIComponent(filePath(data)) + "&value=" + encodeURIComponent(text);
    return url.length <= cfg.max_url ? url : null;
  }

  /* Labels and definitions beside the choices of a vocabulary, in the reader's language. */
  function decorate() {
    [["mechanisms", "mechanisms"], ["themes", "themes"], ["sdgs", "sdgs"]].forEach(function (pair) {
      var box = root.querySelector('[data-schemapath="root.' + pair[0] + '"]');
      if (!box) return;
      var values = cfg.form.properties[pair[0]].items.enum;
      box.querySelectorAll("input[type=checkbox]").forEach(function (input, i) {
        var label = input.closest("label") || input.parentNode;
        if (!label || label.querySelector(".ca-definition")) return;
        var term = cfg.vocabulary[pair[1]][String(values[i])];
        if (!term || pair[0] === "sdgs") return;
        var def = document.createElement("span");
        def.className = "ca-definition";
        def.textContent = term.definition;
        label.appendChild(def);
      });
    });
    root.querySelectorAll('[data-schemapath^="root.actors."][data-schemapath$=".type"] select').forEach(function (sel) {
      var term = cfg.vocabulary.actor_types[sel.value];
      var def = sel.parentNode.querySelector(".ca-definition");
      if (!def) { def = document.createElement("p"); def.className = "ca-definition"; sel.insertAdjacentElement("afterend", def); }
      def.textContent = term ? term.definition : "";
    });
  }

  /* ---------- the page ---------- */
  function jsonEditorWords() {
    var u = w.ui;
    return { button_add_row_title: u.je_add, button_delete_row_title: u.je_delete, button_delete_row_title_short: u.je_delete,
             button_move_down_title: u.je_down, button_move_up_title: u.je_up, button_object_properties: u.je_properties,
             button_add: u.je_add_short, button_cancel: u.je_cancel, button_save: u.je_save,
             button_collapse: u.je_collapse, button_expand: u.je_expand };
  }
  function start() {
    w = cfg.words;
    var JE = window.JSONEditor;
    // json-editor "cleans" values, titles and descriptions by writing them into a <div>'s innerHTML and reading its
    // text back: that changes a contributor's text (a < b, <b>) and would load an <img onerror> they pasted. Every
    // place it uses the result sets textContent or an input's value, so the text itself is what must go there.
    JE.AbstractEditor.prototype.cleanText = function (txt) { return txt === undefined || txt === null ? "" : String(txt); };
    JE.AbstractTheme.prototype.cleanText = JE.AbstractEditor.prototype.cleanText;
    // Problems are the page's own (the CLI's words, beside each field); json-editor's untranslated ones stay unshown.
    JE.defaults.themes.html.prototype.addInputError = function () {};
    JE.defaults.themes.html.prototype.removeInputError = function () {};
    JE.defaults.languages[cfg.language] = jsonEditorWords();
    JE.defaults.language = cfg.language;
    var Ajv = window.ajv2020 && (window.ajv2020.default || window.ajv2020);
    validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    editor = new JE($("ca-form"), {
      schema: cfg.form, theme: "html", iconlib: null, disable_edit_json: true, disable_properties: true,
      disable_collapse: true, disable_array_delete_all_rows: true, disable_array_delete_last_row: true,
      disable_array_copy: true, prompt_before_delete: false, show_errors: "never", no_additional_properties: true,
      required_by_default: false, array_controls_top: false
    });
    editor.on("ready", function () {
      store = readStore();
      var d = store.current && store.drafts[store.current];
      if (!d) { d = makeDraft({ language: cfg.language }); }
      $("ca-contribute-loading").hidden = true;
      $("ca-contribute-ui").hidden = false;
      open(d);
      editor.on("change", function () { refresh(); scheduleSave(); });
    });
    ["input", "change", "focusout"].forEach(function (type) {
      $("ca-form").addEventListener(type, function (ev) {
        var box = ev.target.closest && ev.target.closest("[data-schemapath]");
        if (box && ev.type !== "focusout") touched[box.getAttribute("data-schemapath")] = true;
        if (ev.type === "focusout") { refresh(); }
      });
    });
    $("ca-term").addEventListener("input", function () { refresh(); scheduleSave(); });
    $("ca-term").addEventListener("change", function () { refresh(); scheduleSave(); });
    $("ca-drafts").addEventListener("change", function () { saveNow(); open(store.drafts[this.value]); });
    $("ca-draft-new").addEventListener("click", function () { saveNow(); open(makeDraft({ language: cfg.language })); });
    var armed = false;
    $("ca-draft-delete").addEventListener("click", function () {
      if (!armed) { armed = true; say(this, w.ui.draft_delete_confirm); return; }
      armed = false; say(this, w.ui.draft_delete);
      store = readStore();
      delete store.drafts[current.id];
      var rest = Object.keys(store.drafts);
      open(rest.length ? store.drafts[rest[0]] : makeDraft({ language: cfg.language }));
    });
    $("ca-draft-delete").addEventListener("blur", function () { armed = false; say(this, w.ui.draft_delete); });
    $("ca-draft-export").addEventListener("click", exportDrafts);
    $("ca-draft-import").addEventListener("change", function () {
      var f = this.files && this.files[0];
      if (!f) return;
      if (f.size > cfg.max_bytes) { message(fill(w.ui.input_too_large, { size: sizeText(f.size) }), "error"); this.value = ""; return; }
      var input = this;
      f.text().then(function (text) { saveNow(); readCase(text, f.name); input.value = ""; });
    });
    $("ca-paste-load").addEventListener("click", function () { saveNow(); readCase($("ca-paste").value, ""); });
    $("ca-existing").addEventListener("toggle", function () {
      if (!this.open || $("ca-existing-list").options.length) return;
      getJSON(siteRoot + "open-data/cases.json").then(function (doc) {
        var sel = $("ca-existing-list");
        (doc.cases || []).forEach(function (c) {
          var o = document.createElement("option");
          o.value = c.id; o.textContent = c.id + " — " + String(c.title || "").slice(0, 80);
          sel.appendChild(o);
        });
        existing = doc;
      }).catch(function (e) { message(fill(w.ui.existing_none, { reason: e.message }), "error"); });
    });
    var existing = null;
    $("ca-existing-load").addEventListener("click", function () {
      if (!existing) return;
      var id = $("ca-existing-list").value;
      var c = (existing.cases || []).filter(function (x) { return x.id === id; })[0];
      if (!c) return;
      saveNow();
      open(makeDraft(JSON.parse(JSON.stringify(c)), { based_on: id }), fill(w.ui.existing_loaded, { id: id }));
    });
    $("ca-existing-translate").addEventListener("click", function () {
      if (!existing) return;
      var id = $("ca-existing-list").value;
      var c = (existing.cases || []).filter(function (x) { return x.id === id; })[0];
      if (!c) return;
      saveNow();
      var done = ((existing.translations || {})[id] || {})[cfg.language];
      var data = done ? merged(c, done.text, cfg.translation_shape) : JSON.parse(JSON.stringify(c));
      fingerprint(c).then(function (fp) {
        var d = makeDraft(data, { based_on: id, translation_of: { id: id, language: cfg.language, fingerprint: fp } });
        var path = "case_studies/" + String(c.country || "xx").toLowerCase() + "/" + id + "." + cfg.language + ".yaml";
        open(d, fill(w.ui.translating, { id: id, path: path }));
      });
    });
    $("ca-translator").addEventListener("input", function () { refresh(); scheduleSave(); });
    $("ca-download").addEventListener("click", function () { download(); });
    $("ca-propose").addEventListener("click", function (ev) {
      var data = theCase();
      showAll = true; refresh();
      if (!cfg.repo_url) { ev.preventDefault(); message(w.ui.propose_unset, "warning"); return; }
      if (!proposeUrl(data, yamlText(data))) { ev.preventDefault(); download(); message(w.ui.propose_too_long, "warning"); return; }
      message(w.ui.propose_opened, "info");
    });
    window.addEventListener("pagehide", saveNow);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") saveNow(); });
  }
  function download() {
    saveNow();
    var data = theCase();
    showAll = true; refresh();
    var path = filePath(data);
    offer(new Blob([yamlText(data)], { type: "application/yaml" }), path.split("/").pop());
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = root.getAttribute("data-style");
  document.head.appendChild(css);
  cfg = JSON.parse($("ca-contribute-data").textContent);  // the form, the words and schema/case.schema.json
  schema = cfg.schema;
  Promise.all([
    loadScript(vendor + "jsoneditor.min.js"), loadScript(vendor + "ajv2020.min.js")
  ]).then(start).catch(function (e) {
    var box = $("ca-contribute-loading");
    box.textContent = (cfg && cfg.words ? cfg.words.ui.existing_none.replace("{reason}", e.message) : e.message);
  });
})();
