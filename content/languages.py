"""The languages ballback speaks: every text of the catalog exists in each (a test checks it).
Declared once here, for the content schema, the parsers and the settings alike."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "en")
