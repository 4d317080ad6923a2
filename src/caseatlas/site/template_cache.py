"""The theme's compiled templates, kept in memory between the rebuilds of `mkdocs serve` (and between the builds
of the languages): MkDocs makes a fresh Jinja environment for every build, which compiles Material's templates
again each time (most of a second per rebuild). A template whose source changed is compiled again: Jinja checks
each one's checksum before it uses the kept code."""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache, in this process's memory."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum resets the bucket: the template is compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


THEME = MemoryBytecodeCache()


def keep_compiled_templates(env: jinja2.Environment) -> None:
    """Have `env` (the theme's, made anew by each build) take its compiled templates from, and leave them in, THEME."""
    if env.bytecode_cache is None:
        env.bytecode_cache = THEME
