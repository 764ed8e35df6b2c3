"""UI text lookup in one language (the i18n entry point of the core)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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

    def weekday(self, index: int) -> str:
        """A weekday's name in this language (0 = Monday), e.g. "woensdag"."""
        return self(f"day.{index}")

    def day(self, when: date) -> str:
        """A date with its weekday, e.g. "woensdag 2026-12-09"."""
        return self("day.with_date", weekday=self.weekday(when.weekday()), date=when.isoformat())

    def days(self, days: frozenset[int]) -> str:
        """Weekdays in short form, runs of three or more joined: "ma–vr", "mon, wed, fri"."""
        ordered = sorted(days)
        parts: list[str] = []
        start = 0
        while start < len(ordered):
            end = start
            while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
                end += 1
            first, last = self(f"day.short.{ordered[start]}"), self(f"day.short.{ordered[end]}")
            if end - start >= 2:
                parts.append(f"{first}–{last}")
            else:
                parts.extend(self(f"day.short.{d}") for d in ordered[start : end + 1])
            start = end + 1
        return ", ".join(parts) or self("day.none")
