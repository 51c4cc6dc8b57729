"""Render a report template into a Word document.

Two steps, each replaceable on its own: Jinja2 turns ``<kind>.j2`` and the
context into marked-up text (all wording lives in the template), then the
blocks of that text (:mod:`.markup`) are written with python-docx into a
copy of the reference document, whose named styles give every paragraph its
look, and framed per Nghị định 30/2020 with :mod:`.docx_layout`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from . import docx_layout, markup
from . import reference_docx as ref
from .context import ReportError
from .vn_format import FILTERS as FIGURE_FILTERS
from .vn_format import ngay_ngan, so
from .words import FILTERS as WORD_FILTERS

#: Templates and reference document shipped with the product.
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "report_templates"
REFERENCE_NAME = ref.REFERENCE_DOCX.name

HEADING_STYLES = {1: ref.STYLE_HEADING_1, 2: ref.STYLE_HEADING_2, 3: ref.STYLE_HEADING_3}
SUBTITLE_SPACE_AFTER_PT = 6
#: Significant digits of a union's money totals.
UNION_MONEY_DIGITS = 3
#: Whole numbers in this range print as years when no filter is given.
YEARS = (1900, 2100)


class _Loader(jinja2.FileSystemLoader):
    """Loads templates with every blank line marked as a paragraph break.

    The mark survives rendering, so the paragraphs are the ones the template
    author sees, whatever lines the ``{% if %}`` tags leave empty.
    """

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        lines = [markup.BREAK if not line.strip() else line for line in source.split("\n")]
        return "\n".join(lines), filename, uptodate


def environment(templates_dir: str | Path | None = None, union: bool = False) -> jinja2.Environment:
    """The Jinja2 environment of the report templates, with the Vietnamese filters.

    ``union``: a report of a union above the grassroots, whose money totals
    are written at three significant digits ("hơn 800 triệu đồng"), not to
    the 0,1 triệu a branch writes.

    Undefined names fail loudly (a typo in a template must not print
    nothing), every printed value is fenced off from the markup, and a value
    printed without a filter is still written the Vietnamese way.
    """
    env = jinja2.Environment(
        loader=_Loader(str(templates_dir or TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=finalize,
    )
    filters = {**FIGURE_FILTERS, **WORD_FILTERS}
    if union:
        filters["tien"] = functools.partial(FIGURE_FILTERS["tien"], digits=UNION_MONEY_DIGITS)
        filters["kem_don_vi"] = functools.partial(WORD_FILTERS["kem_don_vi"], money=filters["tien"])
    env.filters.update({name: _strict(f) for name, f in filters.items()})
    return env


def _strict(function):
    """The filter, failing on an undefined name instead of printing nothing.

    The figure filters treat an undefined value as missing, which would let
    a misspelt code (``v.DV_TONGSO``) silently drop a figure.
    """
    @functools.wraps(function)
    def strict(*args, **kwargs):
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return function(*args, **kwargs)

    return strict


def finalize(value: Any) -> str:
    """What ``{{ value }}`` prints.

    A value from the data prints on one line, fenced off from the markup:
    nothing for a missing value, numbers and dates the Vietnamese way (a
    whole number from 1900 to 2100 is a year and prints without a thousands
    dot). Text the template made itself — the output of a macro, which holds
    line breaks or values already fenced — passes through unchanged so its
    lines keep their markup.
    """
    if value is None or isinstance(value, jinja2.Undefined) or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str) and any(mark in value for mark in _TEMPLATE_MADE):
        return value
    if isinstance(value, bool):
        text = "Có" if value else "Không"
    elif isinstance(value, int) and YEARS[0] <= value <= YEARS[1]:
        text = str(value)  # a year: 2023, never "2.023"
    elif isinstance(value, (int, float)):
        text = so(value)
    elif isinstance(value, (dt.date, dt.datetime)):
        text = ngay_ngan(value)
    else:
        text = _WHITESPACE.sub(" ", str(value))  # one line; a leading or trailing space is kept
        text = _STRAIGHT_QUOTES.sub("“\\1”", text)   # typographic quotes, as the templates write them
    return f"{markup.OPEN}{text}{markup.CLOSE}" if text.strip() else text


# Only text the template made holds these: values from the data are single lines
# (the context flattens them) and never hold the private-use fence characters.
_TEMPLATE_MADE = ("\n", markup.OPEN, markup.CLOSE, markup.BREAK)
_WHITESPACE = re.compile(r"\s+")
_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')


def render_text(kind: str, context: dict[str, Any], templates_dir: str | Path | None = None) -> str:
    """The marked-up text of the report: template ``<kind>.j2`` rendered with ``context``."""
    env = environment(templates_dir, union=bool(context.get("tong_hop")))
    name = f"{kind}.j2"
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise ReportError(f"Không tìm thấy mẫu báo cáo {exc.name} trong thư mục "
                          f"{templates_dir or TEMPLATES_DIR}.") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ReportError(f"Mẫu báo cáo {exc.name or name}, dòng {exc.lineno}: sai cú pháp ({exc.message}).") from exc
    except (jinja2.UndefinedError, TypeError, ValueError) as exc:
        where = _template_line(exc) or name
        raise ReportError(f"Mẫu báo cáo {where}: {exc}") from exc


def _template_line(exc: BaseException) -> str | None:
    """"dai-hoi.j2, dòng 12" from the traceback Jinja2 rewrites to template lines."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{Path(frame.filename).name}, dòng {frame.lineno}"
    return None


