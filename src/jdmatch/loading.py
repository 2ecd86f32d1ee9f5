"""Step 1 of the flow: turn a path or a string into a :class:`Document`.

PDF text comes from pdfminer.six, DOCX text from python-docx (body, tables, text boxes, headers
and footers, where resumes often keep their skills), HTML through the standard library's parser
with scripts and styles dropped. Heavy readers are imported only when a file needs them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from jdmatch.errors import (
    DocumentNotFoundError,
    DocumentReadError,
    EmptyDocumentError,
    JdmatchError,
    LimitError,
    UnsupportedFormatError,
    check_parameter,
    invalid_parameter,
)
from jdmatch.limits import DEFAULT_LIMITS, Limits, check_time, raise_hint, time_limit

__all__ = [  # Limits and raise_hint live in jdmatch.limits; they are named here too
    "DEFAULT_LIMITS",
    "FORMATS",
    "TEXT_SOURCE",
    "Document",
    "Limits",
    "Source",
    "load",
    "raise_hint",
    "source_name",
]

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from lxml.etree import _Element

#: File extensions jdmatch reads, and the format name each one maps to.
FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

#: ``Document.source`` of text passed in directly rather than read from a file.
TEXT_SOURCE = "<text>"

# A string longer than this, or with a line break, is text, never a path.
_MAX_PATH_LENGTH = 1024


@dataclass(frozen=True)
class Document:
    """A job description or resume as plain text.

    Attributes:
        text: The document's text, as read (normalisation happens later, with offsets kept).
        source: The path it was read from, or ``"<text>"`` for a string passed in directly.
        format: One of ``"pdf"``, ``"docx"``, ``"text"``, ``"markdown"``, ``"html"``.

    Example:
        >>> Document(text="Python and SQL", source="<text>", format="text").format
        'text'
    """

    text: str
    source: str = TEXT_SOURCE
    format: str = "text"

    def __post_init__(self) -> None:
        for name in ("text", "source", "format"):
            value = getattr(self, name)
            check_parameter(value, name, "Document", str)


Source: TypeAlias = "str | os.PathLike[str] | Document"


def load(source: Source, *, limits: Limits | None = None) -> Document:
    """Read a job description or resume.

    The real format is read from the file's first bytes, so a ``.pdf`` that is really a DOCX
    (or a ``.docx`` that is plain text) is still read correctly; text in UTF-8 (with or without
    a byte-order mark), UTF-16 or cp1252 is decoded, and mojibake such as ``â€¢`` for ``•`` is
    repaired. Work is bounded by ``limits``. Nothing in a document is executed or fetched.

    Args:
        source: A :class:`Document` (returned as is), a path (``str`` or ``pathlib.Path``) to a
            ``.pdf``, ``.docx``, ``.txt``, ``.md`` or ``.html``/``.htm`` file, or the text itself.
            A ``str`` is taken as a path when it has no line break and either ends in one of
            those extensions or names an existing file; otherwise it is the text.
        limits: Bounds on size, pages and time; ``None`` uses :data:`DEFAULT_LIMITS`.

    Returns:
        The document's text with its source and format.

    Raises:
        DocumentNotFoundError: The path does not exist or is a directory.
        UnsupportedFormatError: The extension, or the content, is not a format jdmatch reads.
        DocumentReadError: The file is corrupt, encrypted or cannot be read.
        EmptyDocumentError: There is no text in it (a scanned PDF needs OCR first).
        LimitError: The document is larger, longer or slower to parse than ``limits`` allow.

    Example:
        >>> load("Senior ML engineer: PyTorch, Kubernetes, feature stores.").format
        'text'
    """
    check_parameter(limits, "limits", "load", Limits, None)
    if limits is None:
        limits = DEFAULT_LIMITS
    if isinstance(source, Document):
        return _checked(source, limits)
    if isinstance(source, os.PathLike):
        try:
            name = os.fspath(source)
        except Exception as exc:  # a path-like whose __fspath__ fails
            raise invalid_parameter(
                "source", "load", "a path, a str or a Document", source
            ) from exc
        if isinstance(name, bytes):  # a bytes path-like, or an os.DirEntry of a bytes scan
            name = os.fsdecode(name)
        if not isinstance(name, str):
            raise invalid_parameter("source", "load", "a path, a str or a Document", source)
        return _load_path(Path(name), limits)
    if isinstance(source, str):
        if _looks_like_path(source):
            return _load_path(Path(source), limits)
        return _checked(Document(text=_repair(source)), limits)
    raise invalid_parameter("source", "load", "a path, a str or a Document", source)


def source_name(source: Source) -> str:
    """What errors call a source before it is read: its path, or ``"<text>"``.

    Args:
        source: As :func:`load` takes it.

    Returns:
        The path as a ``str``, a :class:`Document`'s ``source``, or :data:`TEXT_SOURCE`.

    Example:
        >>> source_name("Python and SQL"), source_name("resume.pdf")
        ('<text>', 'resume.pdf')
    """
    if isinstance(source, Document):
        return source.source
    if isinstance(source, os.PathLike):
        try:
            return os.fsdecode(os.fspath(source))
        except Exception:  # a path-like whose __fspath__ fails: load says so
            return TEXT_SOURCE
    if isinstance(source, str) and _looks_like_path(source):
        return source
    return TEXT_SOURCE


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > _MAX_PATH_LENGTH or not text.strip():
        return False
    if Path(text).suffix.lower() in FORMATS:
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte: text
        return False


def _load_path(path: Path, limits: Limits) -> Document:
    named = FORMATS.get(path.suffix.lower())
    if not path.exists():
        raise DocumentNotFoundError("no such file; check the path", source=path)
    if path.is_dir():
        raise DocumentNotFoundError("is a directory, not a document file", source=path)
    if named is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(
            f"unsupported file type {path.suffix or '(none)'!r}; use one of {supported}",
            source=path,
        )
    with time_limit(limits, source=path, doing="parsing"):
        data = _read_regular_file(path, limits)
        actual = _real_format(path, data, named)
        text = _READERS[actual](path, data, limits)
        if actual in {"text", "markdown", "html"}:
            text = _repair(text)
        check_time()
    return _checked(Document(text=text, source=str(path), format=actual), limits)


def _read_regular_file(path: Path, limits: Limits) -> bytes:
    """Read at most ``max_bytes`` of a regular file; never block on a pipe or read a device."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise DocumentReadError(f"cannot read the file ({exc.strerror})", source=path) from exc
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DocumentReadError(
                    "is not a regular file (a pipe, device or socket); give a document file",
                    source=path,
                )
            if info.st_size > limits.max_bytes:
                raise _too_big(path, info.st_size, limits)
            data = file.read(limits.max_bytes + 1)  # the file may grow while it is read
        except OSError as exc:
            raise DocumentReadError(f"cannot read the file ({exc.strerror})", source=path) from exc
    if len(data) > limits.max_bytes:
        raise _too_big(path, len(data), limits)
    return data


