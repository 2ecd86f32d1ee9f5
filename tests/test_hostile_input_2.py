"""Hostile input, round two (issue #16): no hang, no runaway memory, no silent text loss."""

from __future__ import annotations

import binascii
import functools
import itertools
import os
import random
import zlib
from pathlib import Path

import pytest

import jdmatch
from jdmatch import DocumentReadError, EmptyDocumentError, LimitError, Limits

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate(data: bytes, extra: bytes = b"") -> bytes:
    return stream(zlib.compress(data, 9), b"/Filter /FlateDecode " + extra)


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A hand-built PDF; objects are numbered from 1 (1: catalog, 2: pages, 3: the page)."""
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(body)
    return path


def one_page(path: Path, page_extra: bytes, *more: bytes) -> Path:
    """Catalog, pages, a page (with ``page_extra`` in its dictionary), then ``more`` objects."""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + page_extra + b" >>",
            *more,
        ],
    )


TEXT = b"BT /F1 12 Tf 72 700 Td (Skills: Kubernetes) Tj ET"
RESOURCES = b"/Resources << /Font << /F1 5 0 R >> >>"


# --- files that are not regular files -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    path = tmp_path / "resume.txt"
    os.mkfifo(path)
    with pytest.raises(DocumentReadError, match=r"resume\.txt: is not a regular file"):
        jdmatch.load(path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused(tmp_path, device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    path = tmp_path / "resume.txt"
    path.symlink_to(device)
    with pytest.raises(DocumentReadError, match="is not a regular file"):
        jdmatch.load(path)


# --- PDF structures that loop -----------------------------------------------------------------


def test_pdf_contents_reference_cycle(tmp_path):
    path = one_page(tmp_path / "cycle.pdf", b"/Contents 4 0 R", b"5 0 R", b"4 0 R")
    with pytest.raises(DocumentReadError, match=r"cycle\.pdf: the PDF could not be parsed.*cycle"):
        jdmatch.load(path)


@pytest.mark.parametrize(
    "objects",
    [
        [b"6 0 R", b"5 0 R"],  # the length is a reference into a cycle of references
        [],  # the stream's length is the stream itself
        [b"<< /Length 4 0 R >>\nstream\n12\nendstream"],  # two streams' lengths, crossed
    ],
    ids=["reference-cycle", "itself", "crossed-streams"],
)
def test_pdf_stream_length_into_a_cycle(tmp_path, objects):
    length = b"5 0 R" if objects else b"4 0 R"
    page = b"<< /Length %s >>\nstream\n" % length + TEXT + b"\nendstream"
    path = one_page(tmp_path / "length.pdf", b"/Contents 4 0 R", page, *objects)
    with pytest.raises(
        DocumentReadError, match=r"length\.pdf: the PDF could not be parsed: its structure loops"
    ):
        jdmatch.load(path)


# --- PDF CPU bombs ----------------------------------------------------------------------------


def test_pdf_nested_forms_drawn_2_to_the_40_times(tmp_path):
    depth = 40
    # Objects 4..4+depth-1 are forms; form k draws form k+1 twice; the last one draws text.
    forms = []
    for level in range(depth):
        number = 4 + level
        if level == depth - 1:
            content, resources = TEXT, b"/Resources << /Font << /F1 %d 0 R >> >>" % (4 + depth)
        else:
            content = b"/X Do /X Do"
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)
        forms.append(
            stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + resources)
        )
    page = stream(b"/X Do")
    path = one_page(
        tmp_path / "forms.pdf",
        b"/Contents %d 0 R /Resources << /XObject << /X 4 0 R >> >>" % (5 + depth),
        *forms,
        FONT,
        page,
    )
    assert path.stat().st_size < 10_000
    with pytest.raises(LimitError, match=r"forms\.pdf: the PDF draws more than 5,000 form"):
        jdmatch.load(path)


def test_pdf_page_of_thousands_of_scattered_words_is_read(tmp_path):
    shuffle = random.Random(16)
    words = [f"word{number}" for number in range(3000)]
    content = b"".join(
        b"BT /F1 6 Tf %d %d Td (%s) Tj ET\n"
        % (shuffle.randrange(0, 580), shuffle.randrange(0, 780), word.encode())
        for word in words
    )
    path = one_page(
        tmp_path / "scattered.pdf", b"/Contents 4 0 R " + RESOURCES, flate(content), FONT
    )
    text = jdmatch.load(path).text
    found = set(text.split())
    assert sum(word in found for word in words) > 0.9 * len(words)


# --- decompression bombs behind every filter chain and in every stream kind -----------------


BOMB = b"BT /F1 12 Tf (x) Tj ET\n" + b" " * 5_000_000
SMALL = Limits(max_unpacked_bytes=1_000_000)


def test_bomb_behind_an_ascii_hex_filter(tmp_path):
    data = binascii.hexlify(zlib.compress(BOMB, 9)) + b">"
    contents = stream(data, b"/Filter [/ASCIIHexDecode /FlateDecode]")
    path = one_page(tmp_path / "hex.pdf", b"/Contents 4 0 R " + RESOURCES, contents, FONT)
    with pytest.raises(LimitError, match=r"hex\.pdf: the PDF unpacks to over 1,000,000 bytes"):
        jdmatch.load(path, limits=SMALL)


def test_bomb_inside_a_form_xobject(tmp_path):
    form = flate(BOMB, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + RESOURCES)
    path = one_page(
        tmp_path / "form.pdf",
        b"/Contents 6 0 R /Resources << /XObject << /X 4 0 R >> >>",
        form,
        FONT,
        stream(b"/X Do"),
    )
    with pytest.raises(LimitError, match=r"form\.pdf: the PDF unpacks to over"):
        jdmatch.load(path, limits=SMALL)


def test_bomb_inside_a_to_unicode_cmap(tmp_path):
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    path = one_page(
        tmp_path / "cmap.pdf",
        b"/Contents 4 0 R " + RESOURCES,
        stream(TEXT),
        font,
        flate(b"%" * 5_000_000),
    )
    with pytest.raises(LimitError, match=r"cmap\.pdf: the PDF unpacks to over"):
        jdmatch.load(path, limits=SMALL)


@functools.cache
def run_length(data: bytes) -> bytes:
    """RunLengthDecode's encoding: a byte repeated is one run, other bytes literal runs."""
    encoded, literal = bytearray(), bytearray()
    for byte, group in itertools.groupby(data):
        count = sum(1 for _ in group)
        if count == 1:
            literal.append(byte)
            continue
        for start in range(0, len(literal), 128):
            piece = literal[start : start + 128]
            encoded += bytes([len(piece) - 1]) + piece
        literal.clear()
        for start in range(0, count, 128):
            size = min(128, count - start)
            encoded += bytes([257 - size if size > 1 else 0, byte])  # one byte: a literal run
    for start in range(0, len(literal), 128):
        piece = literal[start : start + 128]
        encoded += bytes([len(piece) - 1]) + piece
    return bytes(encoded) + b"\x80"