def reference_for(templates_dir: str | Path | None) -> Path:
    """The styles document: the templates folder's own copy, else the shipped one."""
    if templates_dir is not None and (Path(templates_dir) / REFERENCE_NAME).exists():
        return Path(templates_dir) / REFERENCE_NAME
    return ref.REFERENCE_DOCX


def build_document(text: str, context: dict[str, Any], reference: str | Path, workdir: str | Path):
    """A python-docx ``Document`` for marked-up ``text``; charts are drawn into ``workdir``."""
    blocks = [b for b in markup.parse(text) if not _empty_placeholder(b, context)]
    blocks = markup.drop_empty_headings(blocks)
    markup.number_headings(blocks)
    doc = docx_layout.new_document(reference)
    writer = _Writer(doc, context, Path(workdir))
    for block in blocks:
        writer.write(block)
    writer.finish()
    docx_layout.set_page_numbers_from_page_2(doc)
    _properties(doc, blocks, context)
    return doc


def _empty_placeholder(block: markup.Block, context: dict[str, Any]) -> bool:
    """A table or chart placeholder with no data behind it (it is left out)."""
    if block.kind != "placeholder" or block.name not in ("bang", "hinh"):
        return False
    if not block.args:
        raise ReportError(f"Chỗ chèn [[{block.name}]] cần tên, ví dụ [[{block.name}: "
                          f"{'chi_tieu' if block.name == 'bang' else 'doan_vien'}]].")
    store = context["bang" if block.name == "bang" else "hinh"]
    if block.args[0] not in store:
        raise ReportError(f"Chỗ chèn [[{block.name}: {block.args[0]}]] không có; dùng một trong: "
                          f"{', '.join(sorted(store))}.")
    return store[block.args[0]] is None


class _Writer:
    """Writes blocks one after another into the document."""

    def __init__(self, doc, context: dict[str, Any], workdir: Path):
        self.doc, self.ctx, self.workdir = doc, context, workdir
        self.title: list[str] = []
        self.recipients: list[str] = []
        self.pictures = 0

    def write(self, block: markup.Block) -> None:
        if block.kind == "title":
            self._flush_title()
        if block.kind == "title" or (block.kind == "subtitle" and self.title):
            self.title.append(markup.plain(block.text))
            return
        self._flush_title()
        getattr(self, f"_{block.kind}")(block)

    def finish(self) -> None:
        self._flush_title()

    def _flush_title(self) -> None:
        if self.title:
            docx_layout.add_title(self.doc, self.title[0], [_no_break_terms(t) for t in self.title[1:]])
            self.title = []

    def _heading(self, block: markup.Block) -> None:
        par = self.doc.add_paragraph(style=HEADING_STYLES[block.level])
        for i, line in enumerate(block.lines):
            if i:
                par.add_run().add_break(WD_BREAK.LINE)
            if i == 0 and block.number:
                par.add_run(block.number + " ")
            self._runs(par, line)

    def _paragraph(self, block: markup.Block) -> None:
        self._runs(self.doc.add_paragraph(style=ref.STYLE_NORMAL), block.text)

    def _subtitle(self, block: markup.Block) -> None:
        """A ``==`` line away from the title: a centred line in the Subtitle style, with air below."""
        par = self.doc.add_paragraph(style=ref.STYLE_SUBTITLE)
        par.paragraph_format.space_after = Pt(SUBTITLE_SPACE_AFTER_PT)
        self._runs(par, block.text)

    def _item(self, block: markup.Block) -> None:
        par = self.doc.add_paragraph(style=ref.STYLE_NORMAL)
        par.add_run("- ")
        self._runs(par, block.text)

    @staticmethod
    def _runs(par, text: str) -> None:
        for run in markup.runs(text):
            r = par.add_run(_no_break_terms(run.text))
            if run.bold:
                r.bold = True
            if run.italic:
                r.italic = True

    def _placeholder(self, block: markup.Block) -> None:
        getattr(self, f"_{block.name}")(block.args)

    def _dau_van_ban(self, args: list[str]) -> None:
        ctx = self.ctx
        if ctx.get("du_thao"):  # built from incomplete data: a draft until every unit is in
            docx_layout.add_draft_mark(self.doc)
        docx_layout.add_header_block(self.doc, header_lines(ctx["cap_tren"]) or None, header_lines(ctx["don_vi"]),
                                     args[0] if args else None, ctx["dia_danh"], ctx["ngay_lap"])

    def _bang(self, args: list[str]) -> None:
        name, headers = args[0], args[1:]
        table = self.ctx["bang"][name]
        rows = [list(r) for r in table.rows]
        if table.total and len(headers) == table.columns + 1:
            rows[-1][1] = headers.pop()  # the label of the total row
        if len(headers) != table.columns:
            extra = " (và có thể thêm nhãn của dòng tổng)" if table.total else ""
            raise ReportError(f"Chỗ chèn [[bang: {name}]] cần đúng {table.columns} tiêu đề cột{extra}, "
                              f"cách nhau bởi dấu |; mẫu đang ghi {len(headers)}.")
        if self.doc.paragraphs and self.doc.paragraphs[-1].style.name == ref.STYLE_NORMAL:
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True   # "… như sau:" stays with its table
        docx_layout.add_table(self.doc, headers, rows, table.widths_cm, table.align or None)

    def _hinh(self, args: list[str]) -> None:
        name = args[0]
        self.pictures += 1
        from . import charts  # matplotlib, loaded on the first chart (xlwings Lite installs it then)

        chart = self.ctx["hinh"][name]
        refers = self.doc.paragraphs[-1] if self.doc.paragraphs else None
        if refers is not None and refers.style.name == ref.STYLE_NORMAL and _refers_to(refers.text, self.pictures):
            refers.paragraph_format.keep_with_next = True   # the sentence "… tại Hình 2." never ends a page alone
        path = charts.draw(chart, self.workdir / f"hinh-{self.pictures}-{name}.png")
        caption = f"Hình {self.pictures}. {args[1]}" if len(args) > 1 else None
        docx_layout.add_picture_with_caption(self.doc, path, caption, charts.size_cm(chart)[0])

    def _ngat_trang(self, args: list[str]) -> None:
        self.doc.add_page_break()

    def _noi_nhan(self, args: list[str]) -> None:
        self.recipients = list(args)

    def _ky_ten(self, args: list[str]) -> None:
        if self.doc.paragraphs:  # the closing sentence stays on the page of the signature
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        given = dict(zip(("on_behalf", "title", "name"), args))  # docx_layout's defaults for the rest
        given.setdefault("name", self.ctx["chu_tich"])
        docx_layout.add_signature_block(self.doc, self.recipients, **given)


