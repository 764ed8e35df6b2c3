"""Run aiohttp applications on loopback for tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from aiohttp import web

LOOPBACK = "127.0.0.1"


async def serve(app: web.Application) -> tuple[str, Callable[[], Awaitable[None]]]:
    """Serve ``app`` on 127.0.0.1 at an ephemeral port.

    Returns the base URL (``http://127.0.0.1:PORT``, no trailing slash) and a coroutine
    function that stops the server and cleans the app up. Access logging is off.
    """
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, LOOPBACK, 0)
    try:
        await site.start()
        port = _bound_port(runner)
    except BaseException:
        await runner.cleanup()
        raise

    async def stop() -> None:
        """Stop serving and run the app's cleanup hooks."""
        await runner.cleanup()

    return f"http://{LOOPBACK}:{port}", stop


def _bound_port(runner: web.AppRunner) -> int:
    """The port the runner's (single) site is bound to."""
    for address in runner.addresses:
        if isinstance(address, tuple) and address[0] == LOOPBACK:
            return int(address[1])
    raise RuntimeError(f"no loopback address among {runner.addresses!r}")


class Served:
    """The fakes' shared lifecycle: ``async with`` starts one and stops it on the way out."""

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        """Start serving."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop serving."""
        await self.stop()
