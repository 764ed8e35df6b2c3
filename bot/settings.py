"""The one settings object, read from the environment (``BALLBACK_*`` and the platform tokens).

Secrets are ``SecretStr`` so they never show up in a repr, a log line or an error message.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import AliasChoices, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.parsing import MAX_ZONE_NAME, zone_name
from content.languages import LANGUAGES

MAX_HOST = 253  # the longest DNS name
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


HTTP = ("http", "https")


def url_problem(url: str, schemes: tuple[str, ...] = HTTP) -> str | None:
    """Why ``url`` is not a ``scheme://host...`` URL of one of ``schemes`` without user info,
    or None. The message does not repeat the URL (its user info may be a password)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number or too big
    except ValueError as exc:
        return f"not a URL ({exc})"
    if not url.isprintable() or " " in url:
        return "not a URL (spaces or control characters)"
    if parts.username is not None or parts.password is not None:
        return "give the URL without user:password@"
    if parts.scheme not in schemes or not parts.hostname:
        return f"give a URL with a host and the scheme {' or '.join(schemes)}"
    return None


def is_host(value: str) -> bool:
    """Whether ``value`` is an IP address or a syntactically valid host name (it may still not
    resolve; that shows when the adapter listens)."""
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        pass
    labels = value.removesuffix(".").split(".")
    return 0 < len(value) <= MAX_HOST and all(_HOST_LABEL.fullmatch(label) for label in labels)


def default_database_path() -> Path:
    """The SQLite file in the user's data directory (platformdirs knows where that is)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ballback", appauthor=False)) / "ballback.db"


def default_files_dir() -> Path:
    """Where the console writes files a member asked for (a data export): the user's own
    data directory, not wherever ballback happened to be started."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ballback", appauthor=False)) / "files"


def system_timezone() -> str:
    """The machine's IANA time zone name (via tzlocal), or UTC when it cannot be told."""
    try:
        from tzlocal import get_localzone_name

        name = get_localzone_name()
        if name:
            ZoneInfo(name)
            return name
    except Exception:  # a container without zone data: fall back quietly, UTC is a safe default
        pass
    return "UTC"


class Settings(BaseSettings):
    """Everything ballback reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="BALLBACK_", extra="ignore")

    database_url: str | None = None
    content_dir: Path | None = None
    language: str = "en"
    timezone: str | None = None  # default for new channels; None = this machine's zone
    nudge_time: time = time(9, 0)
    tick_seconds: float = Field(default=30.0, gt=0, le=3600)
    log_level: str = "INFO"

    slack_port: int = Field(default=3000, ge=1, le=65535)
    slack_host: str = "0.0.0.0"  # an IP address or a host name to listen on (HTTP mode)
    slack_api_url: str | None = None  # a Slack-compatible Web API, e.g. a loopback fake
    # Messages a minute ballback sends into one Slack workspace (Slack allows "several hundred").
    slack_posts_per_minute: float = Field(default=300.0, gt=0, le=6000)

    discord_api_url: str | None = None  # a Discord-compatible REST base, e.g. a loopback fake
    discord_gateway_url: str | None = None  # a Discord-compatible gateway
    # The privileged message-content intent, for the automatic observer's live reading of
    # practice threads (still only with the group's consent). Off: Discord requires it to be
    # enabled in the Developer Portal (and approved for bots in 100+ servers).
    discord_message_content: bool = False

    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN")
    )
    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN")
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"must be one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            found = zone_name(value)
            if found is None:
                raise ValueError(f"unknown time zone {value[:MAX_ZONE_NAME]!r}")
            return found
        return value

    @field_validator("slack_host")
    @classmethod
    def _host_syntax(cls, value: str) -> str:
        if not is_host(value):
            raise ValueError(f"not an IP address or host name: {value[:60]!r}")
        return value

    @field_validator("slack_api_url", "discord_api_url", "discord_gateway_url")
    @classmethod
    def _service_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            schemes = ("ws", "wss") if info.field_name == "discord_gateway_url" else HTTP
            problem = url_problem(value, schemes)
            if problem is not None:
                raise ValueError(problem)
        return value

    def resolved_database_url(self) -> str:
        """The configured URL, or the SQLite file in the user's data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{default_database_path()}"

    def resolved_timezone(self) -> str:
        """The default zone for new channels."""
        return self.timezone or system_timezone()

    @property
    def has_slack(self) -> bool:
        """A bot token plus a signing secret (HTTP mode) or an app token (Socket Mode, whose
        requests come over the app's own WebSocket, unsigned)."""
        return self.slack_bot_token is not None and (
            self.slack_signing_secret is not None or self.slack_app_token is not None
        )

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None
