"""The fast paths of validation give the same results as the reference code they stand in for.

- plain_nodes.plain_data builds exactly the data PyYAML's constructor builds, or declines;
- the compiled schema check (jsonschema-rs) never calls valid a file that `jsonschema` finds errors in.
Checked on every YAML file of the repository, synthetic cases, and generated documents.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseatlas.content import loading
from caseatlas.content.loading import Document, read_document
from caseatlas.content.plain_nodes import NotPlainError, plain_data
from caseatlas.content.schemas import compiled_validator, validator
from tests.test_properties import SETTINGS, VALID, documents, dump, values

ROOT = Path(__file__).resolve().parent.parent
REPO_YAML = sorted(p for folder in ("case_studies", "curriculum", "tests") for p in (ROOT / folder).rglob("*.yaml"))
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_corpus  # noqa: E402


def reference(text: str) -> Any:
    """What PyYAML's constructor builds (the loader before the fast path), or the error it raises."""
    loader = loading._Loader(text)
    try:
        return loader.get_single_data()
    except Exception as exc:
        return ("error", type(exc).__name__)
    finally:
        loader.dispose()


def fast(text: str) -> Any:
    try:
        return loading._load(text)[0]
    except Exception as exc:
        return ("error", type(exc).__name__)


def same(a: Any, b: Any) -> bool:
    """Equal, in the same types and key order, with NaN equal to NaN; without recursion (some files nest deeply)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if list(x) != list(y):
                return False
            stack += [(x[k], y[k]) for k in x]
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            stack += list(zip(x, y, strict=True))
        elif not (x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))):
            return False
    return True


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_fast_loading_builds_what_the_constructor_builds(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    assert same(fast(text), reference(text))


def test_synthetic_cases_take_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_corpus(tmp_path, 20)
    expected = [reference(p.read_text("utf-8")) for p in paths]

    def refuse(self: object, node: object) -> None:
        raise AssertionError("the constructor ran on a plain file")

    monkeypatch.setattr(loading._Loader, "construct_document", refuse)
    docs = [read_document(p) for p in paths]
    assert all(isinstance(d, Document) for d in docs)
    assert all(same(d.data, e) for d, e in zip(docs, expected, strict=True))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!binary aGk=\n",
        "!!str\na: 1\n",
        "a: !!map b\n",
        "a: !!seq b\n",
        "a: !!str [b]\n",
        "!!str [a]: b\n",
        "!!seq a: b\n",
        "a: !!int [1]\n",
        "a: !!set {x}\n",
        "a: !!timestamp 2020-01-01\n",
        "a: !x y\n",
        "<<: {a: 1}\nb: 2\n",
        "1: a\n",
        "true: a\n",
        "~: a\n",
        "[a]: b\n",
        "a: 1\na: 2\n",
        "a: 1\n'a': 2\n",
        "a: " + "1" * 5000 + "\n",
        "a:" + " [" * 30 + " 1" + " ]" * 30 + "\n",
        "a: [" + ", ".join(["1"] * 1001) + "]\n",
    ],
)
def test_anything_unusual_goes_to_the_constructor(text: str) -> None:
    loader = loading._Loader(text)
    try:
        node = loader.get_single_node()
        with pytest.raises(NotPlainError):
            plain_data(node, lambda n: loader.yaml_constructors[n.tag](loader, n))
    finally:
        loader.dispose()
    assert same(fast(text), reference(text))


@SETTINGS
@given(documents)
def test_fast_loading_of_generated_documents(doc: dict[Any, Any]) -> None:
    text = dump(doc).decode()
    assert same(fast(text), reference(text))


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
                "'",
                '"',
                "\n",
                "#",
                "|",
                ">",
                "? ",
                "---",
                "!!str ",
                "!!int ",
                "!x ",
                "<<: ",
                "1",
                "0x1",
                "true",
                "~",
                ".nan",
                ": ",
                ",",
                "id: x",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_fast_loading_of_yaml_punctuation(text: str) -> None:
    assert same(fast(text), reference(text))


def compiled_agrees(data: Any, name: str = "case.schema.json") -> None:
    """A document `jsonschema` finds errors in is never valid to the compiled check (which may refuse a value)."""
    errors = list(validator(name).iter_errors(data))
    try:
        valid = compiled_validator(name).is_valid(data)
    except ValueError:
        return
    assert valid == (not errors), [e.message for e in errors]


def test_compiled_schema_agrees_on_every_file_of_the_repository() -> None:
    checked = valid = 0
    for path in REPO_YAML:
        doc = read_document(path)
        if not isinstance(doc, Document):
            continue
        schema = "module.schema.json" if "curriculum" in path.parts or "modules" in path.parts else "case.schema.json"
        if path.name.count(".") > 1:
            schema = "translation.schema.json"
        compiled_agrees(doc.data, schema)
        checked += 1
        valid += bool(compiled_validator(schema).is_valid(json.loads(json.dumps(doc.data))))
    assert checked > 100 and valid > 20  # the fast path is taken, and the files that break a schema are many


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(VALID)), values, min_size=1, max_size=4))
def test_compiled_schema_agrees_on_a_valid_case_with_random_values(changes: dict[str, Any]) -> None:
    compiled_agrees({**VALID, **changes})


@SETTINGS
@given(documents)
def test_compiled_schema_agrees_on_random_mappings(doc: dict[Any, Any]) -> None:
    compiled_agrees(doc)
