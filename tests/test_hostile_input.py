"""Hostile and broken input: every case ends in a result or a clear JdmatchError, quickly."""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jdmatch
from jdmatch import (
    DocumentReadError,
    EmptyDocumentError,
    JdmatchError,
    LimitError,
    Limits,
)
from jdmatch.extraction import PIECE_LENGTH


def _outcome(path: Path) -> tuple[str, str]:
    """``(text, "")`` when the file loads, ``("", message)`` when it raises a JdmatchError."""
    try:
        return jdmatch.load(path).text, ""
    except JdmatchError as exc:
        return "", str(exc)


def encrypted_pdf(path: Path, *, user_password: str) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Skills: PyTorch and Kafka")
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.output(str(path))
    return path


def raw_pdf(path: Path, content: bytes) -> Path:
    """A minimal hand-built PDF whose single page has ``content`` as a Flate stream."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
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


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path):
    document = jdmatch.load(encrypted_pdf(tmp_path / "open.pdf", user_password=""))
    assert "PyTorch and Kafka" in document.text


def test_password_protected_pdf_says_so(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret")
    with pytest.raises(DocumentReadError, match="encrypted with a password") as caught:
        jdmatch.load(path)
    assert "locked.pdf" in str(caught.value)


def test_truncated_pdf(tmp_path, pdf_file):
    whole = pdf_file(["Python and SQL"] * 30).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises((DocumentReadError, EmptyDocumentError)):
        jdmatch.load(path)


def test_too_many_pages(tmp_path):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for page in range(5):
        pdf.add_page()
        pdf.cell(0, 10, f"Page {page}: Python")
    path = tmp_path / "long.pdf"
    pdf.output(str(path))
    assert "Page 4" in jdmatch.load(path, limits=Limits(max_pages=5)).text
    with pytest.raises(LimitError, match=r"more than 3 pages.*max_pages"):
        jdmatch.load(path, limits=Limits(max_pages=3))


def test_parsing_time_limit(pdf_file):
    path = pdf_file(["Python"] * 40)
    with pytest.raises(LimitError, match=r"parsing took over .*max_seconds"):
        jdmatch.load(path, limits=Limits(max_seconds=1e-9))


def test_pdf_decompression_bomb_is_refused_before_it_is_unpacked(tmp_path):
    # 150 MB of page content in a file of about 150 KB: over the default 100 MB budget.
    path = raw_pdf(tmp_path / "bomb.pdf", b"BT /F1 12 Tf (x) Tj ET\n" + b" " * 150_000_000)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(LimitError, match="unpacks to over 100,000,000 bytes"):
        jdmatch.load(path)


def test_unpacked_budget_counts_page_streams(tmp_path):
    path = raw_pdf(tmp_path / "small.pdf", b"BT /F1 12 Tf 72 700 Td (Kubernetes) Tj ET")
    assert "K" in jdmatch.load(path).text  # no font resources: pdfminer spaces the letters out
    with pytest.raises(LimitError, match="unpacks to over 10 bytes"):
        jdmatch.load(path, limits=Limits(max_unpacked_bytes=10))


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Python " * 1000)
    with pytest.raises(LimitError, match=r"7,000 bytes; the limit is 100"):
        jdmatch.load(path, limits=Limits(max_bytes=100))


def test_five_megabyte_resume_is_refused_by_default(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Python and SQL. " * 330_000)
    with pytest.raises(LimitError, match=r"characters; the limit is 1,000,000"):
        jdmatch.load(path)
    with pytest.raises(LimitError):
        jdmatch.load("Python and SQL.\n" * 70_000)


def test_long_text_is_matched_in_pieces():
    text = "Python and Kafka.\n" * (2 * PIECE_LENGTH // 18 + 100)
    mentions = jdmatch.extract(text)
    assert len(mentions) == 2 * text.count("\n")
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_docx_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * 5_000_000)
    with pytest.raises(LimitError, match="unpacks to"):
        jdmatch.load(path, limits=Limits(max_unpacked_bytes=1_000_000))


def test_docx_with_entity_expansion_expands_nothing(tmp_path, docx_file):
    path = docx_file(["Python"], name="laughs.docx")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    body = parts["word/document.xml"].decode()
    parts["word/document.xml"] = (
        (laughs + body[body.index("<w:document") :]).replace("Python", "Python &lol9;").encode()
    )
    with zipfile.ZipFile(path, "w") as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    text, error = _outcome(path)
    assert ("laughs.docx" in error) if error else (0 < len(text) < 1000)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Python, SQL • Kafka".encode("utf-16-le"), "Python, SQL • Kafka"),
        ("Python, SQL • Kafka".encode("utf-16-be"), "Python, SQL • Kafka"),
        ("Skills â€¢ Python â€“ SQL".encode(), "Skills • Python – SQL"),
        ("naÃ¯ve Bayes, CafÃ© data".encode(), "naïve Bayes, Café data"),
    ],
    ids=["utf-16-le-no-bom", "utf-16-be-no-bom", "mojibake-bullet", "mojibake-accents"],
)
def test_encodings_and_mojibake(tmp_path, raw, expected):
    path = tmp_path / "resume.txt"
    path.write_bytes(raw)
    assert jdmatch.load(path).text == expected


def test_mojibake_in_raw_text_is_repaired():
    assert jdmatch.load("Skills â€¢ PyTorch").text == "Skills • PyTorch"


def test_bad_limits():
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'max_pages' parameter of Limits"):
        Limits(max_pages=0)
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'limits' parameter of load"):
        jdmatch.load("Python", limits={"max_pages": 3})  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_extract_never_raises_and_offsets_hold(text):
    mentions = jdmatch.extract(text)
    assert mentions == jdmatch.extract(text)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=300).map(str.encode),
    ),
    extension=st.sampled_from([".pdf", ".docx", ".txt", ".md", ".html", ".htm"]),
)
def test_load_raises_only_jdmatch_errors_on_any_bytes(tmp_path, data, extension):
    path = tmp_path / f"any{extension}"
    path.write_bytes(data)
    text, error = _outcome(path)
    assert (str(path) in error) if error else text.strip()


def test_analyze_is_deterministic(pdf_file):
    resume = pdf_file(["Python, PyTorch, Docker; built feature pipelines on Kafka."])
    jd = "ML engineer: Python, PyTorch, Kubernetes, Kafka, Flink, feature stores, A/B tests."
    first = jdmatch.analyze(jd, resume).to_json()
    second = jdmatch.analyze(jd, resume).to_json()
    assert first == second
    assert json.loads(first)["score"] > 0
