"""Pair practice: joining today's round, pairing with roles, briefs, feedback and outcomes.

``Rounds`` holds the use cases the adapters call for peer role-play, over the same context as
``Practice`` (channel and member lookup, texts, picks). Every use case runs in one
store transaction: a refusal (not your group, a second submission, bad answers) stores nothing.
Messages for other people come back as ``Notice``s, which the adapter or the scheduler
delivers through ``Chat``.
"""

from __future__ import annotations

from bot.usecases.feedback import FeedbackWork
from bot.usecases.groups import GroupWork
from bot.usecases.joining import Joining
from bot.usecases.observing import ObserveWork
from bot.usecases.round_base import FORM_FOR_ROLE, form_key, parse_form_key

__all__ = ["FORM_FOR_ROLE", "Rounds", "form_key", "parse_form_key"]


class Rounds(Joining, GroupWork, FeedbackWork, ObserveWork):
    """The use cases of pair practice, one area per module: joining (``usecases/joining``),
    pairing (``usecases/round_pairing``), a group's work (``usecases/groups``), feedback
    (``usecases/feedback``) and the automatic observer (``usecases/observing`` and
    ``usecases/live_reading``), over the shared ``usecases/round_base``."""