def _too_big(path: Path, size: int, limits: Limits) -> LimitError:
    return LimitError(
        f"the file has {size:,} bytes; the limit is {limits.max_bytes:,} "
        f"(raise it with {raise_hint('max_bytes')})",
        source=path,
    )


def _checked(document: Document, limits: Limits) -> Document:
    if not document.text.strip():
        hint = " (a scanned PDF needs OCR first)" if document.format == "pdf" else ""
        raise EmptyDocumentError(f"the document contains no text{hint}", source=document.source)
    if len(document.text) > limits.max_chars:
        raise LimitError(
            f"the text has {len(document.text):,} characters; the limit is "
            f"{limits.max_chars:,} (raise it with {raise_hint('max_chars')})",
            source=document.source,
        )
    return document


# First bytes of formats people mistake for documents, to name them in errors.
_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word 97-2003 (.doc) or other OLE file",
    b"{\\rtf": "an RTF file",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}


def _real_format(path: Path, data: bytes, named: str) -> str:
    """Tell the format from the bytes; fall back to the name for text formats."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(path, data)
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise UnsupportedFormatError(f"named {path.suffix} but it is {kind}", source=path)
    if named in {"pdf", "docx"}:
        if b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnsupportedFormatError(
                f"named {path.suffix} but it is neither a {named.upper()} nor text", source=path
            )
        named = "text"  # a .docx or .pdf that holds plain text: read it as text
    head = data[:512].lstrip().lower()
    if named != "html" and head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return named


def _zip_format(path: Path, data: bytes) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentReadError(
            f"the file is a damaged zip archive, so not a readable DOCX ({exc})", source=path
        ) from exc
    if "word/document.xml" not in names and not _names_word_main_part(_archive_types(data)):
        raise UnsupportedFormatError(
            f"named {path.suffix} but it is a zip archive without a Word document inside",
            source=path,
        )
    return "docx"


def _archive_types(data: bytes) -> bytes:
    """The ``[Content_Types].xml`` of a zip package (empty when missing or over 1 MB)."""
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1_000_000:
                return b""
            return archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return b""


def _names_word_main_part(content_types: bytes) -> bool:
    """Whether the package's content types name a Word main part (any part name)."""
    return (
        re.search(rb"wordprocessingml\.(?:document|template)\.main\+xml|ms-word\.", content_types)
        is not None
    )