def ascii85(data: bytes) -> bytes:
    import base64

    return base64.a85encode(data) + b"~>"


#: Encoders of the filters, by name: a chain ``[A, B]`` is decoded A first, so encoded B first.
ENCODE = {
    "FlateDecode": lambda data: zlib.compress(data, 9),
    "ASCIIHexDecode": lambda data: binascii.hexlify(data) + b">",
    "ASCII85Decode": ascii85,
    "RunLengthDecode": run_length,
}


def filtered(data: bytes, chain: list[str], extra: bytes = b"") -> bytes:
    for name in reversed(chain):
        data = ENCODE[name](data)
    names = b" ".join(b"/" + name.encode() for name in chain)
    return stream(data, b"/Filter [%s] %s" % (names, extra))


def pdf_with_stream(path: Path, kind: str, data: bytes, chain: list[str]) -> Path:
    """A one-page PDF whose page content, form XObject or ToUnicode map is ``data``, filtered."""
    if kind == "contents":
        return one_page(path, b"/Contents 4 0 R " + RESOURCES, filtered(data, chain), FONT)
    if kind == "form":
        form = filtered(data, chain, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] ")
        return one_page(
            path,
            b"/Contents 6 0 R /Resources << /XObject << /X 4 0 R >> /Font << /F1 5 0 R >> >>",
            form,
            FONT,
            stream(b"/X Do"),
        )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return one_page(
        path, b"/Contents 4 0 R " + RESOURCES, stream(TEXT), font, filtered(data, chain)
    )


