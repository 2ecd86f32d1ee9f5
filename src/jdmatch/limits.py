"""Bounds on the work one call may cause (:class:`Limits`), and the clock that enforces time.

``max_seconds`` holds across every step of the flow, not only while a file is parsed: a call
that bounds its time opens a :func:`time_limit`, and the steps whose work grows with the input
call :func:`check_time` in their loops. Limits nest: an inner one (reading one document)
keeps the earlier deadline of the call around it (:meth:`jdmatch.Analyzer.analyze`). Without an
open limit :func:`check_time` does nothing, so each step still runs on its own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from os import PathLike

from jdmatch.errors import Interval, LimitError, check_parameter

# Bounds on the limits themselves: sizes past 2**50 (a petabyte) and a time over a day are
# mistakes, and would overflow the C sizes that reading and unpacking use.
_MAX_SIZE = 2**50
_MAX_SECONDS = 86_400


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one document may cause; exceeding one raises :class:`LimitError`.

    Attributes:
        max_bytes: Largest file read, in bytes (default 20 MB).
        max_chars: Longest text accepted, in characters (default 1,000,000, about 300 pages).
        max_pages: Most PDF pages read (default 100).
        max_seconds: Longest time one call may take (default 30 s): reading one document
            with :func:`~jdmatch.load` (any format), or reading and analysing a pair with
            :func:`~jdmatch.analyze`; in :meth:`~jdmatch.Analyzer.pipe`, reading each
            document and analysing each pair.
        max_unpacked_bytes: Largest total size of a PDF's decompressed streams (every stream
            pdfminer unpacks, through every filter of its chain) or of a DOCX's unzipped parts
            (default 100 MB): this stops decompression bombs.

    Sizes are ints from 1 to 2**50; ``max_seconds`` a number in (0, 86400].

    Example:
        >>> Limits(max_pages=10).max_pages
        10
    """

    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    max_pages: int = 100
    max_seconds: float = 30.0
    max_unpacked_bytes: int = 100_000_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_chars", "max_pages", "max_unpacked_bytes"):
            value = getattr(self, name)
            check_parameter(value, name, "Limits", Interval(int, 1, _MAX_SIZE))
        check_parameter(  # also refuses NaN, which would switch it off
            self.max_seconds, "max_seconds", "Limits", Interval(float, 0, _MAX_SECONDS, "right")
        )


#: The limits used when none are given.
DEFAULT_LIMITS = Limits()


def raise_hint(limit: str, *, call: bool = True) -> str:
    """Say how to raise one of the :class:`Limits`, for a :class:`LimitError`'s message.

    Args:
        limit: The field of :class:`Limits`.
        call: Name the :func:`~jdmatch.load` call around it.

    Returns:
        ``load(..., limits=Limits(<limit>=...))``, or ``Limits(<limit>=...)``.

    Example:
        >>> raise_hint("max_pages")
        'load(..., limits=Limits(max_pages=...))'
    """
    hint = f"Limits({limit}=...)"
    return f"load(..., limits={hint})" if call else hint


@dataclass(frozen=True)
class _Clock:
    deadline: float  # time.monotonic()
    seconds: float
    doing: str
    hint: str
    source: str


_CLOCK: ContextVar[_Clock | None] = ContextVar("jdmatch_clock", default=None)


@contextmanager
def time_limit(
    limits: Limits | None,
    *,
    source: str | PathLike[str],
    doing: str,
    call: str = "load",
) -> Iterator[None]:
    """Bound the time of the code in the ``with`` block by ``limits.max_seconds``.

    Args:
        limits: The limits; ``None`` uses :data:`DEFAULT_LIMITS`.
        source: The document the error names (a path or ``"<text>"``).
        doing: What takes the time, as the error says it (``"parsing"``).
        call: The function whose ``limits`` the error says to raise.

    Yields:
        Nothing; :func:`check_time` inside the block raises once the time is up. Open it
        around code that does not yield: a generator's caller would run under the limit.

    Example:
        >>> with time_limit(Limits(max_seconds=5), source="<text>", doing="counting"):
        ...     check_time()
    """
    limits = limits if limits is not None else DEFAULT_LIMITS
    seconds = limits.max_seconds
    hint = f"{call}(..., limits={raise_hint('max_seconds', call=False)})"
    clock = _Clock(time.monotonic() + seconds, seconds, doing, hint, str(source))
    outer = _CLOCK.get()
    if outer is not None and outer.deadline <= clock.deadline:
        clock = replace(outer, source=clock.source)  # the call's deadline, named by this step
    token = _CLOCK.set(clock)
    try:
        yield
    finally:
        _CLOCK.reset(token)


def check_time() -> None:
    """Raise :class:`LimitError` once the innermost open :func:`time_limit` has run out.

    Cheap (a context-variable read and a clock read): call it in loops that grow with the input.

    Raises:
        LimitError: The time is up; the message names the document and how to raise the limit.

    Example:
        >>> check_time()  # no limit open: nothing to check
    """
    clock = _CLOCK.get()
    if clock is not None and time.monotonic() > clock.deadline:
        raise LimitError(
            f"{clock.doing} took over {clock.seconds:g} s; raise it with {clock.hint}",
            source=clock.source,
        )
