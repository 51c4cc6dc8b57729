"""Nghị định 30/2020 framing for a report written with python-docx.

Thin helpers used by the report builder.  They expect a ``Document`` opened
from the reference file (``report_templates/mau-bao-cao.docx``, see
``reference_docx``) so that every paragraph takes its look from a named
style; direct formatting is limited to what NĐ 30 fixes per line (bold or
not in the header block, the short rules, cell widths).

Typical use::

    doc = new_document()
    add_header_block(doc, "CÔNG ĐOÀN VIÊN CHỨC TỈNH", "BCH CÔNG ĐOÀN CƠ SỞ …",
                     "15/BC-CĐCS", "Bắc Kạn", date(2023, 4, 18))
    add_title(doc, "BÁO CÁO", ["Tổng kết công tác công đoàn năm 2023"])
    doc.add_paragraph("…", style="Heading 2")
    add_signature_block(doc, ["CĐVC tỉnh (b/c)", "Lưu: VT"], name="Nguyễn Văn A")
    set_page_numbers_from_page_2(doc)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from . import reference_docx as ref
from .vn_format import ngay

__all__ = [
    "new_document",
    "text_width_cm",
    "add_header_block",
    "add_title",
    "set_page_numbers_from_page_2",
    "add_signature_block",
    "add_picture_with_caption",
    "add_table",
]

# User-facing fixed texts (NĐ 30/2020, Phụ lục I).
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NOI_NHAN = "Nơi nhận:"
BAO_CAO = "BÁO CÁO"

# Column widths of the header table.  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in
# 13 pt bold Times New Roman is about 9,5 cm wide, so the header table is
# 17,5 cm and starts 0,5 cm inside the (3 cm) left margin, as usual in NĐ 30
# templates; its text still stays within the page margins.
HEADER_LEFT_CM = 7.0
HEADER_RIGHT_CM = 10.5
HEADER_INDENT_CM = -0.5
# Column widths of the signature table (sum = text width 16,5 cm).
SIGN_LEFT_CM = 7.0
SIGN_RIGHT_CM = 9.5
# Cell side padding in the borderless framing tables.
_CELL_PAD_CM = 0.1
# Width of "Độc lập - Tự do - Hạnh phúc" in 14 pt bold Times New Roman; NĐ 30
# wants the rule under the motto as long as the motto.
_MOTTO_RULE_CM = 6.0
# Rough width of one upper-case letter in 13 pt bold Times New Roman.
_CAPS_CHAR_CM = 0.28

_NUMERIC_CELL = re.compile(r"^[\s\d.,%/+\-–()]*\d[\s\d.,%/+\-–()]*$")


# ---------------------------------------------------------------------------
# document and XML helpers
# ---------------------------------------------------------------------------


def new_document(reference: str | Path | None = None):
    """Open the reference file and return a ``Document`` with an empty body.

    The reference file's one placeholder paragraph is removed; page set-up,
    styles, headers and footers are kept.
    """
    path = Path(reference) if reference is not None else ref.REFERENCE_DOCX
    if not path.exists():
        ref.build_reference_docx(path)
    doc = Document(str(path))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def text_width_cm(doc) -> float:
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    return Emu(width).cm


def _twips(cm: float) -> str:
    return str(int(round(cm / 2.54 * 1440)))


def _set_table_width(table, widths_cm: Sequence[float]) -> None:
    """Fixed layout with explicit grid and cell widths (Word and LibreOffice)."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:w"), _twips(sum(widths_cm)))
    tblw.set(qn("w:type"), "dxa")
    table.autofit = False  # w:tblLayout fixed
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), _twips(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _borderless(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:val"), "nil")
        borders.append(node)
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("left", _CELL_PAD_CM), ("right", _CELL_PAD_CM)):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), _twips(value))
        node.set(qn("w:type"), "dxa")
        mar.append(node)
    # Schema order inside tblPr: … tblW, jc, …, tblBorders, shd, tblLayout,
    # tblCellMar, tblLook …
    _insert_before(tblpr, borders, "w:tblLayout", "w:tblLook")
    _insert_before(tblpr, mar, "w:tblLook")


