"""Schema-driven fuzzing: documents generated from the packaged JSON Schemas by hypothesis-jsonschema.

Every generated case, module and translation is written as YAML and checked as `caseatlas validate` checks it.
A document it rejects must get located messages (file, line, column, never a traceback); a document it
accepts must render its page, convert to HTML as the site does, export to the cartridge, CSV and JSON (valid
JSON: no NaN) and its JSON-LD, without an exception. The budget is fixed (EXAMPLES per schema, derandomized:
the same examples on every run, the whole file in well under two minutes), so CI runs it on every change.

For cases, the schema is narrowed where a free choice would make nearly every document fail the checks that
come after the schema (vocabularies, the one source every figure cites, ISO codes): those fields draw from the
real values, so that many generated cases are accepted and go on to be rendered and exported. Failing examples
Hypothesis found are kept as regression files in tests/hostile/ (see expected.yaml) and replayed by
test_hostile.py.
"""

from __future__ import annotations

import copy
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from caseatlas.atlas.open_data import cases_json, indicators_csv
from caseatlas.atlas.pipeline import case_files, check_content, check_modules, load_atlas
from caseatlas.content.schemas import schema_text
from caseatlas.core.errors import ContentError, Problem
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.outputs.cartridge import cartridge_files, write_cartridge
from caseatlas.render.jsonld import case_jsonld
from caseatlas.render.pages import Renderer
from caseatlas.render.standalone import markdown_to_html

EXAMPLES = 12
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
CASE_ID = "fuzz-case"
MODULE = f"""\
# yaml-language-server: $schema=../src/caseatlas/schema/module.schema.json
id: fuzz-module
title: Fuzz module
summary: One session on the generated case.
language: en
audience:
  who: Village heads
  size: {{min: 10, max: 20}}
objectives:
  - id: explain
    text: Explain the approach.
days: 1
hours: {{start: "08:30", end: "17:30"}}
sessions:
  - id: d1-intro
    day: 1
    start: "09:00"
    duration: 90
    kind: case-discussion
    title: The case
    objectives: [explain]
    cases: [{CASE_ID}]
  - id: d1-plan
    day: 1
    start: "11:00"
    duration: 60
    kind: workshop
    title: Action plan
    objectives: [explain]
action_plan:
  session: d1-plan
  instructions: Fill it in.
  what: What
  with_whom: With whom
  by_when: By when
sources:
  - id: source-1
    title: A source
    publisher: A publisher
last_reviewed: "2026-11-28"
"""


def _whole_patterns(node: Any) -> Any:
    """Patterns ending in `$` as `\\Z`: generated text then has no final newline that the schema would refuse.
    A `$ref` with constraints beside it becomes an allOf, which hypothesis-jsonschema resolves."""
    if isinstance(node, dict):
        out = {k: _whole_patterns(v) for k, v in node.items()}
        extra = {k: v for k, v in out.items() if k not in ("$ref", "description")}
        if "$ref" in out and extra:
            return {"allOf": [{"$ref": out["$ref"]}, extra]}
        if isinstance(out.get("pattern"), str) and out["pattern"].endswith("$"):
            out["pattern"] = out["pattern"][:-1] + r"\Z"
        return out
    if isinstance(node, list):
        return [_whole_patterns(v) for v in node]
    return node


def _small(node: Any) -> Any:
    """Short lists and texts: the budget goes to variety, not to length (the hostile corpus covers length)."""
    if isinstance(node, dict):
        out = {k: _small(v) for k, v in node.items()}
        if out.get("type") == "array":
            out["maxItems"] = min(out.get("maxItems", 3), 3)
        if out.get("type") == "string" and "pattern" not in out:
            out["maxLength"] = min(out.get("maxLength", 60), 60)
        return out
    if isinstance(node, list):
        return [_small(v) for v in node]
    return node


@cache
def packaged(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))  # type: ignore[no-any-return]


@cache
def case_schema() -> dict[str, Any]:
    """case.schema.json, with the fields that name vocabulary entries, codes or sources drawn from real values."""
    vocab = load_vocabulary()
    schema = copy.deepcopy(packaged("case.schema.json"))
    props = schema["properties"]
    props["id"] = {"const": CASE_ID}
    props["country"] = {"enum": ["CN", "ID"]}
    props.pop("subdivision")
    props["language"] = {"enum": ["en", "zh", "id"]}
    props["names"]["propertyNames"] = {"enum": ["zh", "id"]}
    props["mechanisms"]["items"] = {"enum": sorted(vocab.mechanisms)}
    props["themes"]["items"] = {"enum": sorted(vocab.themes)}
    props["actors"]["items"]["properties"]["type"] = {"enum": sorted(vocab.actor_types)}
    props["related"] = {"type": "array", "maxItems": 0}
    source = props["sources"]["items"]
    source["properties"]["id"] = {"const": "src"}
    source["properties"]["accessed"] = {"enum": ["2026-11-28"]}
    source["properties"]["date"] = {"enum": ["2020", "2020-05", "2020-05-17"]}
    props["sources"]["maxItems"] = 1
    for item in ("actors", "approach", "timeline"):
        props[item]["items"]["properties"]["source"] = {"const": "src"}
    props["timeline"]["items"]["properties"]["date"] = {"enum": ["2015", "2016-03", "2018-12-31"]}
    indicator = props["indicators"]["items"]["properties"]
    indicator["currency"] = {"enum": ["CNY", "IDR"]}
    indicator["values"]["items"]["properties"]["source"] = {"const": "src"}
    props["indicators"]["maxItems"] = 1
    props["last_reviewed"] = {"enum": ["2026-11-28"]}
    return _small(_whole_patterns(schema))  # type: ignore[no-any-return]


