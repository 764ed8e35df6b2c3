"""UI text lookup in one language (the i18n entry point of the core)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Channel, Member
from bot.parsing import LANGUAGES
from content import Catalog


def language_for(member: Member | None, channel: Channel | None, fallback: str = "en") -> str:
    """The member's own language, else the channel's, else ``fallback``."""
    for candidate in (
        member.language if member else None,
        channel.language if channel else None,
        fallback,
    ):
        if candidate in LANGUAGES:
            return candidate
    return "en"


@dataclass(frozen=True, slots=True)
class Texts:
    """UI strings of the catalog in one language: ``t("streak.title")``."""

    catalog: Catalog
    lang: str

    def __call__(self, key: str, **params: object) -> str:
        return self.catalog.text(key, self.lang, **params)
