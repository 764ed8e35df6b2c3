"""The limits every form and card obeys: the strictest of Slack and Discord wins.

One source for the content schema (checked when a pack loads) and the core's neutral messages
(checked when a form is built), so a pack that loads always renders on every platform.
"""

from __future__ import annotations

MAX_FORM_FIELDS = 5  # a Discord modal holds 5 inputs
MAX_TITLE = 24  # Slack modal title
MAX_LABEL = 45  # Discord text input label
MAX_HINT = 100  # Discord placeholder / select description
MAX_TEXT_INPUT = 3000  # Slack plain_text_input max_length (Discord allows 4000)
MAX_CHOICE = 75  # Slack option text
MAX_CHOICES = 25  # Discord select menu options
MAX_NAME = 80
MAX_TEXT = 1024  # Discord embed field value
MAX_FIELDS = 25  # fields a card shows (a Discord embed)

__all__ = [
    "MAX_CHOICE",
    "MAX_CHOICES",
    "MAX_FIELDS",
    "MAX_FORM_FIELDS",
    "MAX_HINT",
    "MAX_LABEL",
    "MAX_NAME",
    "MAX_TEXT",
    "MAX_TEXT_INPUT",
    "MAX_TITLE",
]