def _refers_to(text: str, number: int) -> bool:
    """Whether a paragraph refers to picture ``number`` ("… thể hiện tại Hình 2.")."""
    return re.search(rf"\bHình\s{number}\b", text) is not None


#: Header lines longer than this (in capitals) are split before the place name.
HEADER_LINE_CHARS = 24
_PLACE = re.compile(r"\s+(?=(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s)")   # lower case: "Tỉnh ủy" is a name
_KIND = re.compile(r"^(Công đoàn cơ sở|Công đoàn ngành|Công đoàn)\s+", re.IGNORECASE)


def header_lines(name: str | None) -> str:
    """A body's name for the header: on two lines, broken before its place, when too long for one.

    "Liên đoàn Lao động tỉnh Bắc Sơn" → "Liên đoàn Lao động\ntỉnh Bắc Sơn", never
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH / BẮC SƠN" broken inside the place name.
    """
    if not name or len(name) <= HEADER_LINE_CHARS:
        return name or ""
    found = _PLACE.search(name)
    if found and found.start() > 0:
        return _PLACE.sub("\n", name, count=1)
    kind = _KIND.match(name)   # "Công đoàn cơ sở / Văn phòng Tỉnh ủy": the agency's name kept whole
    return f"{kind.group(1)}\n{name[kind.end():]}" if kind and kind.end() < len(name) else name


def _no_break_terms(text: str) -> str:
    """Text whose terms never break across lines: "2023–2028" (word joiners around its dash, invisible
    and still found by Word's search for the years), "khóa VII", "lần thứ VIII", "nhiệm kỳ 2023–2028"
    (no-break spaces). Title, headings and body paragraphs alike."""
    text = _TERM.sub("\\1\u2060\\2\u2060\\3", text)
    return _ORDINAL.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


_TERM = re.compile(r"(\d{4})([–-])(\d{4})")
#: "khóa VII", "lần thứ VIII" (Roman numerals) and "nhiệm kỳ 2023…": words kept with the number they name.
_ORDINAL = re.compile(r"\b(?i:kh(?:óa|oá)|lần thứ|nhiệm kỳ) (?:[IVXLC]+\b|\d{4})")


def _title_blocks(blocks: list[markup.Block]) -> list[markup.Block]:
    """The document's own title and subject lines (not an appendix's "Kèm theo …" line)."""
    out: list[markup.Block] = []
    for block in blocks:
        if block.kind in ("title", "subtitle") and (out or block.kind == "title"):
            out.append(block)
        elif out and block.kind != "placeholder":
            break
    return out


def _properties(doc, blocks: list[markup.Block], context: dict[str, Any]) -> None:
    props = doc.core_properties
    title = " ".join(markup.plain(b.text) for b in _title_blocks(blocks))
    props.title = title[:250]
    props.subject = context["don_vi"]
    props.author = context["don_vi"]
    props.comments = "Bản dự thảo tạo tự động từ sổ báo cáo; Ban Chấp hành rà soát, bổ sung trước khi ban hành."
    now = dt.datetime.now().replace(microsecond=0)
    props.created = props.modified = now
    props.revision = 1
