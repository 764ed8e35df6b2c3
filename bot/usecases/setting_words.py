"""What members and channel admins type to change settings, as pure functions over the model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.model import (
    DEFAULT_QUIET,
    Channel,
    Member,
    Place,
)
from bot.parsing import (
    InputError,
    number_in,
    parse_days,
    parse_language,
    parse_quiet_hours,
    parse_reminders,
    parse_switch,
    parse_time,
    parse_timezone,
)
from bot.texts import Texts
from content import PROFESSIONS


def quiet_text(t: Texts, member: Member) -> str:
    """The member's quiet hours as shown in their settings."""
    start, end = member.quiet or DEFAULT_QUIET
    if start == end:
        return t("settings.quiet_off")
    shown = t("settings.quiet_value", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
    return shown if member.quiet else f"{shown} ({t('settings.default')})"


def change_member(member: Member, words: Sequence[str], here: Place) -> Member:
    """One of the member's own settings changed, from what they typed (``tz Europe/Amsterdam``)."""
    key, value = words[0].lower(), " ".join(words[1:])
    if not value:
        raise InputError("error.setting_usage")
    if key in ("tz", "timezone", "tijdzone"):
        return replace(member, timezone=parse_timezone(value))
    if key in ("lang", "language", "taal"):
        return replace(member, language=parse_language(value))
    if key in ("days", "dagen"):
        return replace(member, practice_days=parse_days(value))
    if key in ("dms", "dm"):
        return replace(member, dms=parse_switch(value))
    if key in ("reminders", "reminder", "herinneringen"):
        wanted = parse_reminders(value)
        # "on" means this channel's practice days: where the member asked.
        return replace(member, reminders=wanted, reminder_channel=here.channel if wanted else None)
    if key in ("quiet", "stil"):
        return replace(member, quiet=parse_quiet_hours(value))
    raise InputError("error.unknown_setting", value=key)


def change_channel(channel: Channel, words: Sequence[str]) -> Channel:
    """One channel setting changed (unchecked: see ``check_channel``)."""
    return changed_channel(channel, words)


def check_channel(channel: Channel) -> Channel:
    """The channel's settings as a whole, once every change is applied."""
    # The Join button comes with the nudge and joining closes at pairing: pairing first would
    # make every day's Join button useless.
    if channel.pairing_time <= channel.nudge_time:
        raise InputError(
            "error.pairing_before_nudge",
            nudge=channel.nudge_time.strftime("%H:%M"),
            pairing=channel.pairing_time.strftime("%H:%M"),
        )
    return channel


def changed_channel(channel: Channel, words: Sequence[str]) -> Channel:
    """One channel setting changed, from what an admin typed (``time 09:00``)."""
    if len(words) < 2:
        raise InputError("error.channel_setting_usage")
    key, value = words[0].lower(), " ".join(words[1:])
    if key in ("time", "nudge", "tijd"):
        return replace(channel, nudge_time=parse_time(value))
    if key in ("pairing", "pair", "indelen"):
        return replace(channel, pairing_time=parse_time(value))
    if key in ("window", "venster"):
        window = number_in(value, 0, 52)
        if window is None:
            raise InputError("error.bad_window", value=value)
        return replace(channel, repeat_window=window)
    if key in ("tz", "timezone", "tijdzone"):
        return replace(channel, timezone=parse_timezone(value))
    if key in ("days", "dagen"):
        return replace(channel, weekdays=parse_days(value))
    if key in ("lang", "language", "taal"):
        return replace(channel, language=parse_language(value))
    if key in ("professions", "beroepen"):
        chosen = tuple(p.strip().lower() for p in value.replace(",", " ").split() if p.strip())
        if chosen == ("all",) or chosen == ("alle",):
            return replace(channel, professions=())
        unknown = [p for p in chosen if p not in PROFESSIONS]
        if unknown:
            raise InputError(
                "error.bad_profession", value=", ".join(unknown), known=", ".join(PROFESSIONS)
            )
        return replace(channel, professions=chosen)
    if key in ("reminder", "herinnering"):
        return replace(channel, reminder_time=parse_time(value))
    if key in ("latest", "uiterlijk"):
        if value.strip().lower() in ("none", "off", "geen", "uit"):
            return replace(channel, late_until=None)
        return replace(channel, late_until=parse_time(value))
    if key in ("forgive", "vergeef"):
        if value.strip() not in ("0", "1", "2"):
            raise InputError("error.bad_forgive", value=value)
        return replace(channel, forgive_per_week=int(value))
    if key in ("difficulty", "niveau"):
        if value.strip() not in ("1", "2", "3"):
            raise InputError("error.bad_difficulty", value=value)
        return replace(channel, difficulty=int(value))
    raise InputError("error.unknown_setting", value=key)
