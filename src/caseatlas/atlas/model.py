"""The validated atlas: cases with indexes by country, mechanism, theme and SDG, and the course modules using them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from caseatlas.content.modules import Module
from caseatlas.content.translatable import merge, shape
from caseatlas.content.translations import MODULE, Translation, same_language
from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.vocabulary import Vocabulary, country_name, load_vocabulary


@dataclass(frozen=True)
class Case:
    """One validated case study; `data` is the file's content as validated, or, in another
    language, with a translation merged over it (`state` says which)."""

    path: Path
    data: dict[str, Any]
    shown_in: str = "en"  # language of the site the case is shown on
    state: str = "original"  # original | translated | stale | missing
    translation: Translation | None = None
    source: dict[str, Any] | None = None  # the data as written, when `data` has a translation merged over it

    @property
    def original(self) -> dict[str, Any]:
        return self.source if self.source is not None else self.data

    @property
    def language(self) -> str:
        """Language the case is written in."""
        return str(self.data.get("language", "en"))

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def country(self) -> str:
        return str(self.data["country"])

    @property
    def country_name(self) -> str:
        return country_name(self.country, self.shown_in) or self.country

    @property
    def mechanisms(self) -> list[str]:
        return list(self.data["mechanisms"])

    @property
    def themes(self) -> list[str]:
        return list(self.data.get("themes", []))

    @property
    def sdgs(self) -> list[int]:
        return list(self.data.get("sdgs", []))


@dataclass
class Atlas:
    """Everything the site is built from, with the indexes pages need."""

    vocabulary: Vocabulary
    cases: dict[str, Case] = field(default_factory=dict)
    by_country: dict[str, list[Case]] = field(default_factory=dict)
    by_mechanism: dict[str, list[Case]] = field(default_factory=dict)
    by_theme: dict[str, list[Case]] = field(default_factory=dict)
    by_sdg: dict[int, list[Case]] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    modules_by_case: dict[str, list[Module]] = field(default_factory=dict)
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)  # case id → language → translation
    module_translations: dict[str, dict[str, Translation]] = field(default_factory=dict)  # module id → language → …
    language: str = "en"
    _spread: dict[str, tuple[list[Case], Counter[str], set[int]]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_cases(
        cls,
        vocabulary: Vocabulary,
        cases: list[Case],
        modules: list[Module] | None = None,
        translations: list[Translation] | None = None,
        language: str = "en",
    ) -> Atlas:
        atlas = cls(vocabulary, {c.id: c for c in sorted(cases, key=lambda c: (c.title.lower(), c.id))}, language=language)
        atlas.modules = {m.id: m for m in sorted(modules or [], key=lambda m: (m.title.lower(), m.id))}
        for module in atlas.modules.values():
            for cid in module.case_ids:
                atlas.modules_by_case.setdefault(cid, []).append(module)
        for tr in translations or []:
            into = atlas.module_translations if tr.schema == MODULE.schema else atlas.translations
            into.setdefault(tr.of, {})[tr.language] = tr
        country: dict[str, list[Case]] = defaultdict(list)
        mech: dict[str, list[Case]] = defaultdict(list)
        theme: dict[str, list[Case]] = defaultdict(list)
        sdg: dict[int, list[Case]] = defaultdict(list)
        for c in atlas.cases.values():
            country[c.country].append(c)
            for m in c.mechanisms:
                mech[m].append(c)
            for t in c.themes:
                theme[t].append(c)
            for n in c.sdgs:
                sdg[n].append(c)
        atlas.by_country = dict(sorted(country.items(), key=lambda kv: country_name(kv[0], language) or kv[0]))
        atlas.by_mechanism, atlas.by_theme, atlas.by_sdg = dict(mech), dict(theme), dict(sorted(sdg.items()))
        return atlas

    def in_language(self, lang: str) -> Atlas:
        """The atlas as a reader of `lang` sees it: translations merged over the originals, vocabulary in `lang`."""
        cases = []
        for c in self.cases.values():
            data = c.original
            tr = self.translations.get(c.id, {}).get(lang)
            if same_language(c.language, lang):
                cases.append(Case(c.path, data, lang))
            elif tr is None:
                cases.append(Case(c.path, data, lang, "missing"))
            else:
                state = "translated" if tr.is_current(data) else "stale"
                cases.append(Case(c.path, merge(data, tr.data, shape()), lang, state, tr, data))
        return Atlas.from_cases(
            load_vocabulary(lang), cases, [self._module_in(m, lang) for m in self.modules.values()], self.all_translations(), lang
        )

    def all_translations(self) -> list[Translation]:
        """Every translation of a case or a module."""
        return [t for kind in (self.translations, self.module_translations) for by in kind.values() for t in by.values()]

    def _module_in(self, m: Module, lang: str) -> Module:
        data = m.original
        tr = self.module_translations.get(m.id, {}).get(lang)
        if same_language(m.language, lang):
            return Module(m.path, data)
        if tr is None:
            return Module(m.path, data, "missing")
        state = "translated" if tr.is_current(data) else "stale"
        return Module(m.path, merge(data, tr.data, shape(MODULE.schema)), state, tr, data)

    def subset(self, case_ids: list[str] | None, module_ids: list[str] | None) -> Atlas:
        """The atlas with only these cases and modules (None: all of them); a module needs each of its cases."""
        cases = list(self.cases.values()) if case_ids is None else [self._pick(self.cases, "case", i) for i in case_ids]
        modules = (
            list(self.modules.values()) if module_ids is None else [self._pick(self.modules, "module", i) for i in module_ids]
        )
        kept = {c.id for c in cases}
        for m in modules:
            missing = [cid for cid in m.case_ids if cid not in kept]
            if missing:
                raise CaseAtlasError(
                    f"module '{m.id}' uses cases left out: {', '.join(missing)} "
                    "(hint: publish its cases too, or leave the module out)"
                )
        kept_modules = {m.id for m in modules}
        translations = [
            t for t in self.all_translations() if (t.of in kept_modules if t.schema == MODULE.schema else t.of in kept)
        ]
        return Atlas.from_cases(self.vocabulary, cases, modules, translations, self.language)

    @staticmethod
    def _pick(items: dict[str, Any], kind: str, key: str) -> Any:
        if key not in items:
            raise CaseAtlasError(f"no {kind} '{key}' (hint: one of {', '.join(sorted(items)) or 'none'})")
        return items[key]

    def elsewhere(self, case: Case, limit: int = 5) -> dict[str, tuple[list[Case], int]]:
        """For each mechanism of `case`: up to `limit` cases from other countries that share it
        (one per country first, so the list spans countries), and how many there are in all.

        Each mechanism's cases are grouped by country once per atlas, not once per case page."""
        out = {}
        for m in case.mechanisms:
            cases = self.by_mechanism.get(m, [])
            if m not in self._spread:
                counts = Counter(c.country for c in cases)
                seen: set[str] = set()
                firsts = [c for c in cases if not (c.country in seen or seen.add(c.country))]  # type: ignore[func-returns-value]
                self._spread[m] = (firsts, counts, {id(c) for c in firsts})
            firsts, counts, first_ids = self._spread[m]
            total = len(cases) - counts[case.country]
            if not total:
                continue
            picked = [c for c in firsts if c.country != case.country][:limit]
            if len(picked) < limit:  # fewer countries than places: then the next cases in order
                rest = (c for c in cases if c.country != case.country and id(c) not in first_ids)
                picked += islice(rest, limit - len(picked))
            out[m] = (picked, total)
        return out
