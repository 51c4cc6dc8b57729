"""Everything a report template may print, computed from the workbook data.

The templates hold the wording; this module holds the arithmetic. It turns a
:class:`~workbook_templates.model.BranchData` (one branch's workbook, or the
compiling union's consolidated one together with what it says about each
unit under it, :class:`Units`) into a plain dictionary of figures,
comparisons, tables, chart data and grouped texts for one report kind:

``dai-hoi``  the whole term, for the congress that closes it;
``nam``      one year, compared with the year before;
``so-ket``   the first half of the term (the first three years of five).

Figures are raw numbers (``None`` when nobody entered them; zero stays
zero) so the templates can leave out a sentence with ``{% if … %}`` and
write the rest with the Vietnamese filters. Keys are the catalogue codes.

Pure functions: no file, no Word, no Jinja.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from workbook_templates.catalogue import YES, Catalogue, Indicator, load_catalogue
from workbook_templates.model import BranchData, as_number, figures, is_filled, target_assessment, term_value
from workbook_templates.vn_numbers import parse_vn_number

from ..period import KINDS, Period, PeriodRequest, restrict
from ..spool import RowSpool
from . import dates, movements, selection, texts
from .markup import roman, unmarked
from .vn_format import dem
from .words import kem_don_vi

__all__ = ["APPENDIX_CODES", "APPENDIX_MAX_UNITS", "KINDS", "Chart", "ReportError", "Table", "UnitRow", "Units", "build_context", "formatted",
           "label", "numeric", "period_of", "union_name"]

# Texts of the Nội dung sheet that are lists of points.
LIST_TEXTS = ("ND_THUAN_LOI", "ND_KHO_KHAN", "ND_KET_QUA_NOI_BAT", "ND_MO_HINH", "ND_HAN_CHE", "ND_NGUYEN_NHAN",
              "ND_BAI_HOC", "ND_PHUONG_HUONG", "ND_NHIEM_VU_GIAI_PHAP", "ND_DE_XUAT")

RATING = "XL_CDCS"
MEMBERS, WOMEN, GROUPS, ADMITTED = "DV_TONG_SO", "DV_NU", "TC_SO_TO", "DV_KET_NAP"
#: Indicators of the per-unit appendix of a consolidated report.
APPENDIX_CODES = (GROUPS, MEMBERS, WOMEN, ADMITTED, RATING)
#: Above this many units the per-unit appendix stays in the consolidated workbook (its "Theo đơn vị"
#: sheet): a congress document of thousands of rows is read by nobody, and Word and LibreOffice take
#: minutes to lay it out.
APPENDIX_MAX_UNITS = 200
_LABEL_PREFIXES = ("Trong đó: ", "Trong đó ")


class ReportError(ValueError):
    """The report cannot be made from this data; the message says why, in Vietnamese."""


@dataclass
class UnitRow:
    """One compiled unit's own figures, for the appendix table."""

    name: str
    values: dict[str, list[Any]] = field(default_factory=dict)   # code -> one value per year
    start: dict[str, Any] = field(default_factory=dict)          # stock code -> start of term


class UnitTexts:
    """Every narrative text of every unit, parked on disk by indicator.

    Ten texts a unit are some 100 MB of Python strings at 10,000 units, and
    the report takes them one indicator at a time: so they are sorted once
    into a spool per indicator (:class:`~compiler.spool.RowSpool`) and read
    back per indicator, and memory holds the unit names only.
    """

    BATCH = 1000

    def __init__(self, rows: Iterable[tuple[str, str, str]] = ()):
        """``rows``: ``(unit name, indicator code, text)``."""
        self.names: set[str] = set()       # every unit that wrote a text
        self._spools: dict[str, RowSpool] = {}
        batches: dict[str, list[tuple[str, str]]] = {}
        for name, code, text in rows:
            self.names.add(name)
            batch = batches.setdefault(code, [])
            batch.append((name, text))
            if len(batch) >= self.BATCH:
                self._park(code, batch)
                batches[code] = []
        for code, batch in batches.items():
            self._park(code, batch)

    def _park(self, code: str, batch: list[tuple[str, str]]) -> None:
        if code not in self._spools:
            self._spools[code] = RowSpool()
        self._spools[code].extend(batch)

    def of(self, code: str) -> Iterable[tuple[str, str]]:
        """``(unit name, text)`` of indicator ``code``, in the order given."""
        return self._spools.get(code, ())


