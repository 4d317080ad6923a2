"""Generated YAML fed to the loader, the validator and the renderer: only problems come out, never a crash.

Documents are random mappings over the schema's real field names (at every level) with
values of random types, random text and bytes, and mutations of a valid case. For each,
reading and checking it may report problems or raise the tool's own error type, nothing else;
and whatever passes the checks must render without an error.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from caseatlas.atlas.model import Atlas, Case
from caseatlas.atlas.pipeline import case_files, check_cases
from caseatlas.content.loading import Document, read_document
from caseatlas.content.schemas import schema_text
from caseatlas.content.validation import case_problems, cross_problems
from caseatlas.core.errors import CaseAtlasError, Problem
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.render.pages import render_pages

POSITIVE = Path(__file__).parent / "validation" / "positive"
_valid = read_document(POSITIVE / "id" / "every-field.yaml")
assert isinstance(_valid, Document)
VALID = {k: v for k, v in _valid.data.items() if k != "related"}  # alone in its folder, it can relate to nothing


def _field_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        names |= set(node.get("properties", {}))
        for value in node.values():
            names |= _field_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _field_names(value)
    return names


FIELDS = sorted(_field_names(json.loads(schema_text("case.schema.json"))))
LIKELY = [
    "CN",
    "ID",
    "en",
    "zh",
    "poverty-registry",
    "cooperatives",
    "residents",
    "src",
    "2026-01-01",
    "2019",
    "https://example.org/x",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "\u202e",
    "\u200b",
    "",
    " ",
    "~",
    "null",
    "- a",
    "a: b",
    "*x",
    "&x",
    "!!python/none",
    "\t",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(LIKELY),
    st.integers(min_value=1900, max_value=2100),
    st.sampled_from([1, 17, 0, 18, -1, 10**30]),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12), st.integers(), st.booleans())
values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)), max_leaves=25
)
documents = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=12)), values, max_size=14)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(raw: bytes, name: str = "cn/case.yaml") -> list[Problem]:
    """Write `raw` as `name` in a fresh folder and run every check on it; the problems found."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.parent.mkdir()
        path.write_bytes(raw)
        try:
            doc = read_document(path)
            if isinstance(doc, Document):
                found = case_problems(doc, load_vocabulary()) + cross_problems([doc])
                assert all(isinstance(p, Problem) for p in found)
            docs, problems = check_cases(case_files(Path(tmp)))
            assert all(isinstance(p, Problem) and str(p) for p in problems)
            event("valid" if not problems else "problems")
            if not problems:  # valid content must render
                render_pages(Atlas.from_cases(load_vocabulary(), [Case(d.path, d.data) for d in docs]))
            return problems
        except CaseAtlasError as exc:
            event(f"{type(exc).__name__}")
            return []


def dump(data: Any) -> bytes:
    return ("# yaml-language-server: $schema=x\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)).encode()


@SETTINGS
@given(documents)
def test_random_mappings_over_the_real_field_names(doc: dict[Any, Any]) -> None:
    check(dump(doc))


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(VALID)), values, min_size=1, max_size=4))
def test_a_valid_case_with_random_values_in_some_fields(changes: dict[str, Any]) -> None:
    check(dump({**VALID, **changes}), "id/every-field.yaml")


@SETTINGS
@given(st.lists(st.sampled_from(sorted(VALID)), max_size=6), st.data())
def test_a_valid_case_with_random_values_deeper_down(fields: list[str], data: st.DataObject) -> None:
    case = json.loads(json.dumps(VALID))
    for key in fields:
        target = case[key]
        while isinstance(target, (list, dict)) and target and data.draw(st.booleans()):
            inner = data.draw(st.sampled_from(list(range(len(target))) if isinstance(target, list) else list(target)))
            if not isinstance(target[inner], (list, dict)):
                target[inner] = data.draw(values)
                break
            target = target[inner]
    check(dump(case), "id/every-field.yaml")


@SETTINGS
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_bytes_and_text(raw: bytes) -> None:
    check(raw)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "a:",
                " b",
                "- ",
                "[",
                "]",
                "{",
                "}",
                "&x ",
                "*x",
                "'",
                '"',
                "\t",
                "\n",
                "#",
                "|",
                ">",
                "? ",
                "---",
                "!!str ",
                "!x ",
                "%YAML 1.1",
                "\ufeff",
                "\x00",
                ": ",
                ",",
                "id: x",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_random_yaml_punctuation(text: str) -> None:
    check(text.encode())
