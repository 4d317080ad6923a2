"""Search: what search knows of each case (facets, the catalogue record, the markup Pagefind reads), the
Chinese words Material's search keeps whole, and the Pagefind index of a built site.

May import: core, content, atlas.
"""
