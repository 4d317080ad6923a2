"""The "Write a case" page's data (contribute_page.py): the form made from the schema, its words in every language,
the CLI's own messages, the layout of `caseatlas new`, and the vendored libraries it names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from caseatlas.atlas.pipeline import check_cases
from caseatlas.content.schemas import schema_text
from caseatlas.content.validation import SCHEMA_LINE
from caseatlas.site.contribute_page import (
    MAX_URL,
    branch_of,
    data_file,
    file_header,
    file_layout,
    form_schema,
    page_data,
    schema_fingerprint,
    vendor_files,
    words,
)

LANGUAGES = ["en", "zh", "id"]
VENDOR = Path(__file__).resolve().parents[1] / "src" / "caseatlas" / "vendor"


def schema_fields() -> list[str]:
    """Every field of case.schema.json by its path, list items without an index (indicators.values.year)."""
    root = json.loads(schema_text("case.schema.json"))
    out: list[str] = []

    def walk(node: dict[str, Any], path: str) -> None:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].split("/")[-1]]
        if node.get("type") == "array":
            walk(node["items"], path)
        for key, sub in node.get("properties", {}).items():
            out.append(f"{path}.{key}" if path else key)
            walk(sub, out[-1])

    walk(root, "")
    return out


def form_fields(node: dict[str, Any], path: str = "") -> list[str]:
    out: list[str] = []
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return form_fields(node["items"], path)
    for key, sub in node.get("properties", {}).items():
        out.append(f"{path}.{key}" if path else key)
        out += form_fields(sub, out[-1])
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_has_every_field_of_the_schema_with_its_label_in_each_language(lang: str) -> None:
    form = form_schema(lang)
    assert sorted(form_fields(form)) == sorted(schema_fields())
    missing = [f for f in schema_fields() if "label" not in words(lang)["fields"].get(f, {})]
    assert missing == []


@pytest.mark.parametrize("lang", ["zh", "id"])
def test_each_language_has_every_word_of_the_english_page_and_says_it_is_a_draft(lang: str) -> None:
    en, other = words("en"), words(lang)

    def keys(d: dict[str, Any], prefix: str = "") -> set[str]:
        out = set()
        for k, v in d.items():
            out |= {f"{prefix}{k}"} | (keys(v, f"{prefix}{k}.") if isinstance(v, dict) else set())
        return out

    assert keys(other) - {"translation.translator"} == keys(en) - {"translation.translator"}
    for key in ("ui", "messages"):
        for name, text in en[key].items():
            if isinstance(text, str):
                assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", other[key][name])), (key, name)
    assert other["translation"]["reviewed"] is False and "machine-assisted" in other["translation"]["translator"]


def test_choices_carry_the_readers_labels_and_optional_ones_start_empty() -> None:
    zh = form_schema("zh")["properties"]
    mechanisms = zh["mechanisms"]
    assert mechanisms["format"] == "checkbox" and "poverty-registry" in mechanisms["items"]["enum"]
    i = mechanisms["items"]["enum"].index("poverty-registry")
    assert mechanisms["items"]["options"]["enum_titles"][i] == "贫困识别与建档立卡"
    status = zh["status"]
    assert status["enum"][0] == "" and status["options"]["enum_titles"][1:] == ["计划中", "进行中", "已完成", "已停止"]
    qualifier = zh["indicators"]["items"]["properties"]["values"]["items"]["properties"]["qualifier"]
    assert "more than" in qualifier["enum"] and "超过" in qualifier["options"]["enum_titles"]
    assert zh["actors"]["items"]["properties"]["type"]["enum"][0] != ""  # required: no empty choice


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "case_studies" / "ke" / "case-x.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return [f"{p.field}: {p.message} (hint: {p.hint})" for p in check_cases([path])[1]]


GOOD = f"""{SCHEMA_LINE}
id: case-x
title: T
summary: S
language: en
country: KE
mechanisms: [cooperatives]
last_reviewed: "2026-12-01"
"""


def test_the_english_messages_are_the_ones_validate_prints(tmp_path: Path) -> None:
    m = words("en")["messages"]
    found = problems_of(
        tmp_path,
        GOOD.replace("title: T", 'title: ""')
        + """indicators:
  - {id: a, name: A, unit: people, values: [{year: 2019, value: 1300, source: s1},
                                            {year: 2020, value: 5, source: s1, quote: "six"}]}
