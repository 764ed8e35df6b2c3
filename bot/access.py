"""Who may do what in a channel: the roles and the one matrix every use case asks.

Roles are worked out per channel from the actor and what the store says:

- **member**: everyone;
- **trainer**: a trainer of this channel's training group (a trainer of another channel's
  group is a member here);
- **channel admin**: the platform's admins, and members a workspace admin allowed for this
  channel (``setup grant``);
- **workspace admin**: the platform's own admins (``Actor.is_platform_admin``);
- **operator**: whoever runs the ``ballback`` CLI on the server (``Actor.is_operator``).

The adapters only say who is acting; the decision is always made here, so one test of this
matrix (tests/core/test_access_matrix.py) covers every platform.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

__all__ = ["MATRIX", "Action", "Role", "allows"]


class Role(StrEnum):
    """A role an actor can hold in a channel."""

    MEMBER = "member"
    TRAINER = "trainer"
    CHANNEL_ADMIN = "channel_admin"
    WORKSPACE_ADMIN = "workspace_admin"
    OPERATOR = "operator"


class Action(StrEnum):
    """What the matrix decides."""

    SEE_COHORT = "see_cohort"
    START_COHORT = "start_cohort"  # and end it
    CHANGE_CURRICULUM = "change_curriculum"
    SEE_REPORT = "see_report"  # the channel's counts
    SEE_TRAINER_REPORT = "see_trainer_report"  # per member and per skill (a training group)
    READ_SHARED = "read_shared"  # what members chose to share with their trainers
    SEE_CALENDAR = "see_calendar"
    SEE_STATUS = "see_status"
    CHANGE_CHANNEL = "change_channel"  # settings channel …, setup …
    CHANGE_OFFDAYS = "change_offdays"
    GRANT_SETUP = "grant_setup"  # allow a member to set the channel up


_CHAT_ADMINS = frozenset({Role.CHANNEL_ADMIN, Role.WORKSPACE_ADMIN})
_ADMINS = _CHAT_ADMINS | {Role.OPERATOR}

#: Action → the roles allowed it. Anything a member does with their own data (reflect, streak,
#: export, forget) is theirs alone and not in the matrix: it never reaches anyone else's.
#: Another member's data is exported or forgotten only by the operator, from the CLI
#: (``ballback member export|forget``), which no chat request reaches.
MATRIX: dict[Action, frozenset[Role]] = {
    Action.SEE_COHORT: frozenset(Role),
    Action.START_COHORT: _ADMINS,
    Action.CHANGE_CURRICULUM: _ADMINS | {Role.TRAINER},
    Action.SEE_REPORT: _ADMINS | {Role.TRAINER},
    Action.SEE_TRAINER_REPORT: _ADMINS | {Role.TRAINER},
    # Shared with the trainers means them: not the channel's or the workspace's admins. The
    # operator's CLI sees what the trainers see.
    Action.READ_SHARED: frozenset({Role.TRAINER, Role.OPERATOR}),
    Action.SEE_CALENDAR: _ADMINS | {Role.TRAINER},
    Action.SEE_STATUS: _ADMINS,
    # The operator's CLI reads, runs training groups and answers data requests; a channel's
    # settings, off-days and grants are its people's to change, in chat.
    Action.CHANGE_CHANNEL: _CHAT_ADMINS,
    Action.CHANGE_OFFDAYS: _CHAT_ADMINS | {Role.TRAINER},
    Action.GRANT_SETUP: frozenset({Role.WORKSPACE_ADMIN}),
}


def allows(roles: Collection[Role], action: Action) -> bool:
    """Whether any of ``roles`` may do ``action``."""
    return any(role in MATRIX[action] for role in roles)