@dataclass
class Units:
    """What a consolidated workbook says about the units compiled into it.

    ``count``: units compiled; ``counts``: per rating / yes-no indicator,
    the number of units in each category per year of the term; ``texts``:
    every narrative text of every unit (:class:`UnitTexts`);
    ``rows``: each unit's figures (empty when the workbook carries none);
    ``registered``: units in the registry; ``left_out``: names of those
    whose figures are not in the totals (missing or faulty workbook).
    """

    count: int
    counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    texts: UnitTexts = field(default_factory=UnitTexts)
    rows: list[UnitRow] = field(default_factory=list)
    registered: int | None = None
    left_out: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A table placeholder's content: rows of ready-formatted cells.

    With ``total``, the last row holds totals and its second cell is left
    for the label the template gives (``Cộng``).
    """

    columns: int
    rows: list[list[str]]
    widths_cm: list[float]
    align: list[str | None] = field(default_factory=list)
    total: bool = False


@dataclass
class Chart:
    """Data of one chart: one bar group per category, one bar per series.

    ``unit`` labels the value axis; ``stacked`` stacks the series.
    """

    categories: list[str]
    series: list[tuple[str, list[float]]]
    unit: str
    stacked: bool = False


def period_of(kind: str, years: Sequence[int], year: int | None = None,
              span: tuple[int, int] | None = None) -> Period:
    """The years a report of ``kind`` covers: ``year`` or ``span`` when given, else the kind's default."""
    if kind not in KINDS:
        raise ReportError(f"Loại báo cáo {kind!r} không có; chọn một trong: {', '.join(KINDS)}.")
    if year is not None and kind != "nam":
        raise ReportError("Chỉ báo cáo năm (nam) mới chọn năm báo cáo.")
    try:
        return PeriodRequest(year=year, span=span, kind=kind).resolve(list(years))
    except ValueError as exc:
        raise ReportError(str(exc)) from exc


def build_context(data: BranchData, kind: str, year: int | None = None, units: Units | None = None,
                  catalogue: Catalogue | None = None, span: tuple[int, int] | None = None) -> dict[str, Any]:
    """The template context of a report of ``kind`` on ``data``.

    ``units``: what a consolidated workbook says about its units; ``None``
    for a branch's own report.
    """
    cat = catalogue or load_catalogue()
    data = numeric(cat, data)
    data_date = _date(data.info.get("NGAY_LAP"))
    if kind == "nam" and year is None and span is None:
        year = _last_finished(data.years, data_date)
    period = period_of(kind, data.years, year, span)
    when = dates.as_of(kind, period.last, data_date)
    idx = [data.years.index(y) for y in period.years]
    done = [i for i in idx if when.is_finished(data.years[i])]
    data = _ratings_of_finished_years(data, when)
    figs = figures(cat, restrict(cat, data, period))
    first, last = data.years[0] - 1, data.years[-1]
    v = {code: _value(cat[code], f.term) for code, f in figs.items()}
    start = {code: _number(f.start) for code, f in figs.items() if cat[code].kind in ("stock", "rate")}
    khoa = as_number(data.info.get("BCH_KHOA"))
    ctx: dict[str, Any] = {
        "loai": kind,
        "don_vi": line(data.unit_name),
        "ten_cong_doan": union_name(line(data.unit_name)),
        "cap_tren": line(data.info.get("CAP_TREN_TEN")),
        "dia_danh": line(data.info.get("DIA_DANH")),
        "ngay_lap": when.document,
        "ngay_so_lieu": when.data,
        "dang_dien_ra": not when.is_finished(period.last),
        "moc_hien_tai": when.current_label(period.last),
        "nam_xong": data.years[done[-1]] if done else None,
        "nam_ket_qua": [data.years[i] for i in done],   # the period's years whose year-end results are known
        "chu_tich": line(data.info.get("CHU_TICH")),
        "khoa": int(khoa) if khoa else None,
        "khoa_la_ma": roman(int(khoa)) if khoa else "",
        "dai_hoi_la_ma": roman(int(khoa) + 1) if khoa else "",
        "nhiem_ky": f"{first}–{last}",
        "nhiem_ky_toi": f"{last}–{2 * last - first}",
        "nam_dau": first,
        "nam_cuoi": last,
        "cac_nam": period.years,
        "tu_nam": period.first,
        "den_nam": period.last,
        "nam": period.last,
        "so_nam": len(period.years),
        "moc": period.first - 1,
        "v": v,
        "dau": start,
        "tang": {c: v[c] - s for c, s in start.items() if _both_numbers(v.get(c), s)},
        "theo_nam": {code: [_value(cat[code], x) for x in f.years] for code, f in figs.items()},
        "ten": {i.code: label(i) for i in cat.indicators},
        "dvt": {i.code: i.unit for i in cat.indicators},
        "tong_hop": units is not None,
        "so_don_vi": units.count if units is not None else None,
        "so_don_vi_truc_thuoc": (units.registered or units.count) if units is not None else None,
        "don_vi_chua_tong_hop": list(units.left_out) if units is not None else [],
        "phu_luc_o_so_tong_hop": units is not None and units.count > APPENDIX_MAX_UNITS,
        "so_rieng": _own_figures(cat, data, period, units is not None),
    }
    ctx["ky_hieu"] = symbol(ctx["ten_cong_doan"])
    ctx["du_thao"] = bool(ctx["don_vi_chua_tong_hop"])
    ctx.update(_targets(cat, data, v, kind))
    ctx["tien_do"] = _progress(cat, ctx) if kind == "so-ket" else []
    ctx["bien_dong"] = _moved_most(cat, ctx) if kind == "dai-hoi" else []
    ctx["nam_truoc"] = _previous_year(cat, data, period) if kind == "nam" else []
    ctx.update(_coherence(cat, v, start))
    ctx.update(_texts(cat, data, units))
    ctx["xep_loai"] = _ratings(cat, data, units, done)
    ctx["xep_loai_tom_tat"] = [_rating_summary(r) for r in ctx["xep_loai"]] if units is not None else []
    ctx.update(_yes_counts(cat, units, done))
    ctx["bang"] = _tables(cat, ctx, units, period)
    ctx["hinh"] = _charts(cat, data, units, idx, kind, when)
    ctx["dem_hinh"] = []   # charts referred to so far (macro hinh_so numbers them as the renderer does)
    return ctx


