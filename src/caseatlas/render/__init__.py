"""Pages and figures: the atlas rendered through the Jinja templates into the site's pages, SVG charts
and the world map, citations, notices, JSON-LD, language marks, standalone HTML for packages.

May import: core, content, atlas, search.
"""