def _framing_table(doc, rows: int, widths_cm: Sequence[float], indent_cm: float = 0.0):
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _set_table_width(table, widths_cm)
    _borderless(table)
    if indent_cm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), _twips(indent_cm))
        ind.set(qn("w:type"), "dxa")
        table._tbl.tblPr.find(qn("w:jc")).addnext(ind)
    return table


def _first_paragraph(cell, style: str):
    par = cell.paragraphs[0]
    par.style = style
    return par


def _add_line(cell, text: str, style: str, *, bold=False, italic=False, size=None, first=False):
    par = _first_paragraph(cell, style) if first else cell.add_paragraph(style=style)
    run = par.add_run(text)
    run.bold = bold
    run.italic = italic
    if size is not None:
        run.font.size = Pt(size)
    return par


def _add_rule(cell, style: str, rule_cm: float, cell_cm: float):
    """A centred short horizontal rule: bottom border of a 1 pt empty paragraph."""
    par = cell.add_paragraph(style=style)
    inner = max(cell_cm - 2 * _CELL_PAD_CM, rule_cm)
    side = max((inner - rule_cm) / 2, 0)
    pf = par.paragraph_format
    pf.left_indent = Cm(side)
    pf.right_indent = Cm(side)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    ppr = par._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")  # 3/4 pt
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)
    # pBdr goes right after keepNext/keepLines/pageBreakBefore/framePr/
    # widowControl/numPr/suppressLineNumbers and before shd/tabs/spacing/ind.
    _insert_before(ppr, pbdr, "w:spacing", "w:ind")
    # Make the empty line 1 pt high so the rule sits right under the text.
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        node = OxmlElement(tag)
        node.set(qn("w:val"), "2")
        rpr.append(node)
    ppr.append(rpr)
    return par


def _date_line(place: str | None, date: Any) -> str:
    if date is None:
        date_text = "ngày      tháng      năm      "
    elif isinstance(date, str) and date.strip().startswith("ngày"):
        date_text = date.strip()
    else:
        date_text = ngay(date)
    place = (place or "").strip()
    return f"{place}, {date_text}" if place else date_text[:1].upper() + date_text[1:]


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def add_header_block(
    doc,
    parent_name: str | None,
    issuer_name: str,
    number_text: str | None,
    place: str | None,
    date: Any,
):
    """Add the two-column NĐ 30 header (tên cơ quan | quốc hiệu, tiêu ngữ).

    Left: parent body (upper case, not bold; omitted when ``None``), issuing
    body (upper case, bold) with a short rule, then ``Số: …``.
    Right: quốc hiệu (bold), tiêu ngữ (bold) with a rule as long as it, then
    ``<place>, ngày … tháng … năm …`` in italics on the same row as ``Số``.

    ``number_text``: "15/BC-CĐCS" or "Số: 15/BC-CĐCS".  ``date``: a date,
    ISO string, a ready "ngày … tháng … năm …" text, or ``None`` for a
    blank date to be filled in by hand.  Returns the table.
    """
    left_style, right_style = ref.STYLE_HEADER_LEFT, ref.STYLE_HEADER_RIGHT
    table = _framing_table(doc, 2, [HEADER_LEFT_CM, HEADER_RIGHT_CM], HEADER_INDENT_CM)
    names, motto = table.cell(0, 0), table.cell(0, 1)
    number, dated = table.cell(1, 0), table.cell(1, 1)
    for cell in (names, motto):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    # Left column: parent body / issuer / rule.
    first = True
    if parent_name:
        _add_line(names, parent_name.upper(), left_style, first=True)
        first = False
    _add_line(names, issuer_name.upper(), left_style, bold=True, first=first)
    longest = max((len(line) for line in issuer_name.splitlines()), default=0)
    issuer_cm = min(longest * _CAPS_CHAR_CM, HEADER_LEFT_CM - 2 * _CELL_PAD_CM)
    _add_rule(names, left_style, max(2.0, 0.4 * issuer_cm), HEADER_LEFT_CM)

    # Right column: quốc hiệu / tiêu ngữ / rule.
    _add_line(motto, QUOC_HIEU, right_style, bold=True, first=True)
    _add_line(motto, TIEU_NGU, right_style, bold=True, size=14)
    _add_rule(motto, right_style, _MOTTO_RULE_CM, HEADER_RIGHT_CM)

    # Second row: number and place/date, aligned on one line.
    text = (number_text or "").strip()
    if not text.lower().startswith("số"):
        text = f"Số: {text}" if text else "Số:        /BC"
    num_par = _add_line(number, text, left_style, first=True)
    date_par = _add_line(dated, _date_line(place, date), right_style, italic=True, size=14, first=True)
    for par in (num_par, date_par):
        par.paragraph_format.space_before = Pt(6)
    return table


