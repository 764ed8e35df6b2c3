"""Reading the console's input: from a terminal with a prompt (a multi-line paste as one
answer), or from a pipe line by line."""

from __future__ import annotations

import asyncio
import os
import select
from typing import TextIO


class LineReader:
    """Reads lines from a terminal (with a prompt) or from a pipe (without one)."""

    def __init__(self, stream: TextIO, *, interactive: bool) -> None:
        self.stream = stream
        self.interactive = interactive

    async def read(self, prompt: str = "> ") -> str | None:
        """The next line without its newline, or None at the end of input."""
        if self.interactive:
            try:
                return await asyncio.to_thread(input, prompt)
            except EOFError:
                return None
        line = await asyncio.to_thread(self.stream.readline)
        return line.rstrip("\r\n") if line else None

    async def read_answer(self, prompt: str) -> str | None:
        """Like ``read``, but a multi-line paste at a terminal comes back as one answer: the
        lines already waiting when the first one arrives belong to it. From a pipe every line
        is an answer of its own, so scripts keep working line by line."""
        if not self.interactive:
            return await self.read(prompt)
        return await asyncio.to_thread(self._answer_with_paste, prompt)

    def _answer_with_paste(self, prompt: str) -> str | None:
        try:
            first = input(prompt)
        except EOFError:
            return None
        return "\n".join([first, *self._waiting_lines()])

    def _waiting_lines(self) -> list[str]:
        # A terminal hands over one line per read; a paste's other lines are already queued.
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            return []
        data = b""
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
        return data.decode("utf-8", "replace").splitlines()
