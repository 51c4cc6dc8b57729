"""Build the reference Word document that holds the report styles.

``report_templates/mau-bao-cao.docx`` is a data file: the report builder opens
it and writes into it, so every paragraph takes its look from the styles
defined here.  Users may open the file in Word, change a style (Home → Styles
→ Modify…) and save it; the generated reports follow.  This module only
(re)creates the default version, following Nghị định 30/2020/NĐ-CP,
Phụ lục I (A4, Times New Roman, margins 20/20/30/15 mm, body 14 pt).

Run ``python -m compiler.report.reference_docx`` to regenerate the file.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

__all__ = [
    "REFERENCE_DOCX",
    "FONT_NAME",
    "STYLE_NORMAL",
    "STYLE_TITLE",
    "STYLE_SUBTITLE",
    "STYLE_HEADING_1",
    "STYLE_HEADING_2",
    "STYLE_HEADING_3",
    "STYLE_CAPTION",
    "STYLE_PICTURE",
    "STYLE_TABLE",
    "STYLE_TABLE_TEXT",
    "STYLE_TABLE_HEADING",
    "STYLE_RECIPIENTS",
    "STYLE_RECIPIENT_ITEM",
    "STYLE_SIGNATURE",
    "STYLE_HEADER_LEFT",
    "STYLE_HEADER_RIGHT",
    "STYLE_PAGE_HEADER",
    "PAGE_WIDTH_MM",
    "PAGE_HEIGHT_MM",
    "MARGINS_MM",
    "build_reference_docx",
]

REFERENCE_DOCX = Path(__file__).resolve().parents[2] / "report_templates" / "mau-bao-cao.docx"

FONT_NAME = "Times New Roman"

# Style names used by the report builder (display names in Word).
STYLE_NORMAL = "Normal"
STYLE_TITLE = "Title"  # "BÁO CÁO"
STYLE_SUBTITLE = "Subtitle"  # subject lines under the title
STYLE_HEADING_1 = "Heading 1"  # Phần thứ nhất …
STYLE_HEADING_2 = "Heading 2"  # I., II., …
STYLE_HEADING_3 = "Heading 3"  # 1., 2., …
STYLE_CAPTION = "Caption"
STYLE_PICTURE = "Hình"  # paragraph holding a picture
STYLE_TABLE = "Table Grid"  # data tables
STYLE_TABLE_TEXT = "Nội dung bảng"
STYLE_TABLE_HEADING = "Tiêu đề bảng"
STYLE_RECIPIENTS = "Nơi nhận"
STYLE_RECIPIENT_ITEM = "Nơi nhận mục"
STYLE_SIGNATURE = "Chữ ký"
STYLE_HEADER_LEFT = "Header Left"
STYLE_HEADER_RIGHT = "Header Right"
STYLE_PAGE_HEADER = "Header"  # page-number line in the top margin

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_DISTANCE_MM = 10

BODY_PT = 14
LINE_SPACING = 1.2
FIRST_LINE_INDENT_CM = 1.27
SPACE_AFTER_PT = 6

# Fixed timestamp so that regenerating the file gives identical bytes.
_FIXED_TIME = _dt.datetime(2024, 1, 1, tzinfo=_dt.timezone.utc)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# Table styles of the default python-docx template that have nothing to do
# with an administrative document (coloured shading); removed to keep the
# style gallery short.
_DROP_TABLE_STYLE_PREFIXES = ("Light ", "Medium ", "Dark ", "Colorful ")


# ---------------------------------------------------------------------------
# low-level XML helpers
# ---------------------------------------------------------------------------


def _set_fonts(rpr_parent) -> None:
    """Set ascii/hAnsi/eastAsia/cs fonts to Times New Roman, drop theme fonts."""
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT_NAME)


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")


def _sync_complex_size(style) -> None:
    """Mirror w:sz into w:szCs so complex-script text has the same size."""
    rpr = style.element.rPr
    if rpr is None:
        return
    sz = rpr.find(qn("w:sz"))
    if sz is None:
        return
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        szcs = OxmlElement("w:szCs")
        sz.addnext(szcs)
    szcs.set(qn("w:val"), sz.get(qn("w:val")))


def _reset(style) -> None:
    """Remove the template's paragraph/run properties from a style."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        for child in el.findall(qn(tag)):
            el.remove(child)


def _set_outline_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    node = OxmlElement("w:outlineLvl")
    node.set(qn("w:val"), str(level))
    ppr.append(node)


