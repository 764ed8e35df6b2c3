"""Drive the real console REPL in-process: a script in, the transcript out."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from adapters.console.repl import ConsoleChat, ConsoleRepl, LineReader
from bot.clock import ManualClock, OffsetClock
from bot.ports import Store
from bot.practice import ChannelDefaults, Practice
from bot.scheduler import Scheduler
from content import Catalog


class Console:
    """One console session after another on the same store, with a simulated clock."""

    def __init__(
        self, store: Store, catalog: Catalog, start: datetime, files_dir: Path | None = None
    ) -> None:
        self.store = store
        self.files_dir = files_dir
        self.base = ManualClock(start)  # does not flow: transcripts are deterministic
        self.clock = OffsetClock(self.base)
        self.practice = Practice(
            store, catalog, self.clock, ChannelDefaults(timezone="Europe/Amsterdam")
        )

    async def run(self, *lines: str, user: str = "Anna") -> str:
        """Run a session reading ``lines`` from a pipe; return everything it printed."""
        out = io.StringIO()
        scheduler = Scheduler(self.store, self.practice, {"console": ConsoleChat(out)}, self.clock)
        repl = ConsoleRepl(
            self.practice,
            scheduler,
            self.clock,
            reader=LineReader(
                io.StringIO("".join(f"{line}\n" for line in lines)), interactive=False
            ),
            out=out,
            user=user,
            files_dir=self.files_dir,
        )
        assert await repl.run() == 0
        return out.getvalue()
