"""Read one YAML content file into plain data, or into problems with file and line.

Parsing uses PyYAML's C parser where it is installed. Dates and clock times
stay strings (YAML 1.1 would read 14:30 as the base-60 number 870), only
`true`/`false` are booleans (so the country code NO stays "NO"), duplicate
keys are errors, and anchors/aliases are refused (no "billion laughs"), as are
tags (`!!python/…`) and integers too long to convert. Size and nesting are
bounded (limits.py). Line numbers are found only when a problem needs one, by
walking the node tree, which is composed once per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from caseatlas.content.plain_nodes import MAP, SEQ, STR, NotPlainError, plain_data
from caseatlas.core.errors import Problem, display_path
from caseatlas.core.limits import MAX_BYTES, markup_problem, shape_problem, shorten
from caseatlas.core.regular_files import NotRegularError, read_regular

try:  # the C parser is ~15x faster; fall back to pure Python where libyaml is missing
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


Path_ = tuple[str | int, ...]
_FLAT = "a case is a mapping of fields with short lists; remove the extra nesting"


class _StrictResolver(Resolver):
    """YAML 1.1 implicit types minus timestamps, yes/no/on/off booleans and base-60 numbers (as in YAML 1.2)."""


_NO_BASE_60 = {
    "tag:yaml.org,2002:int": re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"
        r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}
_StrictResolver.yaml_implicit_resolvers = {
    first: [
        (tag, _NO_BASE_60.get(tag, rx))
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers) for first, resolvers in _StrictResolver.yaml_implicit_resolvers.items()
}
assert None not in _IMPLICIT and not _StrictResolver.yaml_path_resolvers  # what _resolve leaves out


def _resolve(self: Resolver, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
    """Resolver.resolve for the resolvers above, without its general cases: it runs for every node of every file."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return STR
    return SEQ if kind is yaml.SequenceNode else MAP


_StrictResolver.resolve = _resolve  # type: ignore[assignment,method-assign]


class _RefusedError(Exception):
    """A value the loader will not construct, with where it is and how to fix it."""

    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        self.node, self.message, self.hint = node, message, hint


class _Constructor(SafeConstructor):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _RefusedError(
                        key_node,
                        f"duplicate key '{shorten(key_node.value)}' in one mapping",
                        "each field may appear once; merge the two entries",
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python converts integers of at most 4,300 digits
            raise _RefusedError(
                node, f"a number of {len(node.value):,} digits is too long to read", "write the number as the source gives it"
            ) from None

    def construct_undefined(self, node: yaml.Node) -> NoReturn:
        raise _RefusedError(
            node, f"YAML tags such as '{shorten(node.tag)}' are not allowed", "remove the tag and write the value as plain text"
        )


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)  # type: ignore[type-var]
_Constructor.add_constructor(None, _Constructor.construct_undefined)  # type: ignore[type-var]


