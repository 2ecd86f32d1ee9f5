from __future__ import annotations

from pathlib import Path

import pytest

import jdmatch
from jdmatch import (
    Document,
    DocumentNotFoundError,
    DocumentReadError,
    EmptyDocumentError,
    InvalidParameterError,
    JdmatchError,
    UnsupportedFormatError,
)


def test_pdf_text_comes_from_pdfminer(pdf_file):
    path = pdf_file(["Skills: PyTorch, Kubernetes", "Built feature stores on Kafka."])
    document = jdmatch.load(path)
    assert document.format == "pdf"
    assert document.source == str(path)
    assert "PyTorch, Kubernetes" in document.text
    assert "feature stores on Kafka" in document.text


def test_pdf_path_given_as_string(pdf_file):
    path = pdf_file(["Python and SQL"])
    assert "Python and SQL" in jdmatch.load(str(path)).text


def test_docx_reads_body_tables_headers_and_footers(docx_file):
    path = docx_file(
        ["Experience: shipped ranking models."],
        table=[["Languages", "Python, Scala"], ["Cloud", "GCP"]],
        header="Alex Example | MLOps engineer",
        footer="Certified Kubernetes Administrator",
    )
    text = jdmatch.load(path).text
    for expected in ["shipped ranking models", "Python, Scala", "GCP", "MLOps engineer",
                     "Certified Kubernetes Administrator"]:  # fmt: skip
        assert expected in text


def test_docx_text_boxes_are_read_once(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Body text.")
    # A text box as Word writes it: a modern copy (mc:Choice) and a legacy copy (mc:Fallback).
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>Sidebar skills: Airflow, dbt</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Sidebar skills: Airflow, dbt</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(box))
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    text = jdmatch.load(path).text
    assert text.count("Sidebar skills: Airflow, dbt") == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Python • SQL".encode(), "Python • SQL"),
        ("\ufeffPython • SQL".encode(), "Python • SQL"),
        ("Python • SQL".encode("utf-16"), "Python • SQL"),
        ("Python – SQL’s".encode("cp1252"), "Python – SQL’s"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1252"],
)
def test_text_encodings(tmp_path, raw, expected):
    path = tmp_path / "resume.txt"
    path.write_bytes(raw)
    assert jdmatch.load(path).text == expected


def test_markdown_keeps_link_text_and_drops_urls(tmp_path):
    path = tmp_path / "resume.md"
    path.write_text(
        "# Skills\n- [PyTorch](https://github.com/pytorch/pytorch) see https://x.io/k8s\n"
    )
    document = jdmatch.load(path)
    assert document.format == "markdown"
    assert "PyTorch" in document.text
    assert "github.com" not in document.text
    assert "k8s" not in document.text


def test_html_drops_scripts_and_styles_and_decodes_entities(tmp_path):
    path = tmp_path / "posting.html"
    path.write_text(
        "<html><head><title>ML Engineer</title><style>.k8s{}</style></head><body>"
        "<script>var spark = 1;</script><h1>Requirements</h1>"
        "<ul><li>PyTorch &amp; JAX</li><li>Kafka</li></ul></body></html>"
    )
    document = jdmatch.load(path)
    assert document.format == "html"
    assert "PyTorch & JAX" in document.text
    assert "ML Engineer" in document.text
    assert "spark" not in document.text
    assert "k8s" not in document.text
    assert "Requirements\n" in document.text


def test_htm_extension(tmp_path):
    path = tmp_path / "posting.HTM"
    path.write_text("<p>Airflow</p>")
    assert jdmatch.load(path).format == "html"


def test_raw_text_and_document_pass_through():
    document = jdmatch.load("Senior ML engineer: PyTorch and Kafka.")
    assert document == Document(text="Senior ML engineer: PyTorch and Kafka.")
    assert jdmatch.load(document) is document


def test_multiline_text_that_ends_like_a_file_name_is_text():
    assert jdmatch.load("Skills:\nsee resume.pdf").format == "text"


