"""PDF text through pdfminer.six, with the work one PDF may cause bounded at each cause.

Part of step 1 (:mod:`jdmatch.loading`), imported only when a PDF is read. A small PDF can make
pdfminer loop, unpack gigabytes or draw for hours; each way is cut where it starts:

- references are resolved with a record of the objects being resolved, so a cycle (a
  ``/Contents`` chain, a stream ``/Length`` that leads back to itself) is a read error;
- every stream pdfminer unpacks (page content, form XObjects, fonts and their ``ToUnicode``
  maps, object and cross-reference streams) is decoded here, once, through its whole filter
  chain, each filter stopping as soon as its output passes what ``max_unpacked_bytes`` still
  allows, so a bomb is never unpacked, whatever filters wrap it;
- form XObjects drawn per document are counted (nested forms drawing each other 2**40 times);
- a page with very many text boxes is grouped in linear time (pdfminer's grouping is
  quadratic);
- the time limit (:func:`jdmatch.limits.check_time`) is checked per page, per stream, per text
  operator and form drawn, and inside long decoding loops.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterable
from functools import partial
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTPage, LTTextGroupLRTB
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfexceptions import PDFNotImplementedError, PDFValueError
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import (
    LITERAL_CRYPT,
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_LZW_DECODE,
    LITERALS_RUNLENGTH_DECODE,
    PDFObjRef,
    PDFStream,
    int_value,
)
from pdfminer.utils import (
    MATRIX_IDENTITY,
    apply_matrix_rect,
    apply_png_predictor,
    apply_tiff_predictor,
)

from jdmatch.errors import DocumentReadError, JdmatchError, LimitError
from jdmatch.limits import Limits, check_time, raise_hint

#: Most form XObjects drawn while reading one PDF: nested forms that draw each other twice
#: at each of 40 levels would otherwise be drawn 2**40 times by an 8 KB file.
MAX_FORMS_DRAWN = 5_000
#: Most text boxes on a page that pdfminer orders by its (quadratic) hierarchical grouping;
#: a page with more is read top to bottom, left to right instead. Real pages have far fewer.
MAX_GROUPED_BOXES = 300


class _RefusedError(Exception):
    """Raised inside pdfminer's callbacks when the PDF passes a limit; carries the message.

    Not a ``ValueError`` or ``PDFSyntaxError``: pdfminer catches those in places and goes on.
    """


class _LoopError(Exception):
    """An object that, to be read, needs itself: pdfminer would recurse or loop forever."""


def read_pdf(path: Path, data: bytes, limits: Limits) -> str:
    """The text of a PDF, its work bounded by ``limits`` (see the module's description).

    Args:
        path: The file, named in errors.
        data: Its bytes.
        limits: The bounds (pages, unpacked bytes; time through :func:`jdmatch.limits.time_limit`).

    Returns:
        The text, pages in order.

    Raises:
        LimitError: Too many pages, too much unpacked, too many forms drawn, too slow.
        DocumentReadError: Damaged, encrypted, or its structure loops.

    Example:
        >>> try:
        ...     read_pdf(Path("x.pdf"), b"%PDF-1.4 nothing else", Limits())
        ... except DocumentReadError as error:
        ...     print(error.detail[:27])
        the PDF could not be parsed
    """
    work = _Work(limits)
    try:
        document = _CycleSafeDocument(_BoundedParser(BytesIO(data), work))
        pages = list(itertools.islice(PDFPage.create_pages(document), limits.max_pages + 1))
        if len(pages) > limits.max_pages:
            raise _RefusedError(
                f"the PDF has more than {limits.max_pages} pages; raise the limit with "
                + raise_hint("max_pages")
            )
        output = StringIO()
        resources = PDFResourceManager()
        device = _BoundedConverter(resources, output, laparams=LAParams())
        device.work = work
        interpreter = _BoundedInterpreter(resources, device)
        for page in pages:
            work.check_time()
            interpreter.process_page(page)
        work.check_time()
        return output.getvalue()
    except JdmatchError:
        raise
    except _RefusedError as exc:
        raise LimitError(str(exc), source=path) from exc
    except _LoopError as exc:
        raise DocumentReadError(
            f"the PDF could not be parsed: its structure loops ({exc})", source=path
        ) from exc
    except PDFEncryptionError as exc:
        raise DocumentReadError(
            "the PDF is encrypted with a password; save an unprotected copy first", source=path
        ) from exc
    except RecursionError as exc:  # objects nested thousands deep
        raise DocumentReadError(
            "the PDF could not be parsed: its objects are nested too deeply", source=path
        ) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise DocumentReadError(
            f"the PDF could not be parsed ({type(exc).__name__}: {exc})", source=path
        ) from exc


class _Work:
    """What one PDF may still cost: time, form XObjects drawn, bytes unpacked."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.forms_left = MAX_FORMS_DRAWN
        self.unpacked_left = limits.max_unpacked_bytes

    def check_time(self) -> None:
        try:
            check_time()
        except LimitError as exc:
            raise _RefusedError(exc.detail) from exc

    def draw_form(self) -> None:
        self.forms_left -= 1
        if self.forms_left < 0:
            raise _RefusedError(
                f"the PDF draws more than {MAX_FORMS_DRAWN:,} form XObjects (nested forms "
                "that draw each other); it is refused as a processing bomb"
            )
        self.check_time()

    def unpacked(self, size: int) -> None:
        """Count ``size`` more bytes unpacked (refusing past the limit)."""
        self.unpacked_left -= size
        if self.unpacked_left < 0:
            raise self.too_big()

    def too_big(self) -> _RefusedError:
        return _RefusedError(
            f"the PDF unpacks to over {self.limits.max_unpacked_bytes:,} bytes; "
            f"raise it with {raise_hint('max_unpacked_bytes')}"
        )


class _BoundedParser(PDFParser):
    """Gives every stream it reads the bounded decoding of :func:`_decode_stream`."""

    def __init__(self, fp: BytesIO, work: _Work) -> None:
        super().__init__(fp)
        self.work = work

    def push(self, *objs: Any) -> None:
        for _, obj in objs:
            if isinstance(obj, PDFStream):
                # pdfminer decodes through stream.decode(); this stream's own replaces it.
                obj.decode = partial(_decode_stream, obj, self.work)  # type: ignore[method-assign]
        super().push(*objs)


class _CycleSafeDocument(PDFDocument):
    """Refuses an object whose reading needs itself, and resolves chains of references."""

    def __init__(self, parser: PDFParser) -> None:
        self._reading: set[int] = set()
        super().__init__(parser)

    def getobj(self, objid: int) -> Any:
        if objid in self._reading:
            raise _LoopError(f"object {objid} refers back to itself")
        self._reading.add(objid)
        try:
            seen = {objid}
            obj = super().getobj(objid)
            while isinstance(obj, PDFObjRef):
                if obj.objid in seen:
                    raise _LoopError(f"object {objid} refers to itself through a cycle")
                seen.add(obj.objid)
                obj = super().getobj(obj.objid)
            return obj
        finally:
            self._reading.discard(objid)


class _BoundedPage(LTPage):
    """A page whose text boxes are grouped in linear time when there are very many."""

    def group_textboxes(self, laparams: Any, boxes: Any) -> Any:
        if len(boxes) > MAX_GROUPED_BOXES:
            return [LTTextGroupLRTB(boxes)]
        return super().group_textboxes(laparams, boxes)


class _BoundedConverter(TextConverter):
    work: _Work

    def begin_page(self, page: Any, ctm: Any) -> None:
        x0, y0, x1, y1 = apply_matrix_rect(ctm, page.mediabox)  # as pdfminer does
        self.cur_item = _BoundedPage(self.pageno, (0, 0, abs(x0 - x1), abs(y0 - y1)))


class _BoundedInterpreter(PDFPageInterpreter):
    """Checks the time at each content stream and text operator, and counts forms drawn."""

    def _work(self) -> _Work:
        work: _Work = self.device.work  # type: ignore[attr-defined]
        return work

    def render_contents(self, resources: Any, streams: Any, ctm: Any = MATRIX_IDENTITY) -> None:
        self._work().check_time()
        super().render_contents(resources, streams, ctm=ctm)

    def do_Do(self, xobjid: Any) -> None:  # noqa: N802 (pdfminer's operator names)
        self._work().draw_form()
        super().do_Do(xobjid)

    def do_TJ(self, seq: Any) -> None:  # noqa: N802
        self._work().check_time()
        super().do_TJ(seq)

    def do_Tj(self, s: Any) -> None:  # noqa: N802
        self._work().check_time()
        super().do_Tj(s)


def _decode_stream(stream: PDFStream, work: _Work) -> None:
    """``PDFStream.decode`` with each filter bounded by what the PDF may still unpack.

    The same filters, predictors and damage handling as pdfminer's, except that no filter's
    output may pass the budget (it stops there), Flate data with a bad checksum is recovered
    without pdfminer's quadratic byte-by-byte loop, and image-only filters (CCITT fax among
    them) are never decoded for text.
    """
    work.check_time()
    data = stream.rawdata
    assert data is not None
    if stream.decipher:
        assert stream.objid is not None
        assert stream.genno is not None
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, params in stream.get_filters():
        data = _undo_filter(name, data, work)
        if len(data) > work.unpacked_left:
            raise work.too_big()
        if params and "Predictor" in params:
            data = _undo_predictor(params, data, work)
    work.unpacked(len(data))
    stream.data, stream.rawdata = data, None


def _undo_filter(name: object, data: bytes, work: _Work) -> bytes:
    """One filter undone; its output never grows past ``work.unpacked_left`` + a chunk."""
    limit = work.unpacked_left
    if name in LITERALS_FLATE_DECODE:
        return _inflate(data, limit, work)
    if name in LITERALS_LZW_DECODE:
        return _joined(LZWDecoder(BytesIO(data)).run(), limit, work)
    if name in LITERALS_ASCII85_DECODE:
        if _ascii85_size(data) > limit:
            raise work.too_big()
        return ascii85decode(data)
    if name in LITERALS_ASCIIHEX_DECODE:
        return asciihexdecode(data)  # half its input: never a bomb
    if name in LITERALS_RUNLENGTH_DECODE:
        return _joined(_run_length_runs(data), limit, work)
    if name == LITERAL_CRYPT:
        raise PDFNotImplementedError("/Crypt filter is unsupported")
    if getattr(name, "name", None) in _IMAGE_FILTERS:
        return data  # pdfminer leaves images (DCT, JPX, JBIG2) packed; CCITT is no text either
    raise PDFNotImplementedError(f"Unsupported filter: {name!r}")


_IMAGE_FILTERS = frozenset(
    {"DCTDecode", "DCT", "JBIG2Decode", "JPXDecode", "CCITTFaxDecode", "CCF"}
)
#: Bytes decoded between two looks at the clock in the long decoding loops.
_CHUNK = 1 << 20


def _joined(chunks: Iterable[bytes], limit: int, work: _Work) -> bytes:
    """Join decoded chunks, refusing once they pass ``limit``; the clock read every 1 MB."""
    parts: list[bytes] = []
    size = next_check = 0
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise work.too_big()
        if size >= next_check:
            work.check_time()
            next_check = size + _CHUNK
    return b"".join(parts)


def _inflate(data: bytes, limit: int, work: _Work) -> bytes:
    """Inflate as pdfminer does (``zlib.decompress``, then its repair of damaged data).

    A stream zlib refuses is read the way pdfminer's ``decompress_corrupted`` reads it: what
    decodes before the fault is kept when the fault lies in the last three bytes (a bad
    checksum), else nothing. pdfminer finds the fault byte by byte, growing a bytes object each
    time: a damaged 1.4 MB stream took 443 s.
    """
    work.check_time()
    try:
        inflated = zlib.decompressobj().decompress(data, limit + 1)
    except zlib.error:
        inflated = _inflate_damaged(data, limit)
    if len(inflated) > limit:
        raise work.too_big()
    return inflated


def _inflate_damaged(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        kept = [inflater.decompress(data[:-3], limit + 1)]
    except zlib.error:
        return b""  # the fault is before the checksum: pdfminer gives up on the stream
    for index in range(max(len(data) - 3, 0), len(data)):
        try:
            kept.append(inflater.decompress(data[index : index + 1], limit + 1))
        except zlib.error:
            break
    return b"".join(kept)


def _ascii85_size(data: bytes) -> int:
    """At most the size ``ascii85decode`` returns (give or take its markers), not decoding.

    Five digits make four bytes; ``z`` alone makes four zero bytes (four times its input).
    """
    digits = len(data.translate(None, b" \t\n\r\v"))
    zeros = data.count(b"z")
    return 4 * zeros + 4 * ((digits - zeros) // 5) + 4


def _run_length_runs(data: bytes) -> Iterable[bytes]:
    """Pdfminer's ``rldecode``, a run at a time (it builds a list of every output byte)."""
    index, end = 0, len(data)
    while index < end:
        length = data[index]
        if length == 128:  # end of data
            return
        if length < 128:
            run = data[index + 1 : index + length + 2]
            if len(run) < length + 1:
                raise PDFValueError("RunLengthDecode data ends inside a run")
            index += length + 2
        else:
            if index + 1 >= end:
                raise PDFValueError("RunLengthDecode data ends inside a run")
            run = data[index + 1 : index + 2] * (257 - length)
            index += 2
        yield run


def _undo_predictor(params: dict[str, Any], data: bytes, work: _Work) -> bytes:
    """Pdfminer's predictors (pure Python, a byte at a time), applied 1 MB of rows at a time."""
    predictor = int_value(params["Predictor"])
    if predictor == 1:
        return data
    colors = int_value(params.get("Colors", 1))
    columns = int_value(params.get("Columns", 1))
    bits = int_value(params.get("BitsPerComponent", 8))
    if predictor == 2:
        undo: Callable[[bytes], bytes] = partial(apply_tiff_predictor, colors, columns, bits)
        return _by_rows(undo, data, columns * colors * bits // 8, work, seeded=False)
    if predictor >= 10:
        undo = partial(apply_png_predictor, predictor, colors, columns, bits)
        return _by_rows(undo, data, colors * columns * bits // 8 + 1, work, seeded=True)
    raise PDFNotImplementedError(f"Unsupported predictor: {predictor!r}")


def _by_rows(
    undo: Callable[[bytes], bytes], data: bytes, row: int, work: _Work, *, seeded: bool
) -> bytes:
    """Apply a row-wise ``undo`` to about 1 MB of rows at a time, checking the time between.

    A PNG row depends on the row above (``seeded``): each slice after the first starts with
    that row, given again unfiltered (filter type 0), and its output is dropped.
    """
    if len(data) <= _CHUNK or row <= 1:
        return undo(data)
    rows_per_slice = max(_CHUNK // row, 1)
    parts: list[bytes] = []
    above = b""
    for start in range(0, len(data), rows_per_slice * row):
        work.check_time()
        piece = data[start : start + rows_per_slice * row]
        # A slice after the first starts with the row above, unfiltered; its output dropped.
        decoded = undo(b"\0" + above + piece)[len(above) :] if above else undo(piece)
        parts.append(decoded)
        above = decoded[-(row - 1) :] if seeded else b""
    return b"".join(parts)