def _paragraph_style(
    doc,
    name: str,
    style_id: str | None = None,
    *,
    base: str | None = STYLE_NORMAL,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
    align=None,
    first_indent_cm: float | None = None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep_next: bool | None = None,
    next_style: str | None = None,
):
    styles = doc.styles
    try:
        style = styles[name]
        _reset(style)
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if style_id:
            style.style_id = style_id
        style.quick_style = True
    if base is not None and name != base:
        style.base_style = styles[base]
    font = style.font
    _set_fonts(style.element)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if caps is not None:
        font.all_caps = caps
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_indent_cm is not None:
        pf.first_line_indent = Cm(first_indent_cm)
        pf.left_indent = Cm(0)
        pf.right_indent = Cm(0)
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE if line != 1 else WD_LINE_SPACING.SINGLE
        if line != 1:
            pf.line_spacing = line
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if next_style is not None:
        style.next_paragraph_style = styles[next_style]
    _sync_complex_size(style)
    return style


# ---------------------------------------------------------------------------
# builder
# ---------------------------------------------------------------------------


def _doc_defaults(doc) -> None:
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        node = rpr.find(qn(tag))
        if node is None:
            node = OxmlElement(tag)
            rpr.append(node)
        node.set(qn("w:val"), str(BODY_PT * 2))
    _set_lang(rpr)
    # Neutral paragraph defaults; the look lives in the styles.
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def _clean_theme_fonts(doc) -> None:
    """Every style: Times New Roman instead of theme fonts, black text."""
    for style in doc.styles:
        rpr = style.element.find(qn("w:rPr"))
        if rpr is None:
            continue
        if rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr)
        if style.type != WD_STYLE_TYPE.TABLE:
            for color in rpr.findall(qn("w:color")):
                rpr.remove(color)


def _drop_table_styles(doc) -> None:
    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name.startswith(_DROP_TABLE_STYLE_PREFIXES):
            style.element.getparent().remove(style.element)