#: Results known only at the year-end review (domain.md section 4, "Dates"): the ratings of units, members and
#: the Party cell; the emulation titles and the awards of the year's emulation summary (Lao động tiên tiến,
#: Chiến sĩ thi đua, collective titles, "Giỏi việc nước, đảm việc nhà", Giấy khen, Bằng khen, Cờ thi đua);
#: initiatives, recognised by the initiatives council for those titles; the agency's "đạt chuẩn văn hóa".
#: A year still running on the data's date has none of them yet, whatever a workbook holds for it. State
#: awards (Huân chương, Kỷ niệm chương, Bằng Lao động sáng tạo) are decided during the year and are counted
#: when received; current counts (members, groups) keep the data's date ("đến tháng 6/2023").
YEAR_END = ("TC_SO_CDCS", "TC_CDCS_VUNG_MANH", "DV_DANH_GIA", "DV_XUAT_SAC", RATING, "TD_XEP_HANG_KHOI",
            "XDD_XEP_LOAI_TO_CHUC_DANG", "XDD_CO_QUAN_VAN_HOA",
            "TD_DV_BINH_XET", "TD_LDTT", "TD_CSTD_CO_SO", "TD_CSTD_TINH", "TD_CSTD_TOAN_QUOC", "TD_TAP_THE_LDXS",
            "TD_TAP_THE_LDTT", "NC_GIOI_VIEC_NUOC", "TD_GIAY_KHEN", "TD_BK_UBND", "TD_BK_LDLD", "TD_BK_TLD",
            "TD_BK_THU_TUONG", "TD_BK_BO", "TD_CO_THI_DUA", "TD_SANG_KIEN_CO_SO", "TD_SANG_KIEN_TINH")


