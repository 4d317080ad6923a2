"""Pagefind's indexing service (its Python API, `pagefind.index`), run as a process of its own and driven from a
thread of ours: a build hands it pages without waiting for the answers, and Pagefind parses them on the other core.

`Service` is the API's `PagefindService` with four changes: it reads each answer as soon as it comes (the API's
reader sleeps 0.1 s before each one, which caps indexing at ten pages a second), it forgets answers once given,
its process dies with the build (output_guard.child_dies_with_parent) and writes its errors apart from the
answers, and when that process ends every request still waiting fails with what it said, instead of waiting for ever.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import json
import os
import tempfile
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from pagefind.service import PagefindService

from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.output_guard import child_dies_with_parent

T = TypeVar("T")


class SearchIndexError(CaseAtlasError):
    """Pagefind is missing or failed on the built site."""


class Service(PagefindService):
    """One Pagefind process in service mode (`pagefind --service`), reached through its stdin and stdout."""

    _errors: Any = None  # the process's stderr, a temporary file

    async def launch(self) -> Service:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - open while the process runs; closed by close()
        self._backend = await asyncio.create_subprocess_exec(
            self._bin,
            "--service",
            cwd=os.getcwd(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self._errors,
            limit=2**31,  # an answer is a few KB, but the index's files (get_files) come in one answer
            preexec_fn=child_dies_with_parent,
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        while True:
            try:
                output = await stdout.readuntil(b",")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                break  # the process has ended (or spoke out of turn): see below
            response = json.loads(base64.b64decode(output[:-1]))
            if response is None:
                continue
            message_id = response.get("message_id")
            payload = response["payload"]
            if message_id is None and payload.get("original_message"):  # a request Pagefind could not read
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.pop(message_id, None) if message_id is not None else None
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(SearchIndexError(f"Pagefind: {payload['message']}"))
            else:
                future.set_result(payload)
        returncode = await self._backend.wait()
        error = SearchIndexError(f"Pagefind stopped (exit {returncode}){self.said()}")
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)
                future.exception()  # whoever awaits it gets the error; a request whose writing failed first need not
        self._responses.clear()

    def said(self, limit: int = 2000) -> str:
        """The end of what the process wrote to stderr, after a colon and a line break (or nothing)."""
        if self._errors is None:
            return ""
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace").strip()
        return f":\n{text[-limit:]}" if text else ""

    async def close(self) -> None:
        """Stop the process (whatever it is doing) and wait for it."""
        if self._backend.returncode is None:
            self._backend.kill()
        await self._backend.wait()
        self._poll_task.cancel()
        if self._errors is not None:
            self._errors.close()
            self._errors = None


class Driver:
    """An event loop in a thread of its own, where the services and their indexes live: `run` hands it a
    coroutine and returns at once, with a future of the result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="caseatlas-pagefind", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()
