"""The "Write a case" page (contribute/): a form made from case.schema.json and the vocabularies.

The page's script (docs/assets/caseatlas-contribute.js) draws the form with json-editor from the form schema
made here, checks the draft with Ajv against the published `schema/case.schema.json` (the schema
`caseatlas validate` uses), keeps drafts in the browser and writes the case file in the layout of
`caseatlas new` (data/new_case.yaml). Everything the script needs in the reader's language is one JSON file
beside the page, `contribute/form.json`; the vendored libraries (vendor/README.md) are published under
`assets/vendor/`. Words: data/contribute_words.yaml.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

import yaml
from markupsafe import Markup

from caseatlas.content.evidence import _SCALES
from caseatlas.content.scaffold import new_case_text
from caseatlas.content.schemas import schema_text
from caseatlas.content.translatable import shape
from caseatlas.core.strings import strings
from caseatlas.core.vocabulary import Vocabulary, load_vocabulary
from caseatlas.render.notices import notice, with_notices

PAGE = "contribute/index.md"
DATA = "contribute/form.json"
VENDOR = ("jsoneditor.min.js", "ajv2020.min.js", "js-yaml.min.js")
TRANSLATION_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/translation.schema.json"
MAX_URL = 8000  # GitHub's new-file link: past about 8 KB a browser or GitHub refuses the address
ENUM_WORDS = {
    "status": "status_values",
    "qualifier": "qualifier_values",
    "government_level": "government_level_values",
    "budget_scale": "budget_scale_values",
    "period": "period_values",
}
VOCAB_FIELDS = {"mechanisms": "mechanisms", "themes": "themes", "actors.type": "actor_types", "sdgs": "sdgs"}


@functools.cache
def _all_words() -> dict[str, Any]:
    text = resources.files("caseatlas").joinpath("data", "contribute_words.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def words(lang: str) -> dict[str, Any]:
    """The page's words in `lang`; English where the language has none (a fourth language without them)."""
    table = _all_words()
    return table.get(lang) or table["en"]  # type: ignore[no-any-return]


def _deref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        target = dict(root["$defs"][node["$ref"].split("/")[-1]])
        target.update({k: v for k, v in node.items() if k != "$ref"})
        return target
    return node