def located(problems: list[Problem], name: str) -> None:
    assert problems
    for p in problems:
        assert p.path == name and p.line >= 1 and p.column >= 1 and p.message, p
        assert "Traceback" not in str(p)


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def write(folder: Path, name: str, data: Any) -> Path:
    """The document as a contributor's file: the schema line editors read, then the YAML."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = ("module" if name.startswith("curriculum/") else "translation" if name.count(".") > 1 else "case") + ".schema.json"
    up = "../" * (name.count("/"))
    path.write_text(
        f"# yaml-language-server: $schema={up}src/caseatlas/schema/{schema}\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    return path


def accepted_case_works(folder: Path, tmp: Path) -> None:
    """Everything a published case goes through: its page (Markdown, then HTML), JSON-LD, open data, cartridge."""
    atlas = load_atlas(folder / "case_studies", folder / "curriculum")
    case = atlas.cases[CASE_ID]
    renderer = Renderer(atlas, "en")
    page = renderer.case(case)
    assert "<script" not in markdown_to_html(page.content).replace('<script type="application/ld+json">', "")
    json.dumps(case_jsonld(case, atlas.vocabulary), allow_nan=False)
    assert strict_json(cases_json(atlas))["count"] == 1
    indicators_csv(atlas)
    module = atlas.modules["fuzz-module"]
    files = cartridge_files(atlas, module, renderer)
    write_cartridge(files, tmp / "fuzz.imscc")


@FUZZ
@given(st.data())
def test_generated_cases_are_accepted_and_work_or_refused_with_located_messages(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    doc = data.draw(from_schema(case_schema()))
    folder = tmp_path_factory.mktemp("fuzz")
    path = write(folder, f"case_studies/cn/{CASE_ID}.yaml", doc)
    (folder / "curriculum").mkdir()
    (folder / "curriculum" / "fuzz-module.yaml").write_text(MODULE, "utf-8")
    docs, _, problems = check_content([path], [])
    if problems:
        located(problems, str(path))
        with pytest.raises(ContentError):
            load_atlas(folder / "case_studies")
        return
    assert docs
    ACCEPTED.append(CASE_ID)
    accepted_case_works(folder, folder)


ACCEPTED: list[str] = []


def test_the_fuzzing_reached_the_exports() -> None:
    """Runs after the case fuzzing (file order): some generated cases were accepted, and so rendered and exported."""
    assert ACCEPTED


@FUZZ
@given(from_schema(_small(_whole_patterns(packaged("module.schema.json")))))
def test_generated_modules_are_refused_with_located_messages_or_accepted(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = write(folder, "curriculum/m.yaml", doc)
    docs, problems = check_modules([path], {"qianhe", "shibadong"})
    if problems:
        for p in problems:
            assert p.line >= 1 and p.message and p.path.endswith(".yaml"), p
    else:
        assert docs


ORIGINAL = Path(__file__).parent.parent / "case_studies" / "cn" / "qianhe.yaml"


@FUZZ
@given(from_schema(_small(_whole_patterns(packaged("translation.schema.json")))))
def test_generated_translations_are_refused_with_located_messages_or_shown(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "case_studies" / "cn").mkdir(parents=True)
    cases = []
    for original in case_files(ORIGINAL.parent.parent):  # the original and the cases it relates to
        cases.append(folder / "case_studies" / original.parent.name / original.name)
        cases[-1].parent.mkdir(exist_ok=True)
        cases[-1].write_bytes(original.read_bytes())
    doc.setdefault("translation", {}).update({"of": "qianhe", "language": "zh"})
    path = write(folder, "case_studies/cn/qianhe.zh.yaml", doc)
    _, translations, problems = check_content(cases, [path])
    if problems:
        for p in problems:
            assert p.path == str(path) and p.line >= 1 and p.message, p
        return
    atlas = load_atlas(folder / "case_studies", language="zh")
    page = Renderer(atlas, "zh").case(atlas.cases["qianhe"])
    assert math.isfinite(len(markdown_to_html(page.content)))