# A UTF-8 lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF), both decoded as
# cp1252 or Latin-1: every multi-byte character garbled that way leaves such a pair.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def _repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252: ``â€¢`` for ``•``) with ftfy, when there is any."""
    if not _MOJIBAKE_PAIR.search(text):  # most texts: no need to import ftfy (70 ms)
        return text
    import ftfy.badness

    if not ftfy.badness.is_bad(text):
        return text
    import ftfy

    return str(ftfy.fix_encoding(text))


def _read_pdf(path: Path, data: bytes, limits: Limits) -> str:
    from jdmatch.pdf_reading import read_pdf  # pdfminer is imported only for PDFs

    return read_pdf(path, data, limits)


def _read_docx(path: Path, data: bytes, limits: Limits) -> str:
    import zipfile

    import docx

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limits.max_unpacked_bytes or len(parts) > 10_000:
            raise LimitError(
                f"the DOCX unpacks to {unpacked:,} bytes in {len(parts)} parts; the limit is "
                f"{limits.max_unpacked_bytes:,} bytes "
                f"({raise_hint('max_unpacked_bytes', call=False)})",
                source=path,
            )
        # python-docx parses XML with entity resolution off, so entity tricks expand nothing.
        # It finds the main part through the package's relationships, whatever its name.
        document = docx.Document(BytesIO(data))
        return "\n".join(_docx_lines(document))
    except JdmatchError:
        raise
    except Exception as exc:  # python-docx, zipfile and lxml each raise their own types
        raise DocumentReadError(
            f"the DOCX could not be parsed ({type(exc).__name__}: {exc})", source=path
        ) from exc


# Past this many paragraphs in a part, empty ones are skipped rather than read as blank lines.
_MANY_PARAGRAPHS = 100_000


def _docx_lines(document: DocxDocument) -> Iterator[str]:
    """Yield every paragraph's text: body, tables and text boxes, then headers and footers.

    An ``altChunk`` (a part in another format, HTML from some exporters) is read in its place.
    The time limit is checked every 1,000 paragraphs.
    """
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    fallback_tag = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    paragraph_tag, run_tag, chunk_tag = qn("w:p"), qn("w:r"), qn("w:altChunk")

    def paragraphs_of(root: Any) -> Iterator[str]:
        elements: Iterable[_Element] = root.iter(paragraph_tag, chunk_tag)
        if root.xpath("count(.//w:p)") > _MANY_PARAGRAPHS:
            # Millions of (empty) paragraphs: let libxml2 pick those with runs, in C; the
            # empty ones would each cost python-docx tens of microseconds.
            elements = root.xpath(".//w:p[.//w:r] | .//w:altChunk")
        for number, element in enumerate(elements):
            if number % 1000 == 999:
                check_time()
            # Text boxes are stored twice (modern and legacy drawing); read the modern copy only.
            if any(ancestor.tag == fallback_tag for ancestor in element.iterancestors()):
                continue
            if element.tag == chunk_tag:
                yield _alt_chunk_text(document, element.get(qn("r:id")))
            elif next(element.iter(run_tag), None) is None:
                yield ""  # no run, no text: skip python-docx's slow reading (empty-paragraph bombs)
            else:
                yield Paragraph(element, document).text

    yield from paragraphs_of(document.element.body)
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            yield from paragraphs_of(part._element)


