"""The validated model: `load_atlas()` (load → validate → Atlas, every problem collected), cases indexed
by country, mechanism, theme and SDG, modules, indicator series, money and amounts, the glossary,
translation status, and the atlas as open data rows.

May import: core, content.
"""
