"""`mkdocs serve --dirty`: generated files whose content has not changed since the previous build are not rebuilt.

MkDocs' dirty build skips a page whose source is older than its output, but a generated
file has no source on disk, so MkDocs rebuilds every generated page on every rebuild. This
remembers a digest of each generated file's content; a file with the same content as last
time, whose output is still in the site folder, counts as unmodified. After an edit to one
case, the pages whose Markdown changed (the case, and the lists and pages that show its
title) are rebuilt, the rest are kept. As with any dirty build, what a page shows from
outside its own content (the navigation, the theme) is refreshed only by a full build.
"""

from __future__ import annotations

import hashlib
import os

from mkdocs.structure.files import File


class UnchangedFiles:
    def __init__(self) -> None:
        self._digests: dict[str, bytes] = {}

    def mark(self, file: File, content: str | bytes) -> bool:
        """Record `file`'s content; if it is the same as at the previous build and the output exists, mark the file
        unmodified for this build. Returns whether it was marked."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).digest()
        same = self._digests.get(file.src_uri) == digest and os.path.isfile(file.abs_dest_path)
        self._digests[file.src_uri] = digest
        if same:
            file.is_modified = lambda: False  # type: ignore[method-assign]
        return same