class _Loader(_Parser, _Constructor, _StrictResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _StrictResolver.__init__(self)


@dataclass
class Document:
    """A parsed content file: its data, and the text to find line numbers in."""

    path: Path
    data: dict[str, Any]
    text: str
    _root: list[yaml.Node | None] = field(default_factory=list, repr=False, compare=False)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def locate(self, field_path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `field_path`, or of the nearest parent."""
        if not self._root:  # composed once, when the first problem needs a line number
            self._root.append(_compose(self.text))
        return _walk(self._root[0], field_path, at_key)

    def problem(self, field_path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        line, col = self.locate(field_path, at_key=at_key)
        return Problem(self.name, line, col, format_path(field_path), message, hint)


def format_path(field_path: Path_) -> str:
    out = ""
    for part in field_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{shorten(part)}" if out else shorten(part))
    return out


def locate(text: str, field_path: Path_, *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the value at `field_path` in YAML `text`, or of the nearest parent."""
    return _walk(_compose(text), field_path, at_key)


def _compose(text: str) -> yaml.Node | None:
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return None


def _walk(node: yaml.Node | None, field_path: Path_, at_key: bool) -> tuple[int, int]:
    mark = node.start_mark if node else None
    for i, part in enumerate(field_path):
        last = i == len(field_path) - 1
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if found is None:
                break
            node = found[1]
            mark = found[0].start_mark if (last and at_key) else node.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def read_document(path: Path) -> Document | Problem:
    """Parse one file; return the document, or the first problem that stops parsing."""
    name = display_path(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except NotRegularError as exc:  # a link could lead anywhere (outside the project, a secret); a pipe would block
        if "symbolic link" in str(exc):
            return Problem(name, 1, 1, "", "is a symbolic link, not a file", "put the file itself here instead of a link to it")
        return Problem(name, 1, 1, "", str(exc), "remove it: only regular files are read")
    except ValueError as exc:
        size = int(exc.args[0])
        return Problem(
            name,
            1,
            1,
            "",
            f"file is {size / 1e6:.1f} MB; a content file may be at most {MAX_BYTES / 1e6:.0f} MB",
            "shorten the long text fields or split the case into several cases",
        )
    except OSError as exc:
        return Problem(name, 0, 0, "", f"cannot read the file: {exc.strerror or exc}", "check that it exists and is readable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(
            name, line, col, "", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8 in your editor"
        )
    text = text.removeprefix("\ufeff")
    if not re.search(r"^[ \t]*[^\s#]", text, re.M):
        return Problem(name, 1, 1, "", "file is empty", "start from `caseatlas new`, which writes every field with comments")
    if "*" in text:
        try:
            alias = _first_alias(text)
            if alias is not None:
                m = alias.start_mark
                if m is not None:
                    return Problem(
                        name,
                        m.line + 1,
                        m.column + 1,
                        "",
                        "YAML aliases (*name) are not allowed",
                        "write the value out in full instead of referring to an anchor",
                    )
        except yaml.YAMLError:
            pass  # reported below with its position
    try:
        data, plain = _load(text)
    except _RefusedError as exc:
        m = exc.node.start_mark
        return Problem(name, m.line + 1, m.column + 1, "", exc.message, exc.hint)
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(name, exc, text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(
            name,
            line,
            col,
            "",
            f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})",
            "delete it: it is invisible in most editors",
        )
    except yaml.YAMLError as exc:
        return Problem(name, 1, 1, "", f"not valid YAML: {exc}", "check the file in a YAML-aware editor")
    except RecursionError:
        return Problem(name, 1, 1, "", "values are nested too deeply", _FLAT)
    if not isinstance(data, dict):
        kinds = {list: "a list", str: "a single text", int: "a number", float: "a number", bool: "true/false"}
        kind = kinds.get(type(data), type(data).__name__)
        return Problem(
            name,
            1,
            1,
            "",
            f"expected a mapping of fields (key: value) at the top level, got {kind}",
            "start each top-level line with a field name, for example `id: my-case`",
        )
    doc = Document(path, data, text)
    shape = (None if plain else shape_problem(data)) or markup_problem(data)
    return doc.problem(*shape) if shape else doc


def _load(text: str) -> tuple[Any, bool]:
    """The data of one YAML document, and whether it is plain (then within the bounds of limits.py).

    libyaml composes the nodes; a plain tree is converted directly (plain_nodes.py), anything else by
    the constructor, which raises the errors read_document reports."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, False
        try:
            return plain_data(node, lambda n: loader.yaml_constructors[n.tag](loader, n)), True
        except NotPlainError:
            return loader.construct_document(node), False
    finally:
        loader.dispose()


def _first_alias(text: str) -> yaml.Event | None:
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return event
        return None
    finally:
        loader.dispose()


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(filter(None, [exc.context, exc.problem])) or "syntax error"
    hint = "check indentation and quoting on this line and the one before"
    if "maximum nesting depth" in what:
        return Problem(name, line, col, "", "values are nested too deeply (the YAML parser stops at 1,000 levels)", _FLAT)
    opened = _unclosed_quote(text, line)
    if "found unhashable key" in what:
        hint = "a key must be a plain name such as `title`, not a list or a mapping"
    elif "found another document" in what:
        hint = "a case file holds one document: remove the `---` line and what follows, or move it to its own file"
    elif mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        hint = "indent with spaces, not tabs"
    elif opened:
        hint = f"the quote opened on line {opened} is not closed on that line; close it there"
    elif "simple key" in what and col > 1024:
        hint = "a field name may be at most 1,024 characters long"
    elif "could not find expected ':'" in what or "mapping values are not allowed" in what:
        hint = "put a space after each ':' and quote text that contains ': '"
    return Problem(name, line, col, "", f"YAML syntax error: {what}", hint)


_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+([\"'])(.*)$")


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line before line `before` whose value opens a quote that the line does not close."""
    for number, line in enumerate(text.splitlines()[: before - 1], 1):
        m = _QUOTED_VALUE.match(line)
        if not m:
            continue
        quote, rest = m.groups()
        rest = rest.replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number
    return None
