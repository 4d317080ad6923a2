"""The theme's compiled templates kept between serve's rebuilds (site/template_cache.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from caseatlas.site.template_cache import MemoryBytecodeCache, keep_compiled_templates


def fresh_env(folder: Path, cache: MemoryBytecodeCache) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))  # as MkDocs makes one for each build
    keep_compiled_templates(env)
    env.bytecode_cache = cache
    return env


def test_a_template_is_compiled_once_across_builds_and_again_when_its_source_changes(tmp_path: Path) -> None:
    (tmp_path / "main.html").write_text("Hello {{ name }}", "utf-8")
    cache, compiled = MemoryBytecodeCache(), []

    class Counting(jinja2.Environment):
        def _compile(self, source: str, filename: str) -> object:
            compiled.append(filename)
            return super()._compile(source, filename)

    def build() -> str:
        env = Counting(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("main.html").render(name="Qianhe")

    assert build() == "Hello Qianhe" and build() == "Hello Qianhe"
    assert len(compiled) == 1  # the second build took the kept code
    (tmp_path / "main.html").write_text("Selamat datang {{ name }}", "utf-8")
    assert build() == "Selamat datang Qianhe"
    assert len(compiled) == 2


def test_the_theme_environment_gets_the_process_cache_and_keeps_one_it_has(tmp_path: Path) -> None:
    from caseatlas.site import template_cache

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    keep_compiled_templates(env)
    assert env.bytecode_cache is template_cache.THEME
    own = MemoryBytecodeCache()
    assert fresh_env(tmp_path, own).bytecode_cache is own
    other = jinja2.Environment(bytecode_cache=own)
    keep_compiled_templates(other)
    assert other.bytecode_cache is own
