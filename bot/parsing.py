"""Parsing of what members type: dates, times, weekdays, time zones, languages.

Every parser raises ``InputError`` with a UI text key and parameters, so the caller can answer
in the member's language instead of with a traceback.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from content.languages import LANGUAGES

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


class InputError(ValueError):
    """Something a member typed could not be understood. ``key`` names the UI text to show."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# The largest number a member's text or a button's id may carry: every id fits a 32-bit
# column on both backends (PostgreSQL's INTEGER), and no count a member types is near it.
MAX_NUMBER = 2**31 - 1
# IANA zone names are short (the longest is about 30 characters); longer text is no zone, and
# asking the system for such a file fails with "File name too long" rather than "not found".
MAX_ZONE_NAME = 64


MAX_NAME = 80  # characters of a display name kept (platforms allow about that)
_CONTROL = dict.fromkeys([*range(32), 127])  # C0 controls and DEL: never part of a name


def clean_name(text: str) -> str:
    """A display name as ballback keeps it: without control characters (NUL cannot even be
    stored in a PostgreSQL text column) or lone surrogates, trimmed, at most ``MAX_NAME``."""
    kept = text.translate(_CONTROL).encode("utf-8", "replace").decode("utf-8")
    return kept.strip()[:MAX_NAME]


def is_plain_id(text: str) -> bool:
    """Whether ``text`` looks like a platform's id of a channel or user (letters, digits,
    ``-`` and ``_``; at most 64): what a button may name, nothing a forger could smuggle."""
    return (
        0 < len(text) <= 64 and text.isascii() and text.replace("-", "").replace("_", "").isalnum()
    )


MAX_PLATFORM_ID = 128  # Slack and Discord ids are short ASCII; a longer one is forged


def is_platform_id(text: str) -> bool:
    """Whether ``text`` can be a platform's id of a workspace, channel or user as ballback
    stores it: empty (no workspace, a direct message) or printable ASCII without spaces, at
    most ``MAX_PLATFORM_ID``. NUL or a lone surrogate would fail in the database."""
    return len(text) <= MAX_PLATFORM_ID and text.isascii() and (text == "" or text.isprintable())


def number_in(text: str, low: int = 0, high: int = MAX_NUMBER) -> int | None:
    """The whole number ``text`` spells in ASCII digits, when it lies in ``low..high``; else
    None. Not ``str.isdigit``: that also accepts digits such as "²" that ``int`` refuses."""
    value = text.strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 12:
        return None
    number = int(value)
    return number if low <= number <= high else None


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` (ASCII digits) to a date."""
    value = text.strip()
    if not _iso_date(value):
        raise InputError("error.bad_date", value=value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("error.bad_date", value=value) from None


def parse_time(text: str) -> time:
    """``HH:MM`` (24-hour) to a time."""
    value = text.strip()
    hours, sep, minutes = value.partition(":")
    digits = hours.isascii() and minutes.isascii() and hours.isdigit() and minutes.isdigit()
    if sep and digits and len(hours) <= 2 and len(minutes) == 2:
        h, m = int(hours), int(minutes)
        if 0 <= h <= 23 and 0 <= m <= 59:
            return time(h, m)
    raise InputError("error.bad_time", value=value)


def zone_name(text: str) -> str | None:
    """The IANA zone ``text`` names (``Europe/Amsterdam``; any case: ``europe/amsterdam``), in
    its proper spelling; None when it names none. Never raises, whatever the text."""
    value = text.strip()
    if not value or len(value) > MAX_ZONE_NAME or "\x00" in value or value.startswith("/"):
        return None
    try:
        ZoneInfo(value)
        return value
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        pass
    return _zones_by_lower_case().get(value.lower())


@functools.cache
def _zones_by_lower_case() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def parse_timezone(text: str) -> str:
    """An IANA zone name such as ``Europe/Amsterdam`` (in any case), in its proper spelling."""
    found = zone_name(text)
    if found is None:
        raise InputError("error.bad_timezone", value=text.strip()[:MAX_ZONE_NAME])
    return found


def parse_language(text: str) -> str:
    """``nl`` or ``en``."""
    value = text.strip().lower()
    if value in LANGUAGES:
        return value
    raise InputError("error.bad_language", value=text.strip())


def parse_reminders(text: str) -> bool | None:
    """``on`` (every practice day), ``off`` (never) or ``auto`` (after a practice: None)."""
    value = text.strip().lower()
    if value in ("auto", "default", "standaard"):
        return None
    try:
        return parse_switch(value)
    except InputError:
        raise InputError("error.bad_reminders", value=text.strip()) from None


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
    # The en dash is how ballback shows a run of days ("ma–vr"), so it reads back too.
    value = text.strip().lower().replace(" ", "").replace("–", "-")
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


MAX_RANGE_DAYS = 366  # an off-day range covers at most a year


def parse_date_range(text: str) -> tuple[date, date]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD..YYYY-MM-DD`` (both ends included) to (first, last).

    Refuses a reversed range and one longer than ``MAX_RANGE_DAYS``.
    """
    value = text.strip()
    first_text, dots, last_text = value.partition("..")
    if not dots:
        first_text = last_text = value
    if not _iso_date(first_text) or not _iso_date(last_text):
        raise InputError("error.bad_range", value=value)
    first, last = parse_date(first_text), parse_date(last_text)
    if last < first:
        raise InputError("error.range_reversed", first=first.isoformat(), last=last.isoformat())
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise InputError("error.range_too_long", days=MAX_RANGE_DAYS)
    return first, last


def _iso_date(text: str) -> bool:
    # ASCII digits only: date.fromisoformat would take other scripts' digits in some versions.
    parts = text.strip().split("-")
    return (
        len(parts) == 3
        and [len(p) for p in parts] == [4, 2, 2]
        and all(p.isascii() and p.isdigit() for p in parts)
    )


NEVER_QUIET = (time(0, 0), time(0, 0))  # quiet hours switched off: an empty span


def parse_quiet_hours(text: str) -> tuple[time, time]:
    """``21:00-08:00`` (may wrap past midnight) to (start, end); ``off`` to ``NEVER_QUIET``.
    Refuses a malformed value and an empty span typed as times (start equal to end)."""
    value = text.strip().lower()
    if value in ("off", "uit", "none", "geen"):
        return NEVER_QUIET
    start_text, dash, end_text = value.partition("-")
    if not dash:
        raise InputError("error.bad_quiet", value=text.strip())
    try:
        start, end = parse_time(start_text), parse_time(end_text)
    except InputError:
        raise InputError("error.bad_quiet", value=text.strip()) from None
    if start == end:
        raise InputError("error.bad_quiet", value=text.strip())
    return start, end
