"""Slack's one escape function (text can never become markup, a link or a mention), and the
one way back from a message's markup to what the member typed (``plain``)."""

from __future__ import annotations

import re


def escape(text: str) -> str:
    """Escape Slack's three control characters (``&`` first), so ``<!channel>`` or ``<@U1>``
    written by a member stays plain text (Slack formatting docs, "escaping")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Slack's markup in a message's text: a mention, a channel, a special word or a link.
_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def plain(text: str) -> str:
    """A message's text as the member typed it: Slack's markup read back (``<@U1>`` becomes
    ``@U1``, ``<https://x|here>`` becomes ``here``, ``<!channel>`` becomes ``@channel``) and its
    three escapes undone. For reading only; what is shown again goes through ``escape``."""

    def read(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if label:
            return label
        if target.startswith(("@", "#")):
            return target
        if target.startswith("!"):
            return "@" + target[1:].split("^", 1)[0]
        return target

    text = _MARKUP.sub(read, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
