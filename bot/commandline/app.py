"""What the command line works with: the ``App`` that ``bot.cli.build_app`` (the composition
root) puts together, the settings and content it is built from, and the ``Wiring`` through
which the composition root hands the commands what lives outside the core (the store, the
console's renderer). A ``StartupError`` says why ballback cannot start (``main`` prints it and
exits with ``EXIT_USAGE``). Heavy imports (pydantic) happen inside the functions that need
them, so ``ballback --help`` starts instantly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.messages import Card
    from bot.ports import Chat, Store
    from bot.practice import Practice
    from bot.scheduler import Scheduler
    from bot.settings import Settings
    from content import Catalog

EXIT_USAGE = 2


class StartupError(Exception):
    """ballback cannot start; the message says why and what to change."""


@dataclass
class App:
    """Everything ``build_app`` put together; ``close()`` releases it."""

    settings: Settings
    store: Store
    catalog: Catalog
    clock: Clock
    practice: Practice
    chats: dict[str, Chat] = field(default_factory=dict)

    def scheduler(self) -> Scheduler:
        """A scheduler (with its courier) over the chats registered so far and later."""
        from bot.scheduler import Scheduler

        return Scheduler(
            self.store,
            self.practice,
            self.chats,
            self.clock,
            tick_seconds=self.settings.tick_seconds,
        )

    async def close(self) -> None:
        await self.store.close()


def load_settings() -> Settings:
    """The settings from the environment, or a StartupError naming the bad variable."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{_env_name(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise StartupError(f"bad setting: {problems}") from None


def _env_name(loc: tuple[int | str, ...]) -> str:
    """The environment variable of a settings error: ``BALLBACK_<field>``, or the alias itself
    (``SLACK_BOT_TOKEN``)."""
    name = str(loc[0]) if loc else "?"
    return name if name.isupper() else f"BALLBACK_{name.upper()}"


def load_content(settings: Settings) -> Catalog:
    """The shipped catalog plus the deployment's pack, or a StartupError listing every problem."""
    from content import ContentError, load_catalog

    try:
        return load_catalog(settings.content_dir)
    except ContentError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        raise StartupError(f"the content pack has problems:\n{lines}") from None


@dataclass(frozen=True)
class Wiring:
    """What the composition root gives the commands: how to build the app (with the store
    implementation) and how to print a card (the console's renderer)."""

    build_app: Callable[[Settings], Awaitable[App]]
    render_card: Callable[[Card], str]