CHAINS = [
    ["RunLengthDecode"],
    ["ASCIIHexDecode", "RunLengthDecode"],
    ["RunLengthDecode", "FlateDecode"],
    ["ASCII85Decode", "FlateDecode"],
    ["ASCIIHexDecode", "FlateDecode"],
]


@pytest.mark.parametrize("kind", ["contents", "form", "tounicode"])
@pytest.mark.parametrize("chain", CHAINS, ids="+".join)
def test_bombs_behind_every_filter_chain_in_every_stream_kind(tmp_path, chain, kind):
    path = pdf_with_stream(tmp_path / "bomb.pdf", kind, BOMB, chain)
    assert path.stat().st_size < 200_000
    with pytest.raises(LimitError, match=r"bomb\.pdf: the PDF unpacks to over 1,000,000 bytes"):
        jdmatch.load(path, limits=SMALL)


def test_run_length_bomb_is_refused_without_being_unpacked(tmp_path):
    import tracemalloc

    # 2 MB of runs that each repeat a space 128 times: 128 MB unpacked (pdfminer's decoder
    # holds a list of every output byte, 1 GB).
    runs = b"\x81 " * 1_000_000
    path = one_page(
        tmp_path / "runs.pdf",
        b"/Contents 4 0 R " + RESOURCES,
        stream(run_length(TEXT)[:-1] + runs, b"/Filter /RunLengthDecode"),
        FONT,
    )
    tracemalloc.start()
    try:
        with pytest.raises(LimitError, match="unpacks to over 1,000,000 bytes"):
            jdmatch.load(path, limits=SMALL)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000


def test_ascii85_zeros_are_counted_before_decoding(tmp_path):
    path = one_page(
        tmp_path / "zeros.pdf",
        b"/Contents 4 0 R " + RESOURCES,
        stream(b"z" * 300_000 + b"~>", b"/Filter /ASCII85Decode"),  # 1.2 MB of zero bytes
        FONT,
    )
    with pytest.raises(LimitError, match="unpacks to over 1,000,000 bytes"):
        jdmatch.load(path, limits=SMALL)


def png_up_rows(data: bytes, columns: int) -> bytes:
    """The PNG predictor's encoding: rows alternately unfiltered (0) and 'Up' (2)."""
    data += b" " * (-len(data) % columns)
    rows = [data[start : start + columns] for start in range(0, len(data), columns)]
    encoded, above = [], bytes(columns)
    for number, row in enumerate(rows):
        if number % 2:
            encoded.append(b"\x02" + bytes((a - b) % 256 for a, b in zip(row, above, strict=True)))
        else:
            encoded.append(b"\x00" + row)
        above = row
    return b"".join(encoded)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda name=name: filtered(TEXT, [name]), id=name)
        for name in ("RunLengthDecode", "ASCII85Decode", "ASCIIHexDecode", "FlateDecode")
    ]
    + [
        pytest.param(lambda: filtered(TEXT, ["ASCII85Decode", "FlateDecode"]), id="a85+flate"),
        pytest.param(lambda: filtered(TEXT, ["RunLengthDecode", "FlateDecode"]), id="rl+flate"),
        pytest.param(
            lambda: stream(
                zlib.compress(png_up_rows(TEXT, 8)),
                b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
            ),
            id="png-predictor",
        ),
        pytest.param(
            lambda: stream(
                zlib.compress(png_up_rows(TEXT + b"\n%" + b"x" * 1_500_000, 100)),
                b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100 >>",
            ),
            id="png-predictor-over-1-mb",
        ),
        pytest.param(lambda: stream(damaged(TEXT, -1), b"/Filter /FlateDecode"), id="bad-sum"),
        pytest.param(lambda: stream(damaged(TEXT, 5), b"/Filter /FlateDecode"), id="bad-data"),
    ],
)
def test_streams_decode_as_pdfminer_decodes_them(tmp_path, content):
    from pdfminer.high_level import extract_text

    path = one_page(tmp_path / "page.pdf", b"/Contents 4 0 R " + RESOURCES, content(), FONT)
    expected = extract_text(str(path))
    if expected.strip():
        assert jdmatch.load(path).text == expected
    else:
        with pytest.raises(EmptyDocumentError):
            jdmatch.load(path)


