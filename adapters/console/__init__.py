"""The console adapter: a REPL for local practice, demos and scripted tests."""

from adapters.console.repl import ConsoleChat, ConsoleRepl

__all__ = ["ConsoleChat", "ConsoleRepl"]
