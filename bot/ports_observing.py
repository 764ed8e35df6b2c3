"""The port for the automatic observer's counts and the consent to live reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from bot.model import MemberRef, Observation


class Observations(Protocol):
    """Per group and turn, the observer's counts; per group and member, the consent."""

    async def get(self, group_id: int, turn: int) -> Observation | None:
        """The observation of the group's turn, or None."""
        ...

    async def of_group(self, group_id: int) -> Sequence[Observation]:
        """The group's observations, by turn."""
        ...

    async def in_groups(self, group_ids: Iterable[int]) -> Sequence[Observation]:
        """The observations of these groups, by group and turn (a member's data export)."""
        ...

    async def save(self, observation: Observation, now: datetime) -> None:
        """Insert or replace the observation of its group's turn."""
        ...

    async def answer(self, group_id: int, member: MemberRef, answer: str) -> None:
        """Record (or change) the member's answer to live reading of the group's space: one
        of ``bot.model.LIVE_ANSWERS``."""
        ...

    async def answers(self, group_id: int) -> Mapping[MemberRef, str]:
        """Every answer given in the group so far."""
        ...

    async def answers_of(self, member: MemberRef) -> Mapping[int, str]:
        """The member's own answers, by group id (their data export)."""
        ...