def damaged(data: bytes, at: int) -> bytes:
    """Flate data with one byte flipped (``-1``: the last byte of the checksum)."""
    packed = bytearray(zlib.compress(data))
    packed[at] ^= 0xFF
    return bytes(packed)


def test_large_flate_stream_with_a_bad_checksum_is_read(tmp_path):
    # pdfminer recovers such a stream a byte at a time, growing a bytes object: minutes here.
    noise = binascii.hexlify(random.Random(16).randbytes(1_000_000))
    content = stream(damaged(TEXT + b"\n%" + noise, -1), b"/Filter /FlateDecode")
    path = one_page(tmp_path / "sum.pdf", b"/Contents 4 0 R " + RESOURCES, content, FONT)
    assert "Skills: Kubernetes" in jdmatch.load(path).text


def test_small_filtered_streams_still_load(tmp_path):
    data = binascii.hexlify(zlib.compress(TEXT, 9)) + b">"
    contents = stream(data, b"/Filter [/ASCIIHexDecode /FlateDecode]")
    path = one_page(tmp_path / "fine.pdf", b"/Contents 4 0 R " + RESOURCES, contents, FONT)
    assert "Kubernetes" in jdmatch.load(path, limits=SMALL).text


# --- time and work bounded for every format -----------------------------------------------


def docx_with_body(
    path: Path, body: str, *, main: str = "word/document.xml", **extra: bytes
) -> Path:
    """A real DOCX (python-docx's template) with ``body`` as its body XML and extra parts."""
    import zipfile

    import docx

    base = path.with_suffix(".base.docx")
    docx.Document().save(str(base))
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts.pop("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("</w:body>")
    parts[main] = (document[:start] + body + document[end:]).encode()
    if main != "word/document.xml":
        for name in ("[Content_Types].xml", "_rels/.rels"):
            parts[name] = parts[name].replace(b"word/document.xml", main.encode())
        rels = parts.pop("word/_rels/document.xml.rels")
        parts[f"word/_rels/{Path(main).name}.rels"] = rels
    parts.update(extra)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


def test_docx_of_three_million_empty_paragraphs(tmp_path):
    body = "<w:p/>" * 3_000_000 + PARAGRAPH.format("Skills: Python and Kafka")
    path = docx_with_body(tmp_path / "empty.docx", body)
    assert path.stat().st_size < 100_000
    assert jdmatch.load(path).text.strip() == "Skills: Python and Kafka"


def test_docx_time_limit_is_checked_while_reading_paragraphs(tmp_path):
    path = docx_with_body(tmp_path / "slow.docx", PARAGRAPH.format("Python") * 3000)
    with pytest.raises(LimitError, match=r"slow\.docx: parsing took over"):
        jdmatch.load(path, limits=Limits(max_seconds=1e-9))


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Python and SQL</p>" + "<a " * 40_000,
        "<p>Python and SQL</p>" + "<div" * 40_000,
        "<p>Python and SQL</p>" + "<!-- x " * 40_000,
        "<p>Python and SQL</p>" + "<!-- > " * 40_000,
        "<html><body>" + "<div>" * 40_000 + "<p>Python and SQL</p>",
    ],
    ids=["unclosed-start-tags", "unclosed-names", "unclosed-comments", "comments-with-gt", "deep"],
)
def test_html_with_40000_unclosed_tags_is_read_whole(tmp_path, html):
    path = tmp_path / "tags.html"
    path.write_text(html)
    assert "Python and SQL" in jdmatch.load(path).text


