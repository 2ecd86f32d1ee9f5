"""Step 1 of the flow: turn a path or a string into a :class:`Document`.

PDF text comes from pdfminer.six, DOCX text from python-docx (body, tables, text boxes, headers
and footers, where resumes often keep their skills), HTML through the standard library's parser
with scripts and styles dropped. Heavy readers are imported only when a file needs them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from jdmatch.errors import (
    DocumentNotFoundError,
    DocumentReadError,
    EmptyDocumentError,
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


def load(source: Source) -> Document:
    """Read a job description or resume.

    Args:
        source: A :class:`Document` (returned as is), a path (``str`` or ``pathlib.Path``) to a
            ``.pdf``, ``.docx``, ``.txt``, ``.md`` or ``.html``/``.htm`` file, or the text itself.
            A ``str`` is taken as a path when it has no line break and either ends in one of
            those extensions or names an existing file; otherwise it is the text.

    Returns:
        The document's text with its source and format.

    Raises:
        DocumentNotFoundError: The path does not exist or is a directory.
        UnsupportedFormatError: The extension is not one of those above.
        DocumentReadError: The file is corrupt, encrypted or not what its extension says.
        EmptyDocumentError: There is no text in it (a scanned PDF needs OCR first).

    Example:
        >>> load("Senior ML engineer: PyTorch, Kubernetes, feature stores.").format
        'text'
    """
    if isinstance(source, Document):
        return _require_text(source)
    if isinstance(source, os.PathLike):
        return _load_path(Path(source))
    if isinstance(source, str):
        if _looks_like_path(source):
            return _load_path(Path(source))
        return _require_text(Document(text=source))
    raise invalid_parameter("source", "load", "a path, a str or a Document", source)


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > _MAX_PATH_LENGTH or not text.strip():
        return False
    if Path(text).suffix.lower() in FORMATS:
        return True
    try:
        return Path(text).exists()
    except OSError:  # e.g. a name too long for the file system: it is text
        return False


def _load_path(path: Path) -> Document:
    if not path.exists():
        raise DocumentNotFoundError("no such file; check the path", source=path)
    if path.is_dir():
        raise DocumentNotFoundError("is a directory, not a document file", source=path)
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(
            f"unsupported file type {path.suffix or '(none)'!r}; use one of {supported}",
            source=path,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentReadError(f"cannot read the file ({exc.strerror})", source=path) from exc
    text = _READERS[file_format](path, data)
    return _require_text(Document(text=text, source=str(path), format=file_format))


def _require_text(document: Document) -> Document:
    if not document.text.strip():
        hint = " (a scanned PDF needs OCR first)" if document.format == "pdf" else ""
        raise EmptyDocumentError(f"the document contains no text{hint}", source=document.source)
    return document


def _read_pdf(path: Path, data: bytes) -> str:
    if b"%PDF-" not in data[:1024]:
        raise DocumentReadError("not a PDF file (no %PDF- header)", source=path)
    from io import BytesIO

    from pdfminer.high_level import extract_text

    try:
        return str(extract_text(BytesIO(data)))
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        reason = type(exc).__name__
        if "Password" in reason or "Encrypt" in reason:
            raise DocumentReadError(
                "the PDF is encrypted; save an unprotected copy first", source=path
            ) from exc
        raise DocumentReadError(
            f"the PDF could not be parsed ({reason}: {exc})", source=path
        ) from exc


def _read_docx(path: Path, data: bytes) -> str:
    if not data.startswith(b"PK"):
        raise DocumentReadError("not a DOCX file (not a zip archive)", source=path)
    from io import BytesIO

    import docx

    try:
        document = docx.Document(BytesIO(data))
        return "\n".join(_docx_lines(document))
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


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
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


def _read_markdown(path: Path, data: bytes) -> str:
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


def _read_html(path: Path, data: bytes) -> str:
    parser = _HTMLText()
    parser.feed(_decode(path, data))
    parser.close()
    return "".join(parser.parts)


_READERS = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "text": _decode,
    "markdown": _read_markdown,
    "html": _read_html,
}
