"""Shared fixtures: real PDF and DOCX files written by fpdf2 and python-docx."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def write_pdf(path: Path, lines: Sequence[str]) -> Path:
    """Write a real one-column PDF with one text line per entry (Latin-1 core font)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_docx(
    path: Path,
    paragraphs: Sequence[str],
    *,
    table: Sequence[Sequence[str]] = (),
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    """Write a real DOCX with body paragraphs, an optional table, header and footer."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


@pytest.fixture
def pdf_file(tmp_path: Path) -> Callable[..., Path]:
    def make(lines: Sequence[str], name: str = "doc.pdf") -> Path:
        return write_pdf(tmp_path / name, lines)

    return make


@pytest.fixture
def docx_file(tmp_path: Path) -> Callable[..., Path]:
    def make(paragraphs: Sequence[str], name: str = "doc.docx", **parts: object) -> Path:
        return write_docx(tmp_path / name, paragraphs, **parts)  # type: ignore[arg-type]

    return make


@pytest.fixture
def mini_lexicon_path() -> Path:
    return DATA / "mini_lexicon.json"
