"""What leaves the site as files: the Common Cartridge, the course pack (PDF), the calendar, the packs and
calendars built with the site, translators' PO files, and the check that nothing is fetched off-site.

May import: core, content, atlas, search, render.
"""
