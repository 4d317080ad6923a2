"""The MkDocs adapter: the plugin (which only wires MkDocs events to the functions here and below), the
staged build, one site per language, navigation, link checks, `mkdocs serve` rebuilds, the "Write a case" page,
"save for offline", and the offline bundle (the site built for file://, zipped).

May import: core, content, atlas, search, render, outputs.
"""