#: The mark of a document not yet final (a report built from incomplete data).
DRAFT = "DỰ THẢO"


def add_draft_mark(doc):
    """Add "DỰ THẢO" above the header, right-aligned, bold, framed by a single border."""
    par = doc.add_paragraph(style=ref.STYLE_NORMAL)
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fmt = par.paragraph_format
    fmt.first_line_indent, fmt.space_before, fmt.space_after = Cm(0), Pt(0), Pt(6)
    run = par.add_run(DRAFT)
    run.bold = True
    return par


def add_title(doc, kind_line: str = BAO_CAO, subject_lines: Sequence[str] | str = ()):
    """Add the document type (``BÁO CÁO``, style Title) and the subject lines
    (trích yếu, style Subtitle, bold, centred).  Returns the paragraphs."""
    if isinstance(subject_lines, str):
        subject_lines = [subject_lines]
    paragraphs = [doc.add_paragraph(kind_line.upper(), style=ref.STYLE_TITLE)]
    paragraphs[0].paragraph_format.space_before = Pt(18)
    for line in subject_lines:
        paragraphs.append(doc.add_paragraph(line, style=ref.STYLE_SUBTITLE))
    paragraphs[-1].paragraph_format.space_after = Pt(12)
    paragraphs[-1].paragraph_format.keep_with_next = True
    return paragraphs


def _add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    def fld_char(kind: str):
        run = OxmlElement("w:r")
        node = OxmlElement("w:fldChar")
        node.set(qn("w:fldCharType"), kind)
        run.append(node)
        return run

    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    text_run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    text_run.append(text)
    p = paragraph._p
    for node in (fld_char("begin"), instr_run, fld_char("separate"), text_run, fld_char("end")):
        p.append(node)


def set_page_numbers_from_page_2(doc) -> None:
    """Centred page number (PAGE field) in the top margin of every page but
    the first (different first page / ``w:titlePg``)."""
    for section in doc.sections:
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        for par in first.paragraphs:
            par.style = ref.STYLE_PAGE_HEADER
        header = section.header
        header.is_linked_to_previous = False
        par = header.paragraphs[0]
        for child in list(par._p):
            if child.tag != qn("w:pPr"):
                par._p.remove(child)
        par.style = ref.STYLE_PAGE_HEADER
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(par, "PAGE", "2")


def _recipient_text(item: str, last: bool) -> str:
    text = item.strip()
    if not text.startswith(("-", "–")):
        text = f"- {text}"
    if not text.endswith((";", ".", ":", ",")):
        text += "." if last else ";"
    return text


