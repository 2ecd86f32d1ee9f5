"""Exceptions raised by jdmatch.

Every error jdmatch raises on purpose derives from :class:`JdmatchError`, so a caller can catch
them all in one place. Each one also derives from the built-in exception that fits it best
(``FileNotFoundError``, ``ValueError`` ...), the way pdfminer's ``PDFValueError`` does, so code
that already catches the built-in keeps working.
"""

from __future__ import annotations

from os import PathLike
from typing import Any


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