def _alt_chunk_text(document: DocxDocument, relationship: str | None) -> str:
    """The text of an ``altChunk`` part: HTML or plain text; other formats give nothing."""
    try:
        part = document.part.rels[relationship].target_part
    except (KeyError, AttributeError):
        return ""
    blob: bytes = part.blob
    name = f"{document.part.partname}#{part.partname}"
    if "html" in part.content_type or blob.lstrip()[:1] == b"<":
        return _read_html(Path(name), blob, DEFAULT_LIMITS)
    if part.content_type.startswith("text/"):
        return _decode(Path(name), blob)
    return ""


def _decode(path: Path, data: bytes, limits: Limits | None = None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(path, data, "utf-16")
    even_nuls, odd_nuls = data[:1000:2].count(0), data[1:1000:2].count(0)
    if max(even_nuls, odd_nuls) > 0.3 * min(len(data), 1000) / 2:  # UTF-16 without a BOM
        return _decode_utf16(path, data, "utf-16-le" if odd_nuls > even_nuls else "utf-16-be")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved by older Windows tools are usually cp1252; latin-1 never fails.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return _text_or_error(path, text)


def _decode_utf16(path: Path, data: bytes, encoding: str) -> str:
    return _text_or_error(path, data.decode(encoding, errors="replace"))


# Control characters (not tab, line breaks, form feed or NUL, which text files do hold) and the
# replacement character: cp1252 and latin-1 decode any bytes, so binary data shows up as these.
_NOT_TEXT = dict.fromkeys(
    [*range(0x01, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFD], None
)
_MAX_NOT_TEXT_SHARE = 0.1


def _text_or_error(path: Path, text: str) -> str:
    """Refuse decoded bytes that are not text: more than 10% control or undecodable characters."""
    odd = len(text) - len(text.translate(_NOT_TEXT))
    if text and odd > _MAX_NOT_TEXT_SHARE * len(text):
        raise DocumentReadError(
            f"the file is not text: {odd / len(text):.0%} of its characters are control "
            "or undecodable characters (is it a binary file with a text extension?)",
            source=path,
        )
    return text


# Link text holds no bracket and a target at most one level of parentheses, so that every
# attempt stops at the next bracket or parenthesis: 200,000 open brackets stay linear.
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_BARE_URL = re.compile(r"https?://\S+")


def _read_markdown(path: Path, data: bytes, limits: Limits) -> str:
    # Link targets are URLs, whose path parts ("github.com/pytorch/...") are not skills.
    text = _MARKDOWN_LINK.sub(r"\1", _decode(path, data))
    return _BARE_URL.sub(" ", text)


class _HTMLText(HTMLParser):
    # Not "head": HTML5 may omit </head>, and skipping it then dropped the whole body. Its only
    # text is the title, kept; its scripts and styles are skipped by their own tags.
    _SKIPPED = frozenset({"script", "style", "noscript", "template", "svg"})
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article",
         "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "title", "dd", "dt", "pre"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIPPED:
            self._skip_depth += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title or not self._skip_depth:
            self.parts.append(data)


_HTML_CHUNK = 65_536


def _read_html(path: Path, data: bytes, limits: Limits) -> str:
    # The standard library's parser keeps no tree, so deep or unclosed nesting costs nothing
    # and loses no text. (lxml.html drops text nested deeper than 255 elements; html5lib took
    # over 300 s on 40,000 nested divs; both measured.) Fed in chunks, with the time checked.
    text = _defuse_unclosed(_decode(path, data))
    parser = _HTMLText()
    for start in range(0, len(text), _HTML_CHUNK):
        check_time()
        parser.feed(text[start : start + _HTML_CHUNK])
    parser.close()
    return "".join(parser.parts)


def _defuse_unclosed(text: str) -> str:
    """Escape the ``<`` of constructs that can never end, so the parser reads them as text.

    Python's parser (before 3.13.4) rescans to the end of the text for each one: 40,000
    unclosed tags took minutes. Every tag ends at a ``>``, every comment at ``-->`` and every
    marked section at ``]>``; an opener after the last of its closer can only be text.
    """
    for opener, closer in (("<", ">"), ("<!--", "-->"), ("<![", "]>")):
        last = text.rfind(closer)
        cut = 0 if last < 0 else last + len(closer)
        if opener in text[cut:]:
            text = text[:cut] + text[cut:].replace(opener, "&lt;" + opener[1:])
    return text


_READERS: dict[str, Callable[[Path, bytes, Limits], str]] = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "text": _decode,
    "markdown": _read_markdown,
    "html": _read_html,
}
