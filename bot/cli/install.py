"""Installing the bot on a platform: ``ballback slack manifest`` (the Slack app manifest) and
``ballback discord invite-url`` (the bot's OAuth2 install URL), with the checks of their
arguments."""

from __future__ import annotations

import sys

from bot.cli.app import StartupError, load_settings

MAX_SNOWFLAKE_DIGITS = 20  # a snowflake is an unsigned 64-bit integer


def is_snowflake(value: str) -> bool:
    """Whether ``value`` is a Discord id: ASCII digits only (not ``"٣"``), at most 64 bits."""
    return (
        0 < len(value) <= MAX_SNOWFLAKE_DIGITS
        and value.isascii()
        and value.isdigit()
        and int(value) < 2**64
    )


def _discord_invite_url(app_id: str | None) -> int:
    from adapters.discord.runner import invite_url

    if app_id is None:
        # A bot token's first part is the bot's user id (= the application id), base64-coded.
        import base64

        settings = load_settings()
        if settings.discord_token is None:
            raise StartupError("give --app-id, or set DISCORD_TOKEN to derive it")
        first = settings.discord_token.get_secret_value().split(".")[0]
        try:
            app_id = base64.b64decode(first + "=" * (-len(first) % 4)).decode()
        except ValueError:
            raise StartupError("DISCORD_TOKEN does not look like a bot token") from None
        if not is_snowflake(app_id):
            raise StartupError("DISCORD_TOKEN does not look like a bot token")
    elif not is_snowflake(app_id):
        raise StartupError(
            f"--app-id: not an application id: {app_id[:40]!r} (a Discord id is "
            f"1-{MAX_SNOWFLAKE_DIGITS} digits 0-9)"
        )
    print(invite_url(app_id))
    return 0


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


def _slack_manifest(base_url: str | None, socket_mode: bool) -> int:
    import json

    from adapters.slack.runner import manifest

    if (base_url is None) != socket_mode:
        print("ballback: give the public URL (HTTP mode) or --socket-mode", file=sys.stderr)
        return 2
    if base_url is not None and (problem := public_url_problem(base_url)) is not None:
        print(f"ballback: {problem}", file=sys.stderr)
        return 2
    print(json.dumps(manifest(base_url), indent=2))
    return 0
