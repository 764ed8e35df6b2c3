"""The skills the feed-forward has a rule for: the nine of ``content/data/skills.yaml``.

Kept apart so the command line can offer them (``--skill``) without loading the rules.
"""

from __future__ import annotations

from typing import Final

SKILLS: Final = (
    "al-geweest",
    "kwartje",
    "tijd-heilig",
    "fotos",
    "handen",
    "aardappel",
    "stilte",
    "alles-mag",
    "een-keer",
)
