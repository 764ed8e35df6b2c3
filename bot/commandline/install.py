"""The checks of the install commands' arguments (``ballback slack manifest URL``, ``ballback
discord invite-url --app-id ID``); the commands themselves are in the composition root."""

from __future__ import annotations

MAX_SNOWFLAKE_DIGITS = 20  # a snowflake is an unsigned 64-bit integer


def is_snowflake(value: str) -> bool:
    """Whether ``value`` is a Discord id: ASCII digits only (not ``"٣"``), at most 64 bits."""
    return (
        0 < len(value) <= MAX_SNOWFLAKE_DIGITS
        and value.isascii()
        and value.isdigit()
        and int(value) < 2**64
    )


def public_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the base of Slack's request URLs, or None: it must be an http(s)
    URL with a host, and no user info, query or fragment (``/slack/events`` is appended)."""
    from bot.settings import url_problem

    problem = url_problem(url)
    if problem is None and ("?" in url or "#" in url):
        problem = "give the base URL without ?query or #fragment"
    if problem is not None and "user:password" not in problem:
        problem += f": {url[:100]!r}"
    return problem