sources:
  - {id: s1, title: T, publisher: P}
approach:
  - {step: x, source: s2}
""",
    )
    assert f"title: {m['minLength']} (hint: " in "\n".join(found)
    assert f"indicators[0].values[0]: {m['no_quote'].format(number='1,300')} (hint: {m['no_quote_hint']})" in found
    assert any(p.startswith(f"indicators[0].values[1].quote: {m['quote_number'].format(number='5')} (hint: ") for p in found)
    assert f"sources[0]: {m['no_url'].format(id='s1')} (hint: {m['no_url_hint']})" in found
    assert f"sources[0]: {m['no_accessed'].format(id='s1')} (hint: {m['no_accessed_hint']})" in found
    unknown = f"{m['unknown_source'].format(id='s2')} (hint: {m['unknown_source_hint'].format(known='s1')})"
    assert f"approach[0].source: {unknown}" in found
    missing = problems_of(tmp_path, GOOD.replace("country: KE\n", ""))
    assert missing[0].startswith(": " + m["required"].format(field="country"))
    year = problems_of(tmp_path, GOOD + "period: {start: 1800}\nsdgs: [1, 1]\n")
    assert any(p.startswith("period.start: " + m["minimum"].format(limit=1900)) for p in year)
    assert f"sdgs: {m['uniqueItems']} (hint: {m['uniqueItems_hint']})" in year
    typed = problems_of(tmp_path, GOOD + "period: {start: '2015'}\n")
    assert any(
        p.startswith("period.start: expected " + m["types"]["integer"].replace("a whole number", "an integer")) for p in typed
    )


def test_the_file_layout_is_the_one_caseatlas_new_writes() -> None:
    header = file_header()
    assert header[0] == SCHEMA_LINE and all(line.startswith("#") for line in header)
    keys = [k for k, _ in file_layout()]
    assert keys[:5] == ["id", "title", "summary", "language", "country"] and keys[-2:] == ["related", "last_reviewed"]
    schema = json.loads(schema_text("case.schema.json"))
    assert set(keys) == set(schema["properties"]) - {"synthetic"}
    comments = dict(file_layout())
    assert "@" not in "".join(comments.values()) and "cooperatives" in comments["mechanisms"]


def test_the_page_data_says_where_to_propose_only_when_the_site_does() -> None:
    assert json.loads(data_file("en", None, None)["contribute/form.json"])["repo_url"] is None
    doc = page_data("id", "https://github.com/example-org/example-atlas/", branch_of("edit/trunk/docs/"))
    assert doc["repo_url"] == "https://github.com/example-org/example-atlas" and doc["branch"] == "trunk"
    assert doc["max_url"] == MAX_URL and doc["schema_version"] == schema_fingerprint()
    assert branch_of(None) == "main" and branch_of("blob/dev/docs/") == "dev"
    assert doc["scales"]["triliun"] == 1e12 and doc["words"]["title"] == "Tulis kasus"


def test_the_vendored_libraries_are_the_versions_their_readme_names() -> None:
    readme = (VENDOR / "README.md").read_text("utf-8")
    files = vendor_files()
    versions = {
        "jsoneditor.min.js": ("2.17.2", '@version "2.17.2"'),
        "ajv2020.min.js": ("8.17.1", "ajv 8.17.1"),
        "js-yaml.min.js": ("5.5.0", None),
    }
    for name, (version, mark) in versions.items():
        body = files[f"assets/vendor/{name}"].decode("utf-8")
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}`"))
        assert f"| {version} |" in row
        banner = (VENDOR / "jsoneditor.js.LICENSE.txt").read_text("utf-8") if name == "jsoneditor.min.js" else body[:2000]
        assert mark is None or mark in banner
        assert "sourceMappingURL" not in body
    for licence in ("LICENSE.json-editor", "LICENSE.ajv", "LICENSE.js-yaml"):
        assert "Permission is hereby granted" in (VENDOR / licence).read_text("utf-8")
