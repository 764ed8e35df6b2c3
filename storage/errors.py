"""Turning driver and SQLAlchemy failures into one-line ``StoreError`` messages.

Messages never contain a URL's password nor SQL parameters: SQLAlchemy's own ``str(exc)``
appends the statement's parameters, which may be a member's private reflection.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError, StatementError

URL_HINT = "BALLBACK_DATABASE_URL"

# user:password@ in a URL that could not even be parsed; masked by hand.
_PASSWORD_IN_URL = re.compile(r"(//[^/:@]*:)[^@/]*@")
_PASSWORD_IN_QUERY = re.compile(r"([?&]password=)[^&]*")
# asyncpg quotes the offending parameter value in encoding errors; keep only the explanation.
_ASYNCPG_ARGUMENT = re.compile(r"^(invalid input for query argument \$\d+): .* \(([^()]*)\)$")
# SQLAlchemy's asyncpg adapter prefixes driver messages with "<class '...'>: ".
_CLASS_PREFIX = re.compile(r"^<class '[^']*'>:\s*")


def safe_url(url: URL | str) -> str:
    """The URL as text with its password (if any) replaced by ``***``."""
    if isinstance(url, URL):
        # asyncpg also takes the password as a query parameter.
        return _PASSWORD_IN_QUERY.sub(r"\1***", url.render_as_string(hide_password=True))
    return _PASSWORD_IN_QUERY.sub(r"\1***", _PASSWORD_IN_URL.sub(r"\1***@", url))


def reason(exc: BaseException) -> str:
    """A short, single-line, parameter-free description of ``exc``."""
    if isinstance(exc, StatementError) and exc.orig is not None:  # DBAPIError included
        return reason(exc.orig)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    elif isinstance(exc, SQLAlchemyError):
        # Never str(exc): it carries the SQL and its parameters.
        text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else type(exc).__name__
    else:
        text = str(exc) or type(exc).__name__
    text = _CLASS_PREFIX.sub("", text.strip())
    first = text.splitlines()[0].strip() if text else type(exc).__name__
    return _ASYNCPG_ARGUMENT.sub(r"\1 (\2)", first).rstrip(".")


def cause(exc: BaseException) -> BaseException | None:
    """What a ``StoreError`` should chain to: the driver's own error, free of SQL parameters."""
    if isinstance(exc, StatementError):  # DBAPIError included
        return exc.orig
    return exc
