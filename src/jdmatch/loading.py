"""Step 1 of the flow: turn a path or a string into a :class:`Document`.

PDF text comes from pdfminer.six, DOCX text from python-docx (body, tables, text boxes, headers
and footers, where resumes often keep their skills), HTML through the standard library's parser
with scripts and styles dropped. Heavy readers are imported only when a file needs them.
"""

from __future__ import annotations

import itertools
import os
import re
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from jdmatch.errors import (
    DocumentNotFoundError,
    DocumentReadError,
    EmptyDocumentError,
    JdmatchError,
    LimitError,
    UnsupportedFormatError,
    invalid_parameter,
)

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


Source: TypeAlias = "str | os.PathLike[str] | Document"


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one document may cause; exceeding one raises :class:`LimitError`.

    Attributes:
        max_bytes: Largest file read, in bytes (default 20 MB).
        max_chars: Longest text accepted, in characters (default 1,000,000, about 300 pages).
        max_pages: Most PDF pages read (default 100).
        max_seconds: Longest time spent parsing one PDF, checked between pages (default 30 s).
        max_unpacked_bytes: Largest total size of a PDF's decompressed page streams or of a
            DOCX's unzipped parts (default 100 MB): this stops decompression bombs.

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
        for name in ("max_bytes", "max_chars", "max_pages", "max_seconds", "max_unpacked_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise invalid_parameter(name, "Limits", "a positive number", value)


#: The limits :func:`load` uses when none are given.
DEFAULT_LIMITS = Limits()


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
    if limits is None:
        limits = DEFAULT_LIMITS
    elif not isinstance(limits, Limits):
        raise invalid_parameter("limits", "load", "a Limits or None", limits)
    if isinstance(source, Document):
        return _checked(source, limits)
    if isinstance(source, os.PathLike):
        return _load_path(Path(source), limits)
    if isinstance(source, str):
        if _looks_like_path(source):
            return _load_path(Path(source), limits)
        return _checked(Document(text=_repair(source)), limits)
    raise invalid_parameter("source", "load", "a path, a str or a Document", source)


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
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise LimitError(
                f"the file has {size:,} bytes; the limit is {limits.max_bytes:,} "
                "(raise it with load(..., limits=Limits(max_bytes=...)))",
                source=path,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentReadError(f"cannot read the file ({exc.strerror})", source=path) from exc
    actual = _real_format(path, data, named)
    text = _READERS[actual](path, data, limits)
    if actual in {"text", "markdown", "html"}:
        text = _repair(text)
    return _checked(Document(text=text, source=str(path), format=actual), limits)


def _checked(document: Document, limits: Limits) -> Document:
    if not document.text.strip():
        hint = " (a scanned PDF needs OCR first)" if document.format == "pdf" else ""
        raise EmptyDocumentError(f"the document contains no text{hint}", source=document.source)
    if len(document.text) > limits.max_chars:
        raise LimitError(
            f"the text has {len(document.text):,} characters; the limit is "
            f"{limits.max_chars:,} (raise it with load(..., limits=Limits(max_chars=...)))",
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
    from io import BytesIO

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentReadError(
            f"the file is a damaged zip archive, so not a readable DOCX ({exc})", source=path
        ) from exc
    if "word/document.xml" not in names:
        raise UnsupportedFormatError(
            f"named {path.suffix} but it is a zip archive without a Word document inside",
            source=path,
        )
    return "docx"


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
    from io import BytesIO, StringIO

    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    started = time.monotonic()
    try:
        document = PDFDocument(PDFParser(BytesIO(data)))
        pages = list(itertools.islice(PDFPage.create_pages(document), limits.max_pages + 1))
        _check_pages(path, pages, limits)
        output = StringIO()
        resources = PDFResourceManager()
        interpreter = PDFPageInterpreter(
            resources, TextConverter(resources, output, laparams=LAParams())
        )
        for page in pages:
            if time.monotonic() - started > limits.max_seconds:
                raise LimitError(
                    f"parsing took over {limits.max_seconds:g} s; raise it with "
                    "load(..., limits=Limits(max_seconds=...))",
                    source=path,
                )
            interpreter.process_page(page)
        return output.getvalue()
    except JdmatchError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        reason = type(exc).__name__
        if "Password" in reason or "Encrypt" in reason:
            raise DocumentReadError(
                "the PDF is encrypted with a password; save an unprotected copy first",
                source=path,
            ) from exc
        raise DocumentReadError(
            f"the PDF could not be parsed ({reason}: {exc})", source=path
        ) from exc


def _check_pages(path: Path, pages: list[Any], limits: Limits) -> None:
    """Refuse too many pages, or page streams that would decompress past the limit."""
    if len(pages) > limits.max_pages:
        raise LimitError(
            f"the PDF has more than {limits.max_pages} pages; raise the limit with "
            "load(..., limits=Limits(max_pages=...))",
            source=path,
        )
    from pdfminer.pdftypes import resolve1

    budget = limits.max_unpacked_bytes
    for page in pages:
        for stream in (resolve1(s) for s in page.contents if s is not None):
            budget -= _unpacked_size(stream, budget)
            if budget < 0:
                raise LimitError(
                    f"the PDF's page content unpacks to over {limits.max_unpacked_bytes:,} "
                    "bytes; raise it with load(..., limits=Limits(max_unpacked_bytes=...))",
                    source=path,
                )


def _unpacked_size(stream: Any, budget: int) -> int:
    """Size of a Flate-compressed stream once unpacked, reading at most ``budget + 1`` bytes."""
    raw = getattr(stream, "rawdata", None)
    if raw is None:  # already decoded, or not a stream: pdfminer reports real damage itself
        return len(getattr(stream, "data", b"") or b"")
    filters = [getattr(name, "name", name) for name, _ in stream.get_filters()]
    if not filters or filters[0] not in {"FlateDecode", "Fl"}:
        return len(raw)
    inflater = zlib.decompressobj()
    try:
        return len(inflater.decompress(raw, budget + 1))
    except zlib.error:
        return len(raw)  # damaged data: pdfminer decides what to make of it


def _read_docx(path: Path, data: bytes, limits: Limits) -> str:
    import zipfile
    from io import BytesIO

    import docx

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limits.max_unpacked_bytes or len(parts) > 10_000:
            raise LimitError(
                f"the DOCX unpacks to {unpacked:,} bytes in {len(parts)} parts; the limit is "
                f"{limits.max_unpacked_bytes:,} bytes (Limits(max_unpacked_bytes=...))",
                source=path,
            )
        # python-docx parses XML with entity resolution off, so entity tricks expand nothing.
        document = docx.Document(BytesIO(data))
        return "\n".join(_docx_lines(document))
    except JdmatchError:
        raise
    except Exception as exc:  # python-docx, zipfile and lxml each raise their own types
        raise DocumentReadError(
            f"the DOCX could not be parsed ({type(exc).__name__}: {exc})", source=path
        ) from exc


def _docx_lines(document: DocxDocument) -> Iterator[str]:
    """Yield every paragraph's text: body, tables and text boxes, then headers and footers."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    fallback_tag = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

    def paragraphs_of(root: _Element) -> Iterator[str]:
        for element in root.iter(qn("w:p")):
            # Text boxes are stored twice (modern and legacy drawing); read the modern copy only.
            if any(ancestor.tag == fallback_tag for ancestor in element.iterancestors()):
                continue
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


def _decode(path: Path, data: bytes, limits: Limits | None = None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    even_nuls, odd_nuls = data[:1000:2].count(0), data[1:1000:2].count(0)
    if max(even_nuls, odd_nuls) > 0.3 * min(len(data), 1000) / 2:  # UTF-16 without a BOM
        return data.decode("utf-16-le" if odd_nuls > even_nuls else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved by older Windows tools are usually cp1252; latin-1 never fails.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BARE_URL = re.compile(r"https?://\S+")


def _read_markdown(path: Path, data: bytes, limits: Limits) -> str:
    # Link targets are URLs, whose path parts ("github.com/pytorch/...") are not skills.
    text = _MARKDOWN_LINK.sub(r"\1", _decode(path, data))
    return _BARE_URL.sub(" ", text)


class _HTMLText(HTMLParser):
    _SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
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


def _read_html(path: Path, data: bytes, limits: Limits) -> str:
    parser = _HTMLText()
    parser.feed(_decode(path, data))
    parser.close()
    return "".join(parser.parts)


_READERS: dict[str, Callable[[Path, bytes, Limits], str]] = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "text": _decode,
    "markdown": _read_markdown,
    "html": _read_html,
}