def test_missing_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.pdf"
    with pytest.raises(DocumentNotFoundError, match=r"nope\.pdf") as caught:
        jdmatch.load(missing)
    assert isinstance(caught.value, FileNotFoundError)
    assert caught.value.source == str(missing)


def test_missing_file_given_as_string_with_known_extension(tmp_path):
    with pytest.raises(DocumentNotFoundError):
        jdmatch.load(str(tmp_path / "resume.docx"))


def test_directory_is_rejected(tmp_path):
    with pytest.raises(DocumentNotFoundError, match="directory"):
        jdmatch.load(tmp_path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "resume.odt"
    path.write_text("Python")
    with pytest.raises(UnsupportedFormatError, match=r"\.odt.*\.docx") as caught:
        jdmatch.load(path)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer x",
         (DocumentReadError, EmptyDocumentError), "PDF"),
        ("broken.docx", b"PK\x03\x04 truncated zip", DocumentReadError, "damaged zip archive"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), UnsupportedFormatError,
         r"named \.pdf but it is a PNG image"),
        ("old.docx", b"\xd0\xcf\x11\xe0" + bytes(64), UnsupportedFormatError,
         r"named \.docx but it is an old Word 97-2003"),
        ("binary.pdf", b"\x00\x01\x02garbage" * 20, UnsupportedFormatError,
         r"neither a PDF nor text"),
    ],
)  # fmt: skip
def test_corrupt_or_mislabelled_files(tmp_path, name, content, error, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error, match=message) as caught:
        jdmatch.load(path)
    assert name in str(caught.value)


def test_zip_that_is_not_a_word_document(tmp_path):
    import zipfile

    path = tmp_path / "resume.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "Python")
    with pytest.raises(UnsupportedFormatError, match="zip archive without a Word document"):
        jdmatch.load(path)


def test_extension_that_lies_is_read_by_content(tmp_path, pdf_file, docx_file):
    pdf_named_docx = pdf_file(["Skills: Kubernetes"], name="resume.docx")
    document = jdmatch.load(pdf_named_docx)
    assert (document.format, "Kubernetes" in document.text) == ("pdf", True)
    docx_named_pdf = docx_file(["Skills: Airflow"], name="resume.pdf")
    assert jdmatch.load(docx_named_pdf).format == "docx"
    text_named_docx = tmp_path / "notes.docx"
    text_named_docx.write_text("Plain text: PyTorch")
    assert jdmatch.load(text_named_docx) == Document(
        text="Plain text: PyTorch", source=str(text_named_docx), format="text"
    )
    html_named_txt = tmp_path / "posting.txt"
    html_named_txt.write_text("<!DOCTYPE html><p>Kafka</p><script>x()</script>")
    assert jdmatch.load(html_named_txt).text.strip() == "Kafka"


def test_empty_and_blank_files(tmp_path):
    for name, content in [("empty.txt", b""), ("blank.md", b"  \n\t\n")]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(EmptyDocumentError, match=name):
            jdmatch.load(path)


def test_pdf_without_text_layer_asks_for_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing, no text: what a scanned page looks like to pdfminer
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(EmptyDocumentError, match="OCR"):
        jdmatch.load(path)


def test_empty_string_is_an_empty_document():
    with pytest.raises(EmptyDocumentError, match="<text>"):
        jdmatch.load("   ")


def test_wrong_type_is_a_parameter_error():
    with pytest.raises(InvalidParameterError, match=r"The 'source' parameter of load must be"):
        jdmatch.load(42)  # type: ignore[arg-type]


def test_every_error_is_a_jdmatch_error():
    for error in [DocumentNotFoundError, DocumentReadError, EmptyDocumentError,
                  UnsupportedFormatError, InvalidParameterError, jdmatch.LexiconError,
                  jdmatch.NoConceptsError, jdmatch.NotFittedError]:  # fmt: skip
        assert issubclass(error, JdmatchError)


def test_example_resume_pdf_loads():
    path = Path(__file__).resolve().parents[1] / "examples" / "sample_resume.pdf"
    assert "PyTorch" in jdmatch.load(path).text