def _ratings_of_finished_years(data: BranchData, when: dates.AsOf) -> BranchData:
    """``data`` (and the union's own figures) without the year-end results of a year not over on the data's date."""
    running = [i for i, y in enumerate(data.years) if not when.is_finished(y)]
    if not running:
        return data

    def finished_only(values: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return {code: [None if code in YEAR_END and i in running else x for i, x in enumerate(row)]
                for code, row in values.items()}

    return replace(data, values=finished_only(data.values), own=finished_only(data.own))


def _own_figures(cat: Catalogue, data: BranchData, period: Period, union: bool) -> dict[str, Any]:
    """The upper union's own work over the period (its own workbook: courses it ran, its Ủy ban Kiểm tra's
    inspections, its meetings, the Giấy khen it awarded, CĐCS founded…), by code, never added to the
    branches' figures. Every code is present (``None`` when not entered, and always for a branch's report).
    """
    out: dict[str, Any] = {i.code: None for i in cat.indicators}
    if not union or not data.own:
        return out
    own = numeric(cat, BranchData(catalogue_version=cat.version, years=list(data.years),
                                  values={c: list(v) for c, v in data.own.items() if c in cat}))
    own = restrict(cat, own, period)
    for code, values in own.values.items():
        ind = cat[code]
        if ind.per_year and ind.kind != "rate" and any(is_filled(x) for x in values):
            out[code] = _value(ind, term_value(ind, values))
    return out


def _last_finished(years: Sequence[int], data_date: dt.date | None) -> int | None:
    """The annual report's default year: the last year of the term over on the data's date."""
    finished = [y for y in years if data_date is None or y < data_date.year]
    return finished[-1] if finished else None


# ---------------------------------------------------------------- data preparation

def numeric(cat: Catalogue, data: BranchData) -> BranchData:
    """A copy whose numeric cells typed as text ("3.120", "20,7 triệu") are numbers."""
    def fix(code: str, value: Any) -> Any:
        if code in cat and cat[code].is_numeric and isinstance(value, str):
            parsed = parse_vn_number(value)
            return parsed.value if parsed else None
        return value

    return replace(
        data,
        values={c: [fix(c, x) for x in vals] for c, vals in data.values.items()},
        start={c: fix(c, x) for c, x in data.start.items()},
        targets={c: fix(c, x) for c, x in data.targets.items()},
        next_targets={c: fix(c, x) for c, x in data.next_targets.items()},
    )


def line(value: Any) -> str:
    """A text from the data on one line (an officer's Alt+Enter must not start a new paragraph)."""
    text = "" if value is None else str(value)
    return " ".join(unmarked(text).split())


def union_name(name: str) -> str:
    """The union's name as it follows "Ban Chấp hành": always starting with "Công đoàn"."""
    name = (name or "").strip()
    if name.casefold().startswith("công đoàn"):
        return name
    return f"Công đoàn {name}" if name else "Công đoàn"


def label(ind: Indicator) -> str:
    """The catalogue label without its "Trong đó:" lead, capitalised."""
    text = ind.label
    for prefix in _LABEL_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text[:1].upper() + text[1:]


def _number(value: Any) -> int | float | None:
    n = as_number(value)
    return round(n, 6) if isinstance(n, float) else n


def _value(ind: Indicator, value: Any) -> Any:
    if ind.is_numeric:
        return _number(value)
    return value if is_filled(value) else None


def _both_numbers(a: Any, b: Any) -> bool:
    return isinstance(a, (int, float)) and isinstance(b, (int, float))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def symbol(union: str) -> str:
    """The issuing union's abbreviation for the document symbol (``BC-CĐVC``, ``BC-CĐCS``, ``BC-LĐLĐ``)."""
    lowered = union.casefold()
    for head, abbreviation in SYMBOLS:
        if lowered.startswith(head):
            return abbreviation
    return "CĐ"


#: How a union's name starts -> its abbreviation in document symbols.
SYMBOLS = (("công đoàn cơ sở", "CĐCS"), ("công đoàn viên chức", "CĐVC"), ("liên đoàn lao động", "LĐLĐ"),
           ("công đoàn ngành", "CĐN"), ("công đoàn khu công nghiệp", "CĐKCN"), ("công đoàn các khu công nghiệp", "CĐKCN"),
           ("công đoàn khối", "CĐK"), ("công đoàn", "CĐ"))


# ---------------------------------------------------------------- comparisons and coherence

#: Indicators an annual report compares with the year before (domain.md section 2).
YEAR_ON_YEAR = ("DV_TONG_SO", "DV_KET_NAP", "CL_THAM_HOI_TIEN", "TD_LDTT", "TD_SANG_KIEN_CO_SO", "XH_TONG_UNG_HO")
#: The social funds named one by one under the total contributed.
FUNDS = ("XH_QUY_VI_NGUOI_NGHEO", "XH_QUY_COVID", "XH_QUY_THIEN_TAI", "XH_QUY_DEN_ON", "XH_QUY_BAO_TRO_TRE_EM",
         "XH_QUY_NONG_THON_MOI", "XH_QUY_MAI_AM")
FUNDS_TOTAL = "XH_TONG_UNG_HO"
MEMBER_FLOWS = {"DV_KET_NAP": 1, "DV_CHUYEN_DEN": 1, "DV_CHUYEN_DI": -1, "DV_GIAM_KHAC": -1}


def _moved_most(cat: Catalogue, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """The congress report's highlights of figures: what moved most against the term's start or its target,
    with the indicator's label and its figures written out."""
    out = []
    for m in movements.moved_most(cat, ctx["v"], ctx["dau"], ctx["chi_tieu"]):
        ind = cat[m["ma"]]
        write = (lambda x: formatted(ind, x)) if ind.unit in ("%", "đồng") else dem   # "98", not "98 sáng kiến"
        out.append(m | {"ten": label(ind), "dvt": ind.unit, **{f"{k}_chu": write(m[k]) for k in ("dau", "ket_qua", "chi_tieu") if k in m}})
    return out


def _previous_year(cat: Catalogue, data: BranchData, period: Period) -> list[dict[str, Any]]:
    """The annual report's comparison: each main indicator this year against the year before."""
    if period.first - 1 not in data.years:
        return []
    now, before = data.years.index(period.last), data.years.index(period.first - 1)
    rows = []
    for code in YEAR_ON_YEAR:
        if code not in cat:
            continue
        values = data.values.get(code, [])
        a = _number(values[now]) if now < len(values) else None
        b = _number(values[before]) if before < len(values) else None
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and (a or b):
            rows.append({"ma": code, "ten": label(cat[code]), "dvt": cat[code].unit, "nay": a, "truoc": b,
                         "chenh": a - b, "ti_le": (a * 100 / b) if b else None})
    return rows


def _progress(cat: Catalogue, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """The half-term review's progress to every term target.

    A flow (members admitted, initiatives) is summed over the whole term:
    its share of the target tells how far the term has come. A stock or a
    rate must hold at the end of the term: the mid-term value is compared
    with the target as it stands.
    """
    rows = []
    for ind in cat.targets:
        target, result = ctx["ct"].get(ind.code), ctx["v"].get(ind.code)
        if not isinstance(target, (int, float)) or not isinstance(result, (int, float)):
            continue
        flow = ind.kind == "flow"
        rows.append({"ma": ind.code, "ten": label(ind), "dvt": ind.unit, "chi_tieu": target, "ket_qua": result,
                     "luy_ke": flow, "ti_le": (result * 100 / target) if flow and target else None,
                     "dat": target_assessment(ind, result, target) in ("Vượt", "Đạt"),
                     "cao_hon_tot": ind.higher_is_better})
    return rows


def _coherence(cat: Catalogue, v: dict[str, Any], start: dict[str, Any]) -> dict[str, Any]:
    """Gaps a careful reader would see, so the text names them instead of printing them silently.

    ``chenh_doan_vien``: members at the end minus (start + admitted + in −
    out − other); ``quy_khac``: the part of the total contributed that no
    named fund accounts for; ``quy_vuot``: the named funds add up to more
    than the total entered (the report then gives their sum).
    """
    out: dict[str, Any] = {"chenh_doan_vien": None, "quy_khac": None, "quy_vuot": None}
    end, begin = v.get(MEMBERS), start.get(MEMBERS)
    if _both_numbers(end, begin):
        moved = sum(sign * (v.get(c) or 0) for c, sign in MEMBER_FLOWS.items() if isinstance(v.get(c), (int, float)))
        gap = end - (begin + moved)
        out["chenh_doan_vien"] = gap or None
    named = [v.get(c) for c in FUNDS if c in cat and isinstance(v.get(c), (int, float))]
    total = v.get(FUNDS_TOTAL)
    if named and isinstance(total, (int, float)):
        if sum(named) < total:
            out["quy_khac"] = total - sum(named)
        elif sum(named) > total:
            out["quy_vuot"] = sum(named)
    return out


# ---------------------------------------------------------------- targets

def formatted(ind: Indicator, value: Any) -> str:
    """A figure with its unit, written the Vietnamese way (for tables)."""
    return kem_don_vi(value, ind.unit)


def _targets(cat: Catalogue, data: BranchData, v: dict[str, Any], kind: str) -> dict[str, Any]:
    """Targets of this term against results (congress report only) and those for the next term."""
    rows, counts = [], {"tong": 0, "vuot": 0, "dat": 0, "khong_dat": 0}
    ct = {i.code: _number(data.targets.get(i.code)) for i in cat.targets}
    ct_toi = {i.code: _number(data.next_targets.get(i.code)) for i in cat.targets}
    if kind == "dai-hoi":
        for ind in cat.targets:
            target, result = ct[ind.code], v.get(ind.code)
            if target is None:
                continue
            verdict = target_assessment(ind, result, target)
            rows.append({"ma": ind.code, "ten": label(ind), "chi_tieu": target, "ket_qua": result,
                         "danh_gia": verdict or "", "dvt": ind.unit, "cao_hon_tot": ind.higher_is_better})
            counts["tong"] += 1
            if verdict:
                counts[{"Vượt": "vuot", "Đạt": "dat", "Không đạt": "khong_dat"}[verdict]] += 1
    upcoming = [{"ma": i.code, "ten": label(i), "gia_tri": ct_toi[i.code], "dvt": i.unit,
                 **_target_wording(i, ct_toi[i.code], data.next_target_marks.get(i.code)), "hien_tai": v.get(i.code) if i.kind != "flow" else None,
                 "thap_hon_hien_tai": i.kind != "flow" and _both_numbers(v.get(i.code), ct_toi[i.code])
                 and (ct_toi[i.code] < v[i.code] if i.higher_is_better else ct_toi[i.code] > v[i.code])}
                for i in cat.targets if ct_toi[i.code] is not None]
    verdicts = {i.code: "" for i in cat.targets} | {r["ma"]: r["danh_gia"] for r in rows}
    return {"ct": ct, "ct_toi": ct_toi, "chi_tieu": rows, "so_chi_tieu": counts, "chi_tieu_toi": upcoming,
            "danh_gia": verdicts}


# ---------------------------------------------------------------- texts

def _texts(cat: Catalogue, data: BranchData, units: Units | None) -> dict[str, Any]:
    """Points of every narrative text, grouped by task area, and what the report names.

    ``rieng``: the reporting union's own words only (a union's from its own
    workbook). ``van_ban``: the own words, or, when it wrote none, the
    points of all its units gathered and merged (with the number of units
    that raised each); ``nhom``: a union's units' points (a branch's own)
    grouped by task area; a point of a unit that names the union itself (a branch thanking
    its upper union) is not the union's to repeat. ``noi_bat``: the
    weightiest highlights with their unit (union), or the branch's
    highlights that do not repeat the body. ``mo_hinh``: models with the
    units that run them. Registers, when the workbook has rows, give the
    awards, models, works and documents by name.
    """
    van_ban, rieng, nhom = {}, {}, {}
    titles = {s.code: s.title for s in cat.sections}
    names = {line(n) for n in units.texts.names} if units is not None else set()
    itself = union_name(line(data.unit_name))

    def unit_points(code: str) -> list[tuple[str, str]]:
        """(unit name, point) of the units' texts of ``code``, read per indicator (see :class:`UnitTexts`)."""
        if units is None:
            return []
        return [(name, p) for n, t in units.texts.of(code) for name in (line(n),) for p in texts.points(t)]

    for code in LIST_TEXTS:
        own = texts.points(data.texts.get(code))
        if names and texts.is_digest(data.texts.get(code), names):
            own = []  # the compiler's "- unit: text" digest, not the union's own words
        if units is not None and data.own_texts.get(code):
            own = texts.points(data.own_texts[code])  # the union's own workbook: its own words
        rieng[code] = own
        from_units = [(n, p) for n, p in unit_points(code) if itself.casefold() not in p.casefold()]
        branches = texts.merge(from_units) if from_units else []
        merged = [texts.Point(p) for p in own] if own or not branches else branches
        van_ban[code] = [p.text for p in merged]
        # a union's report groups its branches' points beside its own words; a branch's, its own points
        nhom[code] = [{"linh_vuc": g.area, "ten": titles.get(g.area, ""), "y": [_point(p) for p in g.points]}
                      for g in texts.group(branches if units is not None else merged)]
    registers = data.registers
    khen_thuong = selection.awards(registers.get(selection.AWARDS, []))
    # the awards register names the highest awards already: a highlight retelling one is a repeat
    retold = selection.AWARD_WORDS if khen_thuong else ()
    if units is not None:
        stated = unit_points("ND_KET_QUA_NOI_BAT")
        counted = set(selection.not_in_body([p for _, p in stated]))
        highlights = [(n, p) for n, p in stated if p in counted and not any(w in p.casefold() for w in retold)]
        noi_bat = [vars(q) for q in selection.weightiest(highlights, 6, skip=(itself,))]
        models = [{"ten": p.text, "don_vi": p.units[:3], "so_don_vi": len(p.units)}
                  for p in texts.merge(unit_points("ND_MO_HINH"))[:5]]
    else:
        noi_bat = [{"don_vi": "", "noi_dung": p} for p in selection.not_in_body(rieng["ND_KET_QUA_NOI_BAT"])
                   if not any(w in p.casefold() for w in retold)]
        models = [{"ten": p, "don_vi": [], "so_don_vi": 0} for p in rieng["ND_MO_HINH"]]
    # the documents a report cites and the solutions it sets are the reporting union's own, never a branch's
    # (a row with no unit code is the workbook's own, as the reader reads it)
    own_rows = {code: [r for r in registers.get(code, []) if r.get("DON_VI_MA") in (None, "", data.unit_code)]
                for code in (selection.DOCUMENTS, selection.SOLUTIONS)}
    return {"van_ban": van_ban, "rieng": rieng, "nhom": nhom, "noi_bat": noi_bat, "mo_hinh": models,
            "khen_thuong": khen_thuong,
            "mo_hinh_so": selection.models(registers.get(selection.MODELS, [])),
            "cong_trinh": selection.works(registers.get(selection.WORKS, [])),
            "van_ban_trien_khai": selection.documents(own_rows[selection.DOCUMENTS]),
            "giai_phap_rieng": selection.solutions(own_rows[selection.SOLUTIONS]),
            "giai_phap_y": [{"tieu_de": p, "linh_vuc": texts.area_of(p)} for p in rieng["ND_NHIEM_VU_GIAI_PHAP"]]}


#: Units a grouped point names; ``so_don_vi`` counts them all (thousands for a point every unit raised).
POINT_UNITS = 10


def _point(p: texts.Point) -> dict[str, Any]:
    return {"noi_dung": p.text, "don_vi": p.units[:POINT_UNITS], "so_don_vi": len(p.units)}


# ---------------------------------------------------------------- units

def _ratings(cat: Catalogue, data: BranchData, units: Units | None, idx: Sequence[int]) -> list[dict]:
    """Ratings per year: the branch's own, or how many units got each rating."""
    if RATING not in cat:
        return []
    choices = list(cat[RATING].choices)
    out = []
    for i in idx:
        year = data.years[i]
        if units is None:
            rating = data.values.get(RATING, [None] * len(data.years))[i]
            if is_filled(rating):
                out.append({"nam": year, "muc": rating})
            continue
        table = units.counts.get(RATING, {})
        counts = [(c, int(table.get(c, [0] * len(data.years))[i] or 0)) for c in choices]
        rated = sum(n for _, n in counts)
        if rated:
            out.append({"nam": year, "tong": rated, "muc": dict(counts), "hang": counts})
    return out


#: The older classification of a CĐCS (xếp loại), as against "mức độ hoàn thành nhiệm vụ".
OLD_SCALE = ("vững mạnh xuất sắc", "vững mạnh", "khá", "trung bình", "yếu")
#: The good end of each scale, headlined as a share.
GOOD = {"cu": ("vững mạnh xuất sắc", "vững mạnh"),
        "moi": ("hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ")}


def _rating_summary(year: dict[str, Any]) -> dict[str, Any]:
    """One year's ratings of the units on the scale most of them were rated on.

    ``thang_do``: "moi" (mức độ hoàn thành nhiệm vụ) or "cu" (xếp loại vững
    mạnh…); ``tot``: units at the good end; ``so``: units on that scale;
    ``muc``: its categories with their counts, the good end first;
    ``khac``: units rated on the other scale that year, never ranked with them.
    """
    old = [(m, n) for m, n in year["hang"] if m.casefold() in OLD_SCALE and n]
    new = [(m, n) for m, n in year["hang"] if m.casefold() not in OLD_SCALE and n]
    scale, main, other = ("cu", old, new) if sum(n for _, n in old) > sum(n for _, n in new) else ("moi", new, old)
    good = sum(n for m, n in main if m.casefold() in GOOD[scale])
    return {"nam": year["nam"], "thang_do": scale, "tot": good, "so": sum(n for _, n in main), "muc": main,
            "khac": other, "so_khac": sum(n for _, n in other)}


def _yes_counts(cat: Catalogue, units: Units | None, idx: Sequence[int]) -> dict[str, Any]:
    """For each yes/no indicator: how many units answered "Có", per period year and in the last one.

    A branch's own report has no units: every count is ``None``.
    """
    per_year: dict[str, list[int] | None] = {}
    for ind in cat.indicators:
        if ind.kind != "yesno":
            continue
        if units is None:
            per_year[ind.code] = None
            continue
        row = units.counts.get(ind.code, {}).get(YES, [])
        per_year[ind.code] = [int(row[i] or 0) if i < len(row) else 0 for i in idx]
    return {"co": {c: years[-1] if years else None for c, years in per_year.items()}, "co_theo_nam": per_year}


# ---------------------------------------------------------------- tables

def _tables(cat: Catalogue, ctx: dict[str, Any], units: Units | None, period: Period) -> dict[str, Table | None]:
    tables: dict[str, Table | None] = {"chi_tieu": None, "chi_tieu_toi": None, "don_vi": None}
    if ctx["chi_tieu"]:
        rows = [[dem(n), r["ten"], formatted(cat[r["ma"]], r["chi_tieu"]), formatted(cat[r["ma"]], r["ket_qua"]),
                 r["danh_gia"]] for n, r in enumerate(ctx["chi_tieu"], start=1)]
        tables["chi_tieu"] = Table(5, rows, [1.1, 6.9, 3.0, 3.0, 2.5],
                                   ["center", "left", "center", "center", "center"])
    if ctx["chi_tieu_toi"]:
        rows = [[dem(n), r["ten"], formatted(cat[r["ma"]], r["gia_tri"])]
                for n, r in enumerate(ctx["chi_tieu_toi"], start=1)]
        tables["chi_tieu_toi"] = Table(3, rows, [1.1, 10.4, 5.0], ["center", "left", "center"])
    if units is not None and units.rows:
        tables["don_vi"] = _units_table(cat, units.rows, ctx, period)
    return tables


def _target_wording(ind: Indicator, value: float, mark: str | None) -> dict[str, str]:
    """How a resolution words a target: its own qualifier where it gave one ("trên 95%", "700 người trở lên"),
    else "trở lên"/"trở xuống" by the indicator's direction, and nothing for a full 100%."""
    if not mark:
        if ind.unit == "%" and value >= 100:
            return {"truoc": "", "sau": ""}
        mark = "trở lên" if ind.higher_is_better else "trở xuống"
    return {"truoc": "", "sau": " " + mark} if mark.startswith("trở") else {"truoc": mark + " ", "sau": ""}


def _units_table(cat: Catalogue, rows: Sequence[UnitRow], ctx: dict[str, Any], period: Period) -> Table:
    """Appendix: one row per unit with its main figures for the period, and their total."""
    years = list(range(ctx["nam_dau"] + 1, ctx["nam_cuoi"] + 1))
    out, totals = [], [0, 0, 0, 0, 0]
    for n, row in enumerate(rows, start=1):
        values = {c: (list(v) + [None] * len(years))[:len(years)] for c, v in row.values.items()}
        data = restrict(cat, numeric(cat, BranchData(catalogue_version=cat.version, years=years, values=values,
                                                     start=dict(row.start))), period)
        term = {c: _number(term_value(cat[c], data.values.get(c, []), data.start.get(c)))
                for c in (GROUPS, MEMBERS, WOMEN, ADMITTED)}   # only the appendix's figures: linear and light
        numbers = [term[GROUPS], _number(data.start.get(MEMBERS)), term[MEMBERS], term[WOMEN], term[ADMITTED]]
        totals = [t + (x or 0) for t, x in zip(totals, numbers)]
        rated = ctx["nam_xong"]
        rating = values.get(RATING, [None] * len(years))[years.index(rated)] if rated in years else None
        rating_text = str(rating) if is_filled(rating) else ""
        out.append([dem(n), _short_name(line(row.name)), *map(_count, numbers), rating_text])
    out.append(["", "", *map(_count, totals), ""])  # the template names the total row
    return Table(8, out, [1.0, 5.0, 1.4, 1.7, 1.7, 1.5, 1.5, 2.7],
                 ["center", "left", "center", "center", "center", "center", "center", "left"], total=True)


def _short_name(name: str) -> str:
    """A unit's name without the "Công đoàn cơ sở" its column header already says."""
    for prefix in ("Công đoàn cơ sở ", "CĐCS "):
        if name.casefold().startswith(prefix.casefold()) and len(name) > len(prefix):
            return name[len(prefix):]
    return name


def _count(value: Any) -> str:
    """A count in a table cell; a dash for zero, nothing when missing."""
    if value is None:
        return ""
    return dem(value) if value else "-"


# ---------------------------------------------------------------- charts

def _charts(cat: Catalogue, data: BranchData, units: Units | None, idx: Sequence[int],
            kind: str, when: dates.AsOf) -> dict[str, Chart | None]:
    """Chart data. An annual report shows the trend from the first year of the term.

    A year still running on the data's date is labelled with its month ("6/2023");
    ratings are drawn for finished years only.
    """
    span = list(range(0, idx[-1] + 1)) if kind == "nam" else list(idx)
    labels = [when.year_label(data.years[i]) for i in span]

    def yearly(code: str) -> list[float]:
        values = data.values.get(code, [None] * len(data.years))
        return [float(as_number(values[i]) or 0) for i in span]

    charts: dict[str, Chart | None] = {}
    members = [(label(cat[c]), yearly(c)) for c in (MEMBERS, WOMEN)]
    starts = [float(as_number(data.start.get(c)) or 0) for c in (MEMBERS, WOMEN)]
    if span[0] == 0 and any(starts):  # the congress that opened the term
        members = [(name, [s] + values) for (name, values), s in zip(members, starts)]
        charts["doan_vien"] = _chart([str(data.years[0] - 1)] + labels, members, cat[MEMBERS].unit)
    else:
        charts["doan_vien"] = _chart(labels, members, cat[MEMBERS].unit)
    money = [yearly(i.code) for i in cat.in_section("CHAM_LO") if i.is_money]
    charts["cham_lo"] = _money_chart(labels, [sum(col) for col in zip(*money)])
    closed = [n for n, i in enumerate(span) if when.is_finished(data.years[i])]   # titles: finished years only
    awards = [(label(cat[c]), [yearly(c)[n] for n in closed]) for c in ("TD_LDTT", "TD_CSTD_CO_SO") if c in cat]
    charts["thi_dua"] = _chart([labels[n] for n in closed], awards, "người")
    charts["xa_hoi"] = _money_chart(labels, yearly("XH_TONG_UNG_HO"))
    charts["xep_loai"] = None
    if units is not None:
        counts = _ratings(cat, data, units, [i for i in span if when.is_finished(data.years[i])])
        if counts:   # the scale most units were rated on: two scales are never stacked into one ranking
            old = sum(n for c in counts for m, n in c["hang"] if m.casefold() in OLD_SCALE)
            new = sum(n for c in counts for m, n in c["hang"] if m.casefold() not in OLD_SCALE)
            scale = [ch for ch in cat[RATING].choices if (ch.casefold() in OLD_SCALE) == (old > new)]
            charts["xep_loai"] = _chart([str(c["nam"]) for c in counts],
                                        [(ch, [float(c["muc"][ch]) for c in counts]) for ch in scale],
                                        "đơn vị", stacked=True)
    return charts


def _money_chart(categories: list[str], dong: list[float]) -> Chart | None:
    """Amounts per year in triệu đồng, or in tỷ đồng once a year reaches a billion."""
    scale, unit = (1e9, "tỷ đồng") if max(dong, default=0) >= 1e9 else (1e6, "triệu đồng")
    return _chart(categories, [("", [x / scale for x in dong])], unit)


def _chart(categories: list[str], series: list[tuple[str, list[float]]], unit: str,
           stacked: bool = False) -> Chart | None:
    """A chart, or ``None`` when every value is zero or missing (nothing to show)."""
    series = [(name, values) for name, values in series if any(values)]
    if not series:
        return None
    return Chart(categories, series, unit, stacked)
