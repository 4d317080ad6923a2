"""Read and check one file: a case, a module, a translation, a hand-written page's translation. YAML
reading with line numbers, the JSON Schemas, vocabularies, evidence (quotes that state their numbers),
numbers in translations, links in prose, the humane timetable, the files `caseatlas new` writes.

May import: core.
"""
