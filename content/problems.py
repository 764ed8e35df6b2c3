"""What is wrong in a content pack: a ``Problem`` per finding, a ``ContentError`` for them all.

Import them from ``content`` or ``content.loader``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a content pack.

    ``file`` is relative to the pack directory, ``path`` the dotted location of the value in
    that file ("" for the file as a whole); ``str()`` gives ``file: path: message``.
    """

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        if not self.path:
            return f"{self.file}: {self.message}"
        return f"{self.file}: {self.path}: {self.message}"


class ContentError(Exception):
    """The content could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''}:\n{lines}")
