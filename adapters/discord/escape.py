"""Discord's escaping: member text can never become markdown, a mention or a ping.

``AllowedMentions.none()`` on every send already stops pings; escaping keeps the *text* of a
mention (``@everyone``, ``<@&123>``) from even rendering as one.
"""

from __future__ import annotations

import re

import discord

# Like ``discord.utils.escape_mentions``, but for ids of any length (``<@&123>``) too.
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]+)")


def escape_mentions(text: str) -> str:
    """``@everyone``, ``@here``, ``<@1>``, ``<@!1>``, ``<@&1>`` broken with a zero-width space."""
    return _MENTION.sub("@\u200b\\1", text)


def escape_untrusted(text: str) -> str:
    """Text a member wrote: markdown and mentions escaped."""
    return escape_mentions(discord.utils.escape_markdown(text))


def escape_own(text: str) -> str:
    """Ballback's own text (it may embed display names): mentions escaped, markdown kept."""
    return escape_mentions(text)
