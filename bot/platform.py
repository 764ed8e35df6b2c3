"""The contract between the composition root and a chat platform's adapter.

``bot.cli`` knows the platforms only as a list of :class:`Platform` objects (``PLATFORMS``). For
each one it asks :meth:`Platform.check` whether the environment configures it, starts the ready
ones with :meth:`Platform.start` and stops them with :meth:`Started.stop`. A new platform is a
folder under ``adapters/`` whose ``platform.py`` provides such an object, plus one entry in that
list; the core never imports a platform SDK.

A platform module must stay cheap to import (no SDK at module level): ``ballback run`` imports
every one of them to check its settings, also the ones that are not configured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.delivery import Courier
    from bot.ports import Chat
    from bot.practice import Practice
    from bot.rounds import Rounds
    from bot.settings import Settings


class Capability(StrEnum):
    """What a platform offers (or demands) that the core's behaviour depends on."""

    PRIVATE_MESSAGES_NEED_CONSENT = "private messages need consent"
    PRIVATE_THREADS = "has private threads"
    GROUP_MESSAGES = "has group private messages"
    HOME_TAB = "has a home tab"
    FORMS = "has forms (modals)"


class AdapterError(Exception):
    """An adapter could not start. The message is one line that names the setting to change or
    the service that could not be reached, and never holds a secret."""


@dataclass(frozen=True)
class Readiness:
    """What :meth:`Platform.check` found in the settings."""

    configured: bool  # at least one of the platform's own settings is present
    # What is still needed to start, one entry per requirement (alternatives joined with
    # " or "), e.g. ("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN",); () = ready.
    missing: tuple[str, ...] = ()
    # Not configured: what to set. Missing settings: which, and why the adapter needs them.
    # Ready: how it will run (e.g. "Socket Mode").
    reason: str = ""

    @property
    def ready(self) -> bool:
        return self.configured and not self.missing

    def line(self, name: str) -> str:
        """One line for ``ballback run``'s report on a platform that is not started."""
        if not self.configured:
            return f"{name}: not configured" + (f" (set {self.reason})" if self.reason else "")
        return f"{name}: not started: {self.reason}"


def present(settings: Settings, *fields: str) -> bool:
    """Whether any of the named settings fields has a value."""
    return any(getattr(settings, field) is not None for field in fields)


def url_origin(url: str) -> str:
    """``scheme://host:port`` of ``url``, for an error line (no path, query or user info, which
    could hold a secret)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return "an unusable URL"
    return f"{parts.scheme}://{parts.hostname or ''}{port}"


@dataclass
class Core:
    """What an adapter is started with: the shared core, and the chats by platform name, where
    :meth:`Platform.start` registers its own ``Chat`` (the scheduler delivers through them)."""

    practice: Practice
    rounds: Rounds
    courier: Courier
    chats: dict[str, Chat]


class Started(Protocol):
    """A running adapter."""

    @property
    def summary(self) -> str:
        """How it runs, for ``ballback run``'s report, e.g. ``HTTP on 127.0.0.1:3000``."""
        ...

    async def stop(self) -> None:
        """Disconnect and release everything ``start`` opened."""
        ...


class Platform(Protocol):
    """One chat platform's adapter, as the composition root sees it."""

    @property
    def name(self) -> str:
        """Short and lower-case: ``slack``, ``discord`` (also the ``Chat``'s platform)."""
        ...

    @property
    def settings(self) -> Mapping[str, str]:
        """Every environment variable the adapter reads, with what it is for."""
        ...

    @property
    def capabilities(self) -> frozenset[Capability]: ...

    def check(self, settings: Settings) -> Readiness:
        """Whether ``settings`` configure this platform, and what is missing if partly."""
        ...

    async def start(self, settings: Settings, core: Core) -> Started:
        """Connect (or listen), register the ``Chat`` in ``core.chats``; only called when
        :meth:`check` said ready. Raises :class:`AdapterError` when it cannot start."""
        ...
