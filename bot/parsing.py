"""Parsing of what members type: dates, times, weekdays, time zones, languages.

Every parser raises ``InputError`` with a UI text key and parameters, so the caller can answer
in the member's language instead of with a traceback.
"""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("nl", "en")

_DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate(
    [
        ("mon", "monday", "ma", "maandag"),
        ("tue", "tuesday", "di", "dinsdag"),
        ("wed", "wednesday", "wo", "woensdag"),
        ("thu", "thursday", "do", "donderdag"),
        ("fri", "friday", "vr", "vrijdag"),
        ("sat", "saturday", "za", "zaterdag"),
        ("sun", "sunday", "zo", "zondag"),
    ]
):
    for _name in _names:
        _DAY_NAMES[_name] = _index

DAY_ABBREVIATIONS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class InputError(ValueError):
    """Something a member typed could not be understood. ``key`` names the UI text to show."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` to a date."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError("error.bad_date", value=text.strip()) from None


def parse_time(text: str) -> time:
    """``HH:MM`` (24-hour) to a time."""
    value = text.strip()
    hours, sep, minutes = value.partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2:
        h, m = int(hours), int(minutes)
        if 0 <= h <= 23 and 0 <= m <= 59:
            return time(h, m)
    raise InputError("error.bad_time", value=value)


def parse_timezone(text: str) -> str:
    """An IANA zone name such as ``Europe/Amsterdam``; returns it as typed (case kept)."""
    value = text.strip()
    if value and "\x00" not in value and not value.startswith("/"):
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise InputError("error.bad_timezone", value=value)


def parse_language(text: str) -> str:
    """``nl`` or ``en``."""
    value = text.strip().lower()
    if value in LANGUAGES:
        return value
    raise InputError("error.bad_language", value=text.strip())


_SWITCH = {"on": True, "aan": True, "yes": True, "ja": True, "off": False, "uit": False}
_SWITCH |= {"no": False, "nee": False}


def parse_switch(text: str) -> bool:
    """``on``/``off`` (also ``aan``/``uit``, ``yes``/``no``, ``ja``/``nee``) to a bool."""
    value = text.strip().lower()
    if value in _SWITCH:
        return _SWITCH[value]
    raise InputError("error.bad_switch", value=text.strip())


def parse_days(text: str) -> frozenset[int]:
    """Weekdays such as ``mon-fri``, ``mon,wed,fri`` or ``ma-vr`` (Monday is 0).

    ``weekdays`` means Monday to Friday and ``all`` every day.
    """
    value = text.strip().lower().replace(" ", "")
    if value in ("weekdays", "werkdagen"):
        return frozenset(range(5))
    if value in ("all", "alle", "daily", "dagelijks"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in filter(None, value.split(",")):
        first, dash, last = part.partition("-")
        if first not in _DAY_NAMES or (dash and last not in _DAY_NAMES):
            raise InputError("error.bad_days", value=text.strip())
        start = _DAY_NAMES[first]
        end = _DAY_NAMES[last] if dash else start
        span = (end - start) % 7
        days.update((start + i) % 7 for i in range(span + 1))
    if not days:
        raise InputError("error.bad_days", value=text.strip())
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    """The compact form ``parse_days`` reads back, e.g. ``mon,tue,wed,thu,fri``."""
    return ",".join(DAY_ABBREVIATIONS[d] for d in sorted(days))