def _table_style(doc) -> None:
    style = doc.styles[STYLE_TABLE]
    _set_fonts(style.element)
    style.font.size = Pt(13)
    _sync_complex_size(style)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = Cm(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # cell margins: a little air above and below the text
    tblpr = style.element.find(qn("w:tblPr"))
    mar = tblpr.find(qn("w:tblCellMar"))
    for side, value in (("top", 28), ("bottom", 28), ("left", 85), ("right", 85)):
        node = mar.find(qn(f"w:{side}"))
        node.set(qn("w:w"), str(value))


def _section(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def _styles(doc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    left = WD_ALIGN_PARAGRAPH.LEFT

    normal = _paragraph_style(
        doc, STYLE_NORMAL, base=None, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_indent_cm=FIRST_LINE_INDENT_CM, before=0, after=SPACE_AFTER_PT,
        line=LINE_SPACING,
    )
    normal.paragraph_format.widow_control = True
    _set_lang(normal.element.get_or_add_rPr())

    # Title block: "BÁO CÁO" + subject lines (trích yếu).
    _paragraph_style(
        doc, STYLE_TITLE, size=14, bold=True, caps=True, align=center,
        first_indent_cm=0, before=12, after=0, line=1, keep_next=True,
        next_style=STYLE_SUBTITLE,
    )
    _paragraph_style(
        doc, STYLE_SUBTITLE, size=14, bold=True, italic=False, align=center,
        first_indent_cm=0, before=0, after=0, line=1, keep_next=True,
    )

    # Headings.
    h1 = _paragraph_style(
        doc, STYLE_HEADING_1, size=14, bold=True, caps=True, align=center,
        first_indent_cm=0, before=12, after=6, line=1, keep_next=True,
        next_style=STYLE_NORMAL,
    )
    _set_outline_level(h1, 0)
    h2 = _paragraph_style(
        doc, STYLE_HEADING_2, size=14, bold=True, align=left,
        first_indent_cm=FIRST_LINE_INDENT_CM, before=6, after=6,
        line=LINE_SPACING, keep_next=True, next_style=STYLE_NORMAL,
    )
    _set_outline_level(h2, 1)
    h3 = _paragraph_style(
        doc, STYLE_HEADING_3, size=14, bold=True, italic=True, align=left,
        first_indent_cm=FIRST_LINE_INDENT_CM, before=0, after=6,
        line=LINE_SPACING, keep_next=True, next_style=STYLE_NORMAL,
    )
    _set_outline_level(h3, 2)

    # Pictures and captions.
    _paragraph_style(
        doc, STYLE_PICTURE, "Hinh", size=14, align=center, first_indent_cm=0,
        before=6, after=0, line=1, keep_next=True, next_style=STYLE_CAPTION,
    )
    _paragraph_style(
        doc, STYLE_CAPTION, size=12, bold=False, italic=True, align=center,
        first_indent_cm=0, before=3, after=6, line=1, next_style=STYLE_NORMAL,
    )

    # Table text.
    _paragraph_style(
        doc, STYLE_TABLE_TEXT, "NoiDungBang", size=13, align=left,
        first_indent_cm=0, before=2, after=2, line=1,
    )
    _paragraph_style(
        doc, STYLE_TABLE_HEADING, "TieuDeBang", base=STYLE_TABLE_TEXT, size=13,
        bold=True, align=center, first_indent_cm=0,
    )
    _table_style(doc)

    # Two-column header block (tên cơ quan / quốc hiệu, tiêu ngữ).
    _paragraph_style(
        doc, STYLE_HEADER_LEFT, "HeaderLeft", size=13, align=center,
        first_indent_cm=0, before=0, after=0, line=1,
    )
    _paragraph_style(
        doc, STYLE_HEADER_RIGHT, "HeaderRight", size=13, align=center,
        first_indent_cm=0, before=0, after=0, line=1,
    )

    # Page header line (page number) and footer.
    for name in (STYLE_PAGE_HEADER, "Footer"):
        _paragraph_style(
            doc, name, size=14, align=center, first_indent_cm=0,
            before=0, after=0, line=1,
        )

    # Signature block.
    _paragraph_style(
        doc, STYLE_RECIPIENT_ITEM, "NoiNhanMuc", size=11, align=left,
        first_indent_cm=0, before=0, after=0, line=1,
    )
    _paragraph_style(
        doc, STYLE_RECIPIENTS, "NoiNhan", size=12, bold=True, italic=True,
        align=left, first_indent_cm=0, before=6, after=0, line=1,
        next_style=STYLE_RECIPIENT_ITEM,
    )
    _paragraph_style(
        doc, STYLE_SIGNATURE, "ChuKy", size=14, bold=True, align=center,
        first_indent_cm=0, before=0, after=0, line=1,
    )


def _core_properties(doc) -> None:
    props = doc.core_properties
    props.title = "Mẫu báo cáo công đoàn (Nghị định 30/2020/NĐ-CP)"
    props.subject = "Kiểu định dạng cho báo cáo tổng kết năm, sơ kết giữa nhiệm kỳ, báo cáo Đại hội"
    props.comments = (
        "Tệp này chỉ chứa các kiểu định dạng (Styles). Sửa kiểu trong Word "
        "(Trang đầu → Kiểu → Sửa đổi…) rồi lưu lại; các báo cáo tạo ra sẽ theo."
    )
    props.author = ""
    props.last_modified_by = ""
    props.keywords = "công đoàn; báo cáo; Nghị định 30/2020"
    props.language = "vi-VN"
    props.revision = 1
    props.created = _FIXED_TIME.replace(tzinfo=None)
    props.modified = _FIXED_TIME.replace(tzinfo=None)
    props.last_printed = _FIXED_TIME.replace(tzinfo=None)


def _package_cleanup(doc) -> None:
    """Drop template leftovers: Word 2010 stylesWithEffects (old styles),
    the template thumbnail; Times New Roman as theme fonts; Vietnamese as
    the theme language."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
        elif rel.reltype.endswith("/theme") and not rel.is_external:
            theme = rel.target_part
            blob = theme.blob
            for font in (b'typeface="Calibri"', b'typeface="Cambria"'):
                blob = blob.replace(font, f'typeface="{FONT_NAME}"'.encode())
            theme._blob = blob
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]
    settings = doc.settings.element
    for node in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(node)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")
        lang.attrib.pop(qn("w:eastAsia"), None)


def _deterministic_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


def build_reference_docx(path: str | Path | None = None) -> Path:
    """Create the reference document (styles only) and return its path.

    Default path: ``report_templates/mau-bao-cao.docx``.
    """
    target = Path(path) if path is not None else REFERENCE_DOCX
    doc = Document()
    _drop_table_styles(doc)
    _clean_theme_fonts(doc)
    _doc_defaults(doc)
    _styles(doc)
    _section(doc)
    _core_properties(doc)
    _package_cleanup(doc)
    # Word expects at least one paragraph in the body; the report builder
    # clears it (see docx_layout.new_document).
    if not doc.paragraphs:
        doc.add_paragraph()
    buffer = io.BytesIO()
    doc.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_deterministic_zip(buffer.getvalue()))
    return target


if __name__ == "__main__":  # pragma: no cover
    print(build_reference_docx())