def test_html_time_limit(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>Python</p>" * 20_000)
    with pytest.raises(LimitError, match=r"page\.html: parsing took over"):
        jdmatch.load(path, limits=Limits(max_seconds=1e-9))


def test_markdown_with_200000_open_brackets(tmp_path):
    path = tmp_path / "brackets.md"
    path.write_text("Skills: Python and SQL " + "[" * 200_000 + " [a](" * 50_000)
    assert jdmatch.load(path).text.startswith("Skills: Python and SQL [[[")


def test_markdown_links_still_keep_their_text(tmp_path):
    path = tmp_path / "links.md"
    path.write_text(
        "[PyTorch](https://pytorch.org) and [Python](https://w.org/Python_(language) 'x')"
    )
    assert jdmatch.load(path).text == "PyTorch and Python"


def test_years_asked_on_a_400_kb_one_sentence_posting():
    from jdmatch.structure import years_asked

    text = "5+ years of " + "Python, " * 50_000 + "and SQL."
    assert years_asked(text, jdmatch.extract(text)) == {"python": 5, "sql": 5}


# --- silent or misread text -----------------------------------------------------------------


def test_random_bytes_named_txt_are_not_text(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(random.Random(16).randbytes(20_000))
    with pytest.raises(DocumentReadError, match=r"binary\.txt: the file is not text"):
        jdmatch.load(path)


def test_text_with_a_few_stray_bytes_still_loads(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_bytes(b"Skills: Python, SQL and Kafka.\x01\x02 Built \x81pipelines.\n" * 20)
    assert "Python, SQL and Kafka" in jdmatch.load(path).text


def test_html5_without_closing_head_keeps_the_body(tmp_path):
    path = tmp_path / "posting.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>ML Engineer</title>"
        "<style>p {}</style><body><p>Requirements: PyTorch and Kubernetes</p></body></html>"
    )
    text = jdmatch.load(path).text
    assert "ML Engineer" in text
    assert "Requirements: PyTorch and Kubernetes" in text
    assert "p {}" not in text


@pytest.mark.parametrize(
    "text",
    [
        "Skills:\x00Python\x00PyTorch\x00Kubernetes",
        "Skills: \u202aPython\u202c, \u2066PyTorch\u2069, \u200eKubernetes\u200f",
        "Skills: \u202ePython\u202c, \u200fPyTorch\u200f, \u2067Kubernetes\u2069",
    ],
    ids=["nul", "lre-lri-lrm", "rlo-rlm-rli"],
)
def test_nul_and_bidi_controls_do_not_hide_skills(tmp_path, text):
    mentions = jdmatch.extract(text)
    assert [m.term for m in mentions] == ["python", "pytorch", "kubernetes"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    path = tmp_path / "resume.txt"
    path.write_text(text)
    assert [m.term for m in jdmatch.extract(jdmatch.load(path))] == [
        "python",
        "pytorch",
        "kubernetes",
    ]


def test_docx_main_part_found_through_content_types(tmp_path):
    path = docx_with_body(
        tmp_path / "renamed.docx", PARAGRAPH.format("Python and Kafka"), main="word/document2.xml"
    )
    assert jdmatch.load(path).text.strip() == "Python and Kafka"


def test_docx_alt_chunk_html_body_is_read(tmp_path):
    import zipfile

    base = docx_with_body(tmp_path / "base.docx", "")
    with zipfile.ZipFile(base) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    types = types.replace("</Types>", '<Default Extension="html" ContentType="text/html"/></Types>')
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdChunk" Target="chunk.html" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/aFChunk"/></Relationships>',
    )
    path = docx_with_body(
        tmp_path / "chunk.docx",
        '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:id="rIdChunk"/>',
        **{
            "[Content_Types].xml": types.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
            "word/chunk.html": b"<html><body><p>Skills: PyTorch and Airflow</p></body></html>",
        },
    )
    assert "Skills: PyTorch and Airflow" in jdmatch.load(path).text


# --- raw exceptions and unchecked parameters ------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
JD = "ML engineer: Python, PyTorch, Kubernetes, Kafka, Airflow, feature stores, A/B tests."
RESUME = "Python and PyTorch; built pipelines on Kafka with Docker."


def test_lone_surrogates_in_a_str():
    text = "Python \ud800 and \udfff PyTorch \ud83d"
    assert [m.term for m in jdmatch.extract(text)] == ["python", "pytorch"]
    assert jdmatch.analyze(JD + " \udc80", text).score > 0


@pytest.mark.parametrize("text", [None, b"Python", 42])
def test_document_text_must_be_a_str(text):
    with pytest.raises(
        jdmatch.InvalidParameterError, match=r"The 'text' parameter of Document must be a str\."
    ):
        jdmatch.Document(text=text)


class BytesPath:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> bytes:
        return os.fsencode(self.path)


def test_path_likes_returning_bytes(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_text("Python and Kafka")
    assert jdmatch.load(BytesPath(path)).text == "Python and Kafka"
    with os.scandir(os.fsencode(tmp_path)) as entries:
        entry = next(iter(entries))
        assert isinstance(entry.path, bytes)
        assert jdmatch.load(entry).text == "Python and Kafka"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("max_seconds", float("nan")),
        ("max_seconds", float("inf")),
        ("max_pages", 2.5),
        ("max_pages", float("nan")),
        ("max_bytes", 10**30),
        ("max_bytes", 1e30),
        ("max_chars", 2.5),
        ("max_unpacked_bytes", float("inf")),
        ("max_chars", True),
    ],
)
def test_limits_refuse_nan_infinity_fractions_and_absurd_sizes(name, value):
    with pytest.raises(jdmatch.InvalidParameterError, match=rf"The '{name}' parameter of Limits"):
        Limits(**{name: value})


def test_schedule_refuses_nan_hours():
    report = jdmatch.analyze(JD, RESUME)
    for hours in (float("nan"), float("inf"), 10**9):
        with pytest.raises(jdmatch.InvalidParameterError, match="'hours_per_week' parameter"):
            report.schedule(hours_per_week=hours)
    with pytest.raises(jdmatch.InvalidParameterError, match="'weeks' parameter"):
        report.schedule(weeks=100_000_000)


def shipped_lexicon_with(tmp_path: Path, change) -> Path:
    import shutil

    folder = tmp_path / "lexicon"
    shutil.copytree(ROOT / "lexicons", folder)
    first = sorted(folder.rglob("*.json"))[0]
    first.write_text(change(first.read_text()))
    return folder


def test_lexicon_effort_hours_nan(tmp_path):
    def nan_effort(text: str) -> str:
        return text.replace('"id":', '"effort_hours": NaN, "id":', 1)

    with pytest.raises(jdmatch.LexiconError, match="'effort_hours' must be a positive number"):
        jdmatch.load_lexicon(shipped_lexicon_with(tmp_path, nan_effort))


def test_deeply_nested_lexicon_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(jdmatch.LexiconError, match=r"deep\.json: invalid JSON: nested too deeply"):
        jdmatch.load_lexicon(path)


def test_score_frame_nan_cell_is_a_row_error():
    import pandas as pd

    frame = pd.DataFrame({"jd": [JD, float("nan"), JD], "resume": [RESUME, RESUME, None]})
    result = jdmatch.score_frame(frame, "jd", "resume")
    assert result["score"].notna().tolist() == [True, False, False]
    assert "jd[1]" in result["error"][1]
    assert "resume[2]" in result["error"][2]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_csv_of_postings_in_cp1252_or_utf16(tmp_path, encoding):
    path = tmp_path / "postings.csv"
    path.write_bytes(f"title,description\nML engineer – Paris,{JD}\n".encode(encoding))
    many = jdmatch.analyze_many(path, RESUME)
    assert len(many.reports) == 1


def test_binary_csv_is_a_read_error(tmp_path):
    path = tmp_path / "postings.csv"
    path.write_bytes(random.Random(1).randbytes(5000))
    with pytest.raises(DocumentReadError, match=r"postings\.csv"):
        jdmatch.analyze_many(path, RESUME)


def test_encrypted_pdf_told_by_pdfminer_exception_type():
    import inspect

    from jdmatch import loading, pdf_reading

    assert "PDFEncryptionError" in inspect.getsource(pdf_reading.read_pdf)
    assert '"Password" in' not in inspect.getsource(loading) + inspect.getsource(pdf_reading)


def test_analyzer_reused_after_a_keyboard_interrupt(tmp_path):
    import shutil
    import sys

    pairs = [(JD, RESUME), ("Data scientist: SQL, statistics, XGBoost, Spark.", "SQL, pandas")]
    fresh = tmp_path / "fresh"
    shutil.copytree(ROOT / "lexicons", fresh)
    expected = [
        r.to_json() for r in jdmatch.Analyzer(lexicon=jdmatch.load_lexicon(fresh)).pipe(pairs)
    ]

    # Pipelines are shared by lexicon content: start the interrupted one from scratch.
    from jdmatch.caches import clear_caches

    clear_caches()
    used = tmp_path / "used"
    shutil.copytree(ROOT / "lexicons", used)
    analyzer = jdmatch.Analyzer(lexicon=jdmatch.load_lexicon(used))
    seen = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name != "_add_unlocked":
            return None

        def lines(frame, event, arg):
            if event == "line" and "matcher" in frame.f_locals:
                seen.append(frame.f_lineno)
                if len(seen) == 3:  # one group of patterns added, the others not yet
                    raise KeyboardInterrupt
            return lines

        return lines

    sys.settrace(tracer)
    try:
        with pytest.raises(KeyboardInterrupt):
            analyzer.analyze(*pairs[0])
    finally:
        sys.settrace(None)
    assert len(seen) == 3
    assert [r.to_json() for r in analyzer.pipe(pairs)] == expected


# --- CLI ----------------------------------------------------------------------------------


def cli(*args, env=None, cwd):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "jdmatch", *args],
        cwd=cwd,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
    )


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "{resume}", "--format", "json"],
        ["analyze", "{jd}", "{resume}", "--format", "markdown"],
    ],
)
def test_cli_writes_in_an_ascii_terminal(tmp_path, args):
    jd, resume = tmp_path / "jd.txt", tmp_path / "resume.txt"
    jd.write_text(JD + " • naïve Bayes • 数据")
    resume.write_text(RESUME + " • café • 数据")
    done = cli(
        *(a.format(jd=jd, resume=resume) for a in args),
        env={"PYTHONIOENCODING": "ascii"},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    done.stdout.decode("ascii")


def test_cli_output_file_with_an_undecodable_name(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME)
    name = b"out\xff.json"
    done = cli("extract", str(resume), "--format", "json", "-o", os.fsdecode(name), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert (tmp_path / os.fsdecode(name)).exists()


def test_cli_ctrl_c_is_one_line_and_exit_130(tmp_path):
    import subprocess
    import sys

    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME)
    # A real SIGINT, sent by the process to itself when the command starts reading.
    code = (
        "import os, signal, sys\n"
        # A parent that ignores SIGINT (a test runner, a worker pool) passes that on: undo it.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "def tracer(frame, event, arg):\n"
        "    if frame.f_code.co_name == '_run_extract':\n"
        "        sys.settrace(None); os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.settrace(tracer)\n"
        "from jdmatch.cli import main\n"
        f"sys.exit(main(['extract', {str(resume)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 130
    assert done.stderr == "jdmatch: interrupted\n"


def test_cli_absurd_weeks(tmp_path):
    done = cli("analyze", "a.txt", "b.txt", "--weeks", "100000000", cwd=tmp_path)
    assert done.returncode == 2
    assert b"--weeks" in done.stderr
    assert b"at most 52," in done.stderr
