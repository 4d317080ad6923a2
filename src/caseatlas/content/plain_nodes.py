"""Composed YAML nodes to Python data, the fast way, for the files that hold nothing unusual.

PyYAML's constructor builds data through generators and a dispatch per node, which costs
more than libyaml's parsing itself. Nearly every content file is a plain tree of mappings
with text keys, lists and scalars, within the bounds of limits.py; `plain_data` converts
such a tree directly, to exactly what the constructor would build. Anything else (a tag, a
merge key `<<`, a key that is not text, a repeated key, a scalar the constructor refuses,
nesting or a list past the bounds) raises `NotPlainError`, and loading.py hands the node to the
constructor and the shape check, whose results and messages stay the reference. (Aliases
never get here: loading.py refuses them before.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from caseatlas.core.limits import MAX_DEPTH, MAX_ITEMS

STR, MAP, SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
Scalar = yaml.ScalarNode
SCALARS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))


class NotPlainError(Exception):
    """The tree holds something the fast conversion leaves to PyYAML's constructor."""


def plain_data(node: yaml.Node, scalar: Callable[[yaml.ScalarNode], Any], depth: int = 0) -> Any:
    """The data of a composed node tree; `scalar` constructs numbers, booleans and nulls.

    A tree this returns data for is within limits.shape_problem's bounds. (A plain recursive function, not a
    closure: a closure that calls itself is a reference cycle, left for the cycle collector to free.)"""
    tag = node.tag  # a tag may name another kind than the node's own (`!!str [a]`): not plain
    if isinstance(node, Scalar):
        if tag == STR:
            return node.value
        if tag not in SCALARS:
            raise NotPlainError
        try:
            return scalar(node)
        except Exception:  # the constructor says what is wrong, and where
            raise NotPlainError from None
    if depth >= MAX_DEPTH or len(node.value) > MAX_ITEMS:
        raise NotPlainError
    if isinstance(node, yaml.SequenceNode) and tag == SEQ:
        return [
            item.value if isinstance(item, Scalar) and item.tag == STR else plain_data(item, scalar, depth + 1)
            for item in node.value
        ]
    if not isinstance(node, yaml.MappingNode) or tag != MAP:
        raise NotPlainError
    out: dict[str, Any] = {}
    for key, value in node.value:
        if not isinstance(key, Scalar) or key.tag != STR or key.value in out:
            raise NotPlainError
        out[key.value] = value.value if isinstance(value, Scalar) and value.tag == STR else plain_data(value, scalar, depth + 1)
    return out
