"""The one clock of the app. Everything that needs "now" asks a ``Clock``; tests replace it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (tests, and the console's simulated days)."""

    def __init__(self, start: datetime) -> None:
        self._now = _utc(start)

    def now(self) -> datetime:
        """The instant the clock was last set to."""
        return self._now

    def set(self, instant: datetime) -> None:
        """Move the clock to ``instant`` (aware; converted to UTC)."""
        self._now = _utc(instant)


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("clock instants must be timezone-aware")
    return instant.astimezone(UTC)


class OffsetClock:
    """Real time shifted by an offset: the console's simulated clock.

    Time keeps flowing as usual; ``set`` jumps it to an instant (``/day``, ``/time``).
    """

    def __init__(self, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """The base clock's now plus the offset."""
        return self._base.now() + self._offset

    def set(self, instant: datetime) -> None:
        """Jump so that ``now()`` is ``instant`` from here on."""
        self._offset = _utc(instant) - self._base.now()
