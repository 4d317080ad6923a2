"""JSON Schemas shipped in the package, and errors against them as readable problems."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from caseatlas.content.loading import Document
from caseatlas.core.errors import Problem
from caseatlas.core.limits import shorten
from caseatlas.core.vocabulary import did_you_mean

_ARTICLE = {
    "integer": "an integer",
    "number": "a number",
    "string": "a text",
    "array": "a list",
    "object": "a mapping (key: value)",
    "boolean": "true or false",
    "null": "nothing",
}


def schema_text(name: str) -> str:
    """The text of a packaged schema, for example `case.schema.json`."""
    return resources.files("caseatlas").joinpath("schema", name).read_text("utf-8")


def _is_number(checker: Any, value: Any) -> bool:
    """A finite int or float: `.nan` and `.inf` are not numbers a page, a chart or JSON can show."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_integer(checker: Any, value: Any) -> bool:
    """An int: `2015.0` is not a year, nor `1.0` a goal (JSON Schema would take both, as numbers equal to integers)."""
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def _whole(pattern: str) -> re.Pattern[str]:
    """A schema pattern matched against the whole text. Python's `$` also matches before a final newline; jsonschema-rs's
    (like ECMAScript's) does not: `\\Z` makes both say the same of "2026-11-28\\n"."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern)


def _pattern(v: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    if isinstance(instance, str) and not _whole(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Strict = validators.extend(
    Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many({"number": _is_number, "integer": _is_integer}),
)


@cache
def validator(name: str) -> Draft202012Validator:
    """The packaged schema as `jsonschema` checks it, with integers that are ints, numbers that are finite and
    patterns that match the whole text: the same verdicts as the compiled validator plus _needs_full_check."""
    schema = json.loads(schema_text(name))
    Draft202012Validator.check_schema(schema)
    return _Strict(schema)


def _needs_full_check(value: Any) -> bool:
    """Whether the data holds a float the compiled validator would take where the strict one may not: one that is
    not finite, or one equal to an integer (2015.0). Walks with a stack: no depth costs recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            if not math.isfinite(item) or item.is_integer():
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


@cache
def compiled_validator(name: str) -> Any:
    """The same schema compiled by jsonschema-rs: a few microseconds per valid file instead of milliseconds."""
    return jsonschema_rs.validator_for(validator(name).schema)


def schema_problems(doc: Document, name: str) -> list[Problem]:
    """Every way the document breaks the named schema, each with line, field and hint.

    The compiled validator answers whether the file is valid; only a file that is not (or that holds a value
    it cannot take, such as a non-text key) is checked again by `jsonschema`, whose errors the messages are
    made from. So is a file with a float the compiled validator would take as an integer, or that is not finite.
    tests/test_fast_paths.py checks the two agree.
    """
    try:
        if compiled_validator(name).is_valid(doc.data) and not _needs_full_check(doc.data):
            return []
    except ValueError:  # a value JSON has no type for (a date, a set, a number key): jsonschema says what is wrong
        pass
    v = validator(name)
    return [_problem(doc, v.schema, e) for e in v.iter_errors(doc.data)]


def _control(text: str, pattern: str) -> str | None:
    """The first control character of `text` that `pattern` refuses (a line break only where the field is one line)."""
    for char in text:
        if (ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F) and not _whole(pattern).search(char):
            return char
    return None


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _problem(doc: Document, root: dict[str, Any], e: ValidationError) -> Problem:
    path = tuple(e.absolute_path)
    sub = _subschema(root, path)
    desc = sub.get("description", "")
    kw, val = e.validator, e.validator_value
    at_key = False
    if kw == "required":
        missing = e.message.split("'")[1] if "'" in e.message else "?"
        field_schema = _deref(root, (e.schema.get("properties") or {}).get(missing, {}))
        return doc.problem(
            path,
            f"missing required field '{missing}'",
            f"add `{missing}:`" + (f" — {field_schema['description']}" if field_schema.get("description") else ""),
        )
    if kw == "additionalProperties":
        allowed = list((e.schema.get("properties") or {}).keys())
        extras = [k for k in e.instance if k not in allowed] if isinstance(e.instance, dict) else []
        key = extras[0] if extras else "?"
        hint = did_you_mean(str(key), allowed, "remove it; allowed fields: " + ", ".join(allowed))
        return doc.problem(path + (str(key),), f"unknown field '{shorten(str(key))}'", hint, at_key=True)
    if kw == "type" and isinstance(e.instance, float) and not math.isfinite(e.instance):
        message = f"expected a finite number, got {_got(e.instance)}"
        desc = "write the number the source gives; .nan and .inf are not numbers a page can show"
    elif kw == "type" and val == "integer" and isinstance(e.instance, float) and e.instance.is_integer():
        message = f"expected a whole number, got {_got(e.instance)}"
        desc = f"write {int(e.instance)}, without a decimal point"
    elif kw == "type":
        message = f"expected {_ARTICLE.get(val, val)}, got {_got(e.instance)}"
        desc = desc or (_TYPE_HINTS.get(val, "") if isinstance(val, str) else "")
    elif kw == "pattern" and isinstance(e.instance, str) and _control(e.instance, val):
        char = _control(e.instance, val) or "?"
        message = f"holds the control character U+{ord(char):04X}, which is not allowed here"
        desc = "delete it: control characters are invisible in most editors and could rewrite a terminal" + (
            "" if char == "\n" else "; only long text fields may hold line breaks and tabs"
        )
    elif kw == "enum":
        message = f"{_got(e.instance)} is not an allowed value"
        desc = did_you_mean(e.instance, val, "use one of: " + ", ".join(map(str, val)))
    elif kw == "pattern":
        message = f"{_got(e.instance)} is not in the expected form"
        desc = desc or _PATTERN_HINTS.get(val, f"it must match {val}")
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}
        message = f"expected a value {words[kw]} {val}, got {_got(e.instance)}"
    elif kw == "minLength":
        message = "must not be empty"
    elif kw == "maxLength":
        message = f"is {len(e.instance)} characters long; at most {val} are allowed"
        desc = desc or "shorten it"
    elif kw == "minItems":
        message = f"needs at least {val} item{'s' if val != 1 else ''}"
    elif kw == "uniqueItems":
        message = "lists the same item twice"
        desc = "remove the repeated item"
    else:
        message = e.message
    return doc.problem(path, message, desc, at_key=at_key)


_TYPE_HINTS = {
    "array": "write a list: one `- item` per line, indented under the field, or `[a, b]`",
    "object": "write `name: value` lines, indented under the field",
    "string": "write the text after the colon; put it in quotes if it starts with [, {, & or *",
    "number": "write a plain number, for example 1300 or 183.83",
    "integer": "write a whole number, for example 2019",
    "boolean": "write true or false",
}

_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "use lower-case letters, digits and single hyphens, for example 'qianhe-village'",
}


def _subschema(root: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    """The schema that applies at an instance path, following properties, items and $ref."""
    node = _deref(root, root)
    for part in path:
        if isinstance(part, int):
            node = _deref(root, node.get("items", {}))
        else:
            props = node.get("properties", {})
            node = _deref(root, props[part] if part in props else node.get("additionalProperties") or {})
    return node


def _deref(root: dict[str, Any], node: Any) -> dict[str, Any]:
    if not isinstance(node, dict):
        return {}
    if "$ref" in node and node["$ref"].startswith("#/$defs/"):
        target = dict(root["$defs"][node["$ref"].split("/")[-1]])
        target.update({k: v for k, v in node.items() if k != "$ref"})
        return target
    return node
