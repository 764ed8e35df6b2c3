"""``ballback run`` as a real process in a test: start it, wait for a log line, stop it."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

TIMEOUT = 30.0  # generous for a loaded CI machine; a healthy start takes about a second


@dataclass
class Running:
    """A started ``ballback run`` and the log lines (stderr) read from it so far."""

    process: asyncio.subprocess.Process
    log: list[str] = field(default_factory=list)

    async def wait_for_line(self, marker: str) -> None:
        """Read the log until a line contains ``marker`` (fails if the process ends first)."""
        assert self.process.stderr is not None
        while True:
            line = (await asyncio.wait_for(self.process.stderr.readline(), TIMEOUT)).decode()
            assert line, "ballback run ended early:\n" + "".join(self.log)
            self.log.append(line)
            if marker in line:
                return

    async def stop(self) -> None:
        """SIGTERM, then expect a clean exit (0); the rest of the log is read."""
        self.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(self.process.wait(), TIMEOUT)
        assert self.process.returncode == 0, "".join(self.log)
        assert self.process.stderr is not None
        self.log.append((await self.process.stderr.read()).decode())

    @property
    def output(self) -> str:
        return "".join(self.log)


@asynccontextmanager
async def ballback_run(env: dict[str, str]) -> AsyncIterator[Running]:
    """``python -m bot.cli run`` with ``env``; killed on the way out if still running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield Running(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
