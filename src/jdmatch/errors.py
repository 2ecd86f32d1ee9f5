"""Exceptions raised by jdmatch.

Every error jdmatch raises on purpose derives from :class:`JdmatchError`, so a caller can catch
them all in one place. Each one also derives from the built-in exception that fits it best
(``FileNotFoundError``, ``ValueError`` ...), the way pdfminer's ``PDFValueError`` does, so code
that already catches the built-in keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from typing import Any, Literal, TypeVar

T = TypeVar("T")


class JdmatchError(Exception):
    """Base class of every error raised by jdmatch."""


class DocumentError(JdmatchError):
    """A job description or resume could not be turned into text.

    Attributes:
        source: The path (or ``"<text>"``) of the document at fault.
    """

    def __init__(self, message: str, *, source: str | PathLike[str]) -> None:
        self.source = str(source)
        self.detail = message
        super().__init__(f"{self.source}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled when a worker process hands the error back (Analyzer.pipe with n_process).
        return (_rebuild, (type(self), self.detail, {"source": self.source}))


class DocumentNotFoundError(DocumentError, FileNotFoundError):
    """The path given as a document does not exist or is not a file."""


class UnsupportedFormatError(DocumentError, ValueError):
    """The document's extension is not one jdmatch reads."""


class DocumentReadError(DocumentError, ValueError):
    """The file exists but could not be read: corrupt, encrypted or not what its name says."""


class EmptyDocumentError(DocumentError, ValueError):
    """The document holds no extractable text (for example a scanned PDF without a text layer)."""


class LimitError(DocumentError, ValueError):
    """The document is larger, longer or slower to parse than the configured limits allow."""


class NoConceptsError(DocumentError, ValueError):
    """The job description names no concept of the lexicon, so there is nothing to match."""


class LexiconError(JdmatchError, ValueError):
    """A lexicon file is malformed.

    Attributes:
        path: The lexicon file at fault.
        line: The 1-based line the problem was found on, when known.
    """

    def __init__(self, message: str, *, path: str | PathLike[str], line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.detail, {"path": self.path, "line": self.line}))


class InvalidParameterError(JdmatchError, ValueError, TypeError):
    """A function was called with a parameter of the wrong type or value."""


class NotFittedError(JdmatchError, ValueError, AttributeError):
    """A statistics object was used before ``fit`` was called."""


def _rebuild(error_type: type[Any], detail: str, keywords: dict[str, Any]) -> Any:
    return error_type(detail, **keywords)


def invalid_parameter(
    name: str, function: str, expected: str, got: object
) -> InvalidParameterError:
    """Build the standard message for a bad parameter.

    Args:
        name: Name of the parameter.
        function: Name of the function or class that received it.
        expected: What the parameter must be, as a phrase.
        got: The value actually received.

    Returns:
        An :class:`InvalidParameterError` ready to raise.

    Example:
        >>> str(invalid_parameter("top", "to_markdown", "a positive int", -1))
        "The 'top' parameter of to_markdown must be a positive int. Got -1 instead."
    """
    return InvalidParameterError(
        f"The {name!r} parameter of {function} must be {expected}. Got {got!r} instead."
    )


class StatisticsError(LexiconError):
    """A statistics file (document frequencies, ``reference_idf.json``) is missing or malformed.

    A :class:`LexiconError` too (it was raised as one before), so it derives from
    :class:`JdmatchError` and ``ValueError``.
    """


@dataclass(frozen=True)
class Interval:
    """A constraint: an int (``kind=int``) or a number in a range, scikit-learn style.

    Args:
        kind: ``int`` (bools refused) or ``float`` (ints and floats, bools refused).
        low: Smallest value, or ``None`` for no bound.
        high: Largest value, or ``None`` for no bound.
        closed: Which ends belong to the range: ``"both"``, ``"left"``, ``"right"``.

    Example:
        >>> Interval(int, 1, None).describe(), Interval(float, 0, 10, closed="right").describe()
        ('a positive int', 'a number in (0, 10]')
    """

    kind: type[int] | type[float]
    low: float | None
    high: float | None
    closed: Literal["both", "left", "right"] = "both"

    def accepts(self, value: object) -> bool:
        """Whether ``value`` meets the constraint (NaN never does)."""
        types = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, types):
            return False
        number: float = value  # compared as it is: a huge int never overflows a float
        left = self.low is None or (
            number >= self.low if self.closed in ("both", "left") else number > self.low
        )
        right = self.high is None or (
            number <= self.high if self.closed in ("both", "right") else number < self.high
        )
        return left and right and number == number  # NaN is unequal to itself

    def describe(self) -> str:
        """The constraint as a phrase of the standard message."""
        noun = "an int" if self.kind is int else "a number"
        if self.kind is int and self.low == 1 and self.high is None:
            return "a positive int"
        opening = "[" if self.closed in ("both", "left") else "("
        ending = "]" if self.closed in ("both", "right") else ")"
        return f"{noun} in {opening}{_bound(self.low)}, {_bound(self.high)}{ending}"


@dataclass(frozen=True)
class Options:
    """A constraint: one of the given values.

    Example:
        >>> Options(("a", "b")).describe(), Options((-1,)).describe()
        ("one of ['a', 'b']", '-1')
    """

    values: tuple[object, ...]

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is one of the options (``True`` is not ``1``)."""
        return any(type(value) is type(option) and value == option for option in self.values)

    def describe(self) -> str:
        """The constraint as a phrase of the standard message."""
        if len(self.values) == 1:
            return repr(self.values[0])
        return f"one of {list(self.values)}"


#: A constraint of :func:`check_parameter`: an interval, options, a type, or ``None``.
Constraint = Interval | Options | type | None


def check_parameter(value: T, name: str, function: str, *constraints: Constraint) -> T:
    """Check a parameter against constraints, scikit-learn's ``validate_params`` style.

    A value passes when it meets any one constraint: an :class:`Interval`, :class:`Options`,
    a type (``isinstance``) or ``None`` (the value is ``None``).

    Args:
        value: The value given.
        name: Name of the parameter.
        function: Name of the function or class that received it.
        *constraints: What the parameter may be.

    Returns:
        ``value``, unchanged.

    Raises:
        InvalidParameterError: ``value`` meets none of the constraints; the message joins their
            phrases with "or" (see :func:`invalid_parameter`).

    Example:
        >>> check_parameter(3, "top", "to_markdown", Interval(int, 1, None))
        3
        >>> check_parameter(0, "n_process", "pipe", Options((-1,)), Interval(int, 1, None))
        Traceback (most recent call last):
        ...
        jdmatch.errors.InvalidParameterError: The 'n_process' parameter of pipe must be -1 or a positive int. Got 0 instead.
    """  # noqa: E501
    for constraint in constraints:
        if constraint is None:
            if value is None:
                return value
        elif isinstance(constraint, type):
            if isinstance(value, constraint):
                return value
        elif constraint.accepts(value):
            return value
    expected = " or ".join(_describe(constraint) for constraint in constraints)
    raise invalid_parameter(name, function, expected, value)


def _describe(constraint: Constraint) -> str:
    if constraint is None:
        return "None"
    if isinstance(constraint, type):
        article = "an" if constraint.__name__[:1].lower() in "aeiou" else "a"
        return f"{article} {constraint.__name__}"
    return constraint.describe()


def _bound(value: float | None) -> str:
    if value is None:
        return "inf"
    return str(int(value)) if float(value).is_integer() else str(value)
