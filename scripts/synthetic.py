"""Generate a deterministic corpus of SYNTHETIC case studies, for benchmarks and tests only.

Every generated case says `synthetic: true` and "SYNTHETIC" in its title; the real site
refuses such cases unless the plugin option `allow_synthetic` is set. Corpora are written
into a folder you name (a temporary one), never into case_studies/.

    python scripts/synthetic.py 1000 /tmp/corpus          # cases only
    python scripts/synthetic.py 1000 /tmp/proj --project  # cases + mkdocs.yml + docs/, ready to build
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

from caseatlas.core.strings import languages as interface_languages

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n"
COUNTRIES = [
    "CN",
    "ID",
    "VN",
    "LA",
    "KH",
    "PH",
    "TH",
    "MY",
    "NP",
    "BD",
    "KE",
    "ET",
    "TZ",
    "RW",
    "GH",
    "PE",
    "BO",
    "MX",
    "NG",
    "UG",
    "MW",
    "SN",
    "BR",
    "CO",
    "IN",
    "LK",
]
LANGS = ["en"] * 6 + ["id"] * 3 + ["zh"]
WORDS = {
    "en": (
        "village household income registry cooperative workshop training road school water market "
        "official budget harvest enterprise women youth credit tourism relocation verification"
    ).split(),
    "id": (
        "desa rumah tangga pendapatan koperasi pelatihan jalan sekolah air pasar kepala dana panen "
        "usaha perempuan pemuda kredit pariwisata pemindahan verifikasi bumdes"
    ).split(),
    "zh": "村 农户 收入 合作社 培训 道路 学校 饮水 市场 干部 预算 产业 妇女 青年 信贷 旅游 搬迁 核查 扶贫 帮扶".split(),
}


def _text(rng: random.Random, lang: str, words: int) -> str:
    vocab = WORDS[lang]
    sep = "" if lang == "zh" else " "
    sentences = []
    while words > 0:
        n = min(words, rng.randint(8, 16))
        sentences.append(sep.join(rng.choice(vocab) for _ in range(n)) + ("。" if lang == "zh" else "."))
        words -= n
    return sep.join(sentences)


def case(i: int, rng: random.Random, mechanisms: list[str], themes: list[str]) -> dict:
    lang = rng.choice(LANGS)
    cid = f"synthetic-{i:05d}"
    start = rng.randint(2000, 2020)
    src = "synthetic-source"
    return {
        "id": cid,
        "title": f"SYNTHETIC case {i:05d}: {_text(rng, 'en', 4).rstrip('.')}",
        "summary": "SYNTHETIC: generated for benchmarks and tests; not a real programme. " + _text(rng, lang, 30),
        "synthetic": True,
        "language": lang,
        "country": (country := rng.choice(COUNTRIES)),
        "locality": f"Synthetic locality {i}",
        "period": {"start": start, "end": start + rng.randint(1, 5)},
        "status": "completed",
        "sdgs": sorted(rng.sample(range(1, 18), 2)),
        "mechanisms": rng.sample(mechanisms, 2),
        "themes": rng.sample(themes, 2),
        "actors": [{"name": f"Synthetic actor {k}", "type": "residents", "role": _text(rng, lang, 12)} for k in range(3)],
        "context": _text(rng, lang, 220),
        "challenge": _text(rng, lang, 120),
        "approach": [{"step": f"Step {k}", "detail": _text(rng, lang, 40), "source": src} for k in range(4)],
        "timeline": [{"date": str(start + k), "event": _text(rng, lang, 10), "source": src} for k in range(3)],
        "indicators": [
            {
                "id": "per-capita-income",
                "name": "Per-capita annual income",
                "unit": "currency units",
                "basis": "per capita",
                "period": "annual",
                "values": [
                    {
                        "year": start,
                        "value": (low := rng.randint(500, 3000)),
                        "source": src,
                        "quote": f"SYNTHETIC: {low:,} in {start}",
                    },
                    {
                        "year": start + 5,
                        "value": (high := rng.randint(3000, 20000)),
                        "qualifier": "about",
                        "source": src,
                        "quote": f"SYNTHETIC: about {high:,} in {start + 5}",
                    },
                ],
            }
        ],
        "results": _text(rng, lang, 120),
        "lessons": [_text(rng, lang, 25) for _ in range(3)],
        "transferability": {
            "government_level": "village",
            "run_by": _text(rng, lang, 10),
            "preconditions": [_text(rng, lang, 15)],
            "adaptations": [_text(rng, lang, 15)],
        },
        "discussion_questions": [_text(rng, lang, 12) for _ in range(3)],
        "sources": [
            {
                "id": src,
                "title": "SYNTHETIC source (does not exist)",
                "publisher": "Case Atlas test suite",
                "url": "https://example.org/synthetic-source",
                "accessed": "2026-01-01",
            }
        ],
        "last_reviewed": "2026-01-01",
        "_country": country,
    }


def write_corpus(out: Path, n: int, seed: int = 0) -> list[Path]:
    """Write n synthetic cases under out/<cc>/; returns their paths. Same seed, same bytes."""
    raw = yaml.safe_load((ROOT / "src/caseatlas/data/vocabulary.yaml").read_text("utf-8"))
    mechanisms = [t["slug"] for t in raw["mechanisms"]]
    themes = [t["slug"] for t in raw["themes"]]
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        data = case(i, rng, mechanisms, themes)
        folder = out / data.pop("_country").lower()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{data['id']}.yaml"
        path.write_text(SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), "utf-8")
        paths.append(path)
    return paths


def write_project(out: Path, n: int, seed: int = 0, languages: tuple[str, ...] = ("en",)) -> Path:
    """A buildable MkDocs project: the real mkdocs.yml and docs/, with n synthetic cases as content,
    built in `languages` (one by default: benchmarks measure one language's build)."""
    write_corpus(out / "case_studies", n, seed)
    # Hand-written pages, and the theme overrides mkdocs.yml names; without the translations of pages into
    # languages this project does not build (a one-language site would publish index.zh.md as a page).
    others = {lang for lang in interface_languages() if lang not in languages}
    skip = shutil.ignore_patterns(*(f"*.{lang}.md" for lang in others))
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, out / folder, dirs_exist_ok=True, ignore=skip)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - caseatlas:\n", "  - caseatlas:\n      allow_synthetic: true\n", 1)
    config, found = re.subn(r"(?m)^(\s+languages:) \[[^\]]*\]", rf"\1 [{', '.join(languages)}]", config, count=1)
    if not found:
        raise SystemExit("mkdocs.yml: the caseatlas plugin's `languages:` option was not found")
    (out / "mkdocs.yml").write_text(config, "utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--project", action="store_true", help="also write mkdocs.yml and docs/")
    args = parser.parse_args()
    if (args.out.resolve() / "x").is_relative_to(ROOT / "case_studies"):
        parser.error("write synthetic cases outside case_studies/")
    (write_project if args.project else write_corpus)(args.out, args.n, args.seed)
    print(f"wrote {args.n} synthetic cases to {args.out}")