def form_schema(lang: str, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The case schema as json-editor draws it in `lang`: references resolved, each field with its label and help,
    choices (vocabularies, enumerations) with their labels, optional choices with an empty first option."""
    root = json.loads(schema_text("case.schema.json"))
    vocab = vocab or load_vocabulary(lang)
    w, t = words(lang), strings(lang)
    order = [key for key, _ in file_layout()]

    def node(schema: dict[str, Any], path: tuple[str, ...], required: bool) -> dict[str, Any]:
        n = _deref(root, schema)
        key = ".".join(path)
        field = w["fields"].get(key, {})
        out: dict[str, Any] = {"title": field.get("label", path[-1] if path else "")}
        if field.get("help"):
            out["description"] = field["help"]  # shown as text (the page's script)
        last = path[-1] if path else ""
        if key in VOCAB_FIELDS:
            terms: dict[Any, Any] = getattr(vocab, VOCAB_FIELDS[key])
            values = list(terms)
            titles = [f"{k}: {v.label}" if key == "sdgs" else v.label for k, v in terms.items()]
            item = {"type": "integer" if key == "sdgs" else "string", "enum": values, "options": {"enum_titles": titles}}
            if key == "actors.type":
                return {**out, **item}
            return {**out, "type": "array", "uniqueItems": True, "format": "checkbox", "items": item}
        if "enum" in n:
            table = w["year_qualifier_values"] if last == "year_qualifier" else t.get(ENUM_WORDS.get(last, ""), {})
            values = list(n["enum"])
            titles = [str(table.get(v, v)) for v in values]
            if not required:
                values, titles = ["", *values], [w["enum_none"], *titles]
            return {**out, "type": "string", "enum": values, "options": {"enum_titles": titles}}
        kind = n.get("type")
        if kind == "object" and "properties" in n:
            need = set(n.get("required", []))
            names = list(n["properties"])
            if not path:
                names.sort(key=lambda k: order.index(k) if k in order else len(order))
            props = {k: node(n["properties"][k], (*path, k), k in need) for k in names}
            for i, k in enumerate(names):
                props[k]["propertyOrder"] = i + 1
            return {
                **out,
                "type": "object",
                "properties": props,
                "required": sorted(need),
                "options": {"disable_collapse": True} if path else {},
            }
        if kind == "object":  # names: language code → name
            return {
                **out,
                "type": "object",
                "options": {"disable_properties": False},
                "additionalProperties": {"type": "string", "title": field.get("label", "")},
            }
        if kind == "array":
            item = node(n["items"], path, True)
            item["title"] = out["title"]
            item.pop("description", None)
            return {**out, "type": "array", "items": item}
        if kind in ("integer", "number"):  # no default: json-editor would otherwise start a required one at 0
            return {**out, "type": kind, "default": None}
        if kind == "boolean":
            return {**out, "type": "boolean", "format": "checkbox"}
        long = n.get("maxLength", 0) > 300 and last not in ("title",)
        return {**out, "type": "string", **({"format": "textarea"} if long else {})}

    schema = node(root, (), True)
    schema["title"] = w["title"]
    return schema


def file_layout() -> list[tuple[str, str]]:
    """The top-level fields of a case file in the order `caseatlas new` writes them, each with its comment there."""
    text = new_case_text("CC", "case-id")
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        m = re.match(r"^#? ?([a-z_]+):.*?(?:#\s*(.*))?$", line)
        if m and not line.startswith("#  ") and m.group(1) not in dict(out):
            comment = (m.group(2) or "").strip()
            out.append((m.group(1), comment))
    return out


def file_header() -> list[str]:
    """The comment lines `caseatlas new` starts a case file with (the schema line first)."""
    text = new_case_text("CC", "case-id")
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def page_data(lang: str, repo_url: str | None = None, branch: str = "main") -> dict[str, Any]:
    """Everything the page's script needs: the form, the words, the file's layout, the vocabularies, the proposing
    address. Contributor-supplied words (vocabulary labels, definitions) are data here, never markup."""
    vocab = load_vocabulary(lang)
    w = words(lang)
    definitions = {
        kind: {str(k): {"label": v.label, "definition": v.definition} for k, v in getattr(vocab, kind).items()}
        for kind in VOCAB_FIELDS.values()
    }
    schema = json.loads(schema_text("case.schema.json"))
    return {
        "format": "caseatlas-contribute",
        "version": 1,
        "language": lang,
        "schema_version": schema_fingerprint(),
        "schema": schema,
        "form": form_schema(lang, vocab),
        "words": {k: w[k] for k in ("ui", "messages", "term", "fields", "title")},
        "reviewed": bool(w.get("translation", {}).get("reviewed", False)),
        "layout": file_layout(),
        "header": file_header(),
        "nested_order": _nested_order(schema),
        "vocabulary": definitions,
        "scales": dict(_SCALES.items()),
        "translation_shape": shape(),
        "translation_schema_line": TRANSLATION_LINE,
        "repo_url": (repo_url or "").rstrip("/") or None,
        "branch": branch,
        "max_url": MAX_URL,
        "max_bytes": 1_000_000,
    }


def _nested_order(schema: dict[str, Any]) -> dict[str, list[str]]:
    """For each object of the schema, by its field path, the order of its fields as the schema lists them."""
    out: dict[str, list[str]] = {}

    def walk(node: dict[str, Any], path: str) -> None:
        n = _deref(schema, node)
        if n.get("type") == "object" and "properties" in n:
            out[path] = list(n["properties"])
            for k, v in n["properties"].items():
                walk(v, f"{path}.{k}" if path else k)
        elif n.get("type") == "array":
            walk(n["items"], path)

    walk(schema, "")
    return out


def schema_fingerprint() -> str:
    """Which version of the case schema a draft was made with: its SHA-256, first 16 hex digits."""
    import hashlib

    return hashlib.sha256(schema_text("case.schema.json").encode("utf-8")).hexdigest()[:16]


def branch_of(edit_uri: str | None) -> str:
    """The branch in MkDocs' `edit_uri` (`edit/main/docs/`), or main."""
    m = re.match(r"^/?(?:edit|blob)/([^/]+)/", edit_uri or "")
    return m.group(1) if m else "main"


def vendor_files() -> dict[str, bytes]:
    """The vendored libraries, published under assets/vendor/."""
    folder = resources.files("caseatlas").joinpath("vendor")
    return {f"assets/vendor/{name}": folder.joinpath(name).read_bytes() for name in VENDOR}


def data_file(lang: str, repo_url: str | None, edit_uri: str | None) -> dict[str, str]:
    """contribute/form.json of one language's site."""
    doc = page_data(lang, repo_url, branch_of(edit_uri))
    return {DATA: json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"}


def script_json(text: str) -> str:
    """JSON that can stand inside a <script> element: no `<`, `>` or `&` (a `</script>` in a vocabulary definition
    cannot end it), and no line separators."""
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text.strip()


def contribute_files(renderer: Any, repo_url: str | None = None, edit_uri: str | None = None) -> dict[str, str | bytes]:
    """The page, its form.json and the vendored libraries, for the renderer's language. Where the page's words are a
    draft translation, it says so at the top, as translated pages do."""
    lang = renderer.lang
    w = words(lang)
    data = data_file(lang, repo_url, edit_uri)[DATA]
    page = renderer.render("contribute.html.j2", PAGE, w=w, data=Markup(script_json(data)))
    content = page.content
    if not w.get("translation", {}).get("reviewed", False):
        translator = str(w["translation"].get("translator", ""))
        content = with_notices(content, [notice("unreviewed", renderer.t, original="en", translator=translator)], html=True)
    files: dict[str, str | bytes] = {PAGE: content, DATA: data}
    files["assets/caseatlas-contribute.css"] = (
        resources.files("caseatlas").joinpath("templates", "caseatlas", "contribute.css").read_text("utf-8")
    )
    files.update(vendor_files())
    return files