def add_signature_block(
    doc,
    recipients: Sequence[str],
    on_behalf: str | None = "TM. BAN CHẤP HÀNH",
    title: str = "CHỦ TỊCH",
    name: str = "",
    signature_lines: int = 4,
):
    """Add ``Nơi nhận`` (left) and the signature block (right).

    ``recipients``: "Như trên", "Lưu: VT"… — a leading "- " and the closing
    ";" (last one ".") are added when missing.  ``on_behalf`` is the
    authority line (``TM. BAN CHẤP HÀNH``; ``None`` to omit), ``title`` the
    signer's position, ``name`` the signer's name (bold, normal case), with
    ``signature_lines`` empty lines left for the signature and seal.
    Returns the table.
    """
    table = _framing_table(doc, 1, [SIGN_LEFT_CM, SIGN_RIGHT_CM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    _first_paragraph(left, ref.STYLE_RECIPIENTS).add_run(NOI_NHAN)
    items = list(recipients)
    for i, item in enumerate(items):
        left.add_paragraph(_recipient_text(item, i == len(items) - 1), style=ref.STYLE_RECIPIENT_ITEM)

    lines = [line for line in (on_behalf, title) if line]
    par = _first_paragraph(right, ref.STYLE_SIGNATURE)
    par.paragraph_format.space_before = Pt(6)
    for i, line in enumerate(lines):
        if i:
            par = right.add_paragraph(style=ref.STYLE_SIGNATURE)
        par.add_run(line.upper())
    for _ in range(signature_lines):
        right.add_paragraph(style=ref.STYLE_SIGNATURE)
    if name:
        right.add_paragraph(name, style=ref.STYLE_SIGNATURE)
    # Keep the block on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def add_picture_with_caption(doc, image_path: str | Path, caption: str | None, width_cm: float = 15.0):
    """Add a centred picture (style Hình) and its caption (style Caption,
    italic, centred, 12 pt).  ``width_cm`` is capped at the text width.
    Returns ``(picture_paragraph, caption_paragraph_or_None)``."""
    width = min(width_cm, text_width_cm(doc))
    pic = doc.add_paragraph(style=ref.STYLE_PICTURE)
    pic.add_run().add_picture(str(image_path), width=Cm(width))
    cap = None
    if caption:
        pic.paragraph_format.keep_with_next = True
        cap = doc.add_paragraph(caption, style=ref.STYLE_CAPTION)
    return pic, cap


def _column_alignment(rows: Sequence[Sequence[Any]], col: int):
    values = [str(r[col]).strip() for r in rows if col < len(r) and r[col] not in (None, "")]
    if values and all(_NUMERIC_CELL.match(v) for v in values):
        return WD_ALIGN_PARAGRAPH.CENTER
    return WD_ALIGN_PARAGRAPH.LEFT


def _fill_cell(cell, value: Any, style_id: str, align=None) -> None:
    """Write a cell's text; ``style_id`` is set directly (a style looked up by name per cell
    costs python-docx a scan of every style: a 2,000-row table took most of a minute)."""
    text = "" if value is None else str(value)
    lines = text.split("\n")
    par = cell.paragraphs[0]
    par._p.style = style_id
    par.text = lines[0]
    if align is not None:
        par.alignment = align
    for line in lines[1:]:
        extra = cell.add_paragraph(line)
        extra._p.style = style_id
        if align is not None:
            extra.alignment = align


def add_table(
    doc,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    col_widths_cm: Sequence[float] | None = None,
    align: Sequence[str | None] | None = None,
):
    """Add a data table in the ``Table Grid`` style.

    The header row (bold, centred, style ``Tiêu đề bảng``) repeats at the top
    of every page; rows never split across pages.  Cells use ``Nội dung
    bảng`` (13 pt).  Columns whose values are all numbers/percentages are
    centred, others left-aligned; ``align`` ("left"/"center"/"right"/None per
    column) overrides that.  ``col_widths_cm`` defaults to equal columns over
    the text width.  Returns the table.
    """
    ncols = len(header)
    if col_widths_cm is None:
        col_widths_cm = [text_width_cm(doc) / ncols] * ncols
    if len(col_widths_cm) != ncols:
        raise ValueError("col_widths_cm must have one width per column")
    table = doc.add_table(rows=1 + len(rows), cols=ncols)
    table.style = doc.styles[ref.STYLE_TABLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_table_width(table, col_widths_cm)

    named = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
             "right": WD_ALIGN_PARAGRAPH.RIGHT}
    aligns = []
    for col in range(ncols):
        wanted = align[col] if align is not None and col < len(align) else None
        aligns.append(named[wanted] if wanted else _column_alignment(rows, col))

    head = table.rows[0]
    head_trpr = head._tr.get_or_add_trPr()
    head_trpr.append(OxmlElement("w:cantSplit"))
    head_trpr.append(OxmlElement("w:tblHeader"))
    heading_id, text_id = (doc.styles[name].style_id for name in (ref.STYLE_TABLE_HEADING, ref.STYLE_TABLE_TEXT))
    for cell, text in zip(head.cells, header):
        _fill_cell(cell, text, heading_id)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    for row, values in zip(table.rows[1:], rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for col, cell in enumerate(row.cells):
            value = values[col] if col < len(values) else ""
            _fill_cell(cell, value, text_id, aligns[col])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def _insert_before(parent, child, *successors: str) -> None:
    """Insert ``child`` before the first of ``successors`` present (schema order), else at the end."""
    anchor = next((node for node in map(parent.find, map(qn, successors)) if node is not None), None)
    if anchor is not None:
        anchor.addprevious(child)
    else:
        parent.append(child)
