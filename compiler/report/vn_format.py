"""Vietnamese administrative number, money and date formatting.

Every public function here is registered as a Jinja2 filter (see ``FILTERS``)
so that report templates can write figures the way an experienced union
officer would: ``3.120 đoàn viên``, ``07 Tổ Công đoàn``, ``hơn 4,4 tỷ đồng``,
``98,5%``, ``44/45``, ``Một là``, ``ngày 18 tháng 4 năm 2023``.

Conventions shared by all filters
---------------------------------
* The first argument is the value piped into the filter; everything else is an
  optional keyword (``{{ x | so(1) }}``, ``{{ a | ti_le(b) }}``).
* Missing input (``None``, ``""``, NaN or a Jinja2 ``Undefined``) returns
  ``""`` so the template can decide to leave the sentence out
  (``{% if x %}…{% endif %}``).  Zero is *not* missing: ``tien(0)`` is
  ``"0 đồng"``; templates skip zero sentences themselves.
* Rounding is always "half up" (``ROUND_HALF_UP``, away from zero), computed
  in ``Decimal`` so that ``240,45`` becomes ``240,5`` and not ``240,4``
  because of binary floating point.
* Input that is not a number (e.g. ``"abc"``) raises ``ValueError``: a typo in
  the data should be visible, not silently printed as an empty string.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

try:  # Jinja2 is a dependency, but the formatters must not need it.
    from jinja2 import Undefined as _JinjaUndefined
except ImportError:  # pragma: no cover
    _JinjaUndefined = ()  # type: ignore[assignment]

__all__ = [
    "so",
    "dem",
    "tien",
    "phan_tram",
    "ti_le",
    "phan_so",
    "thu_tu",
    "ngay",
    "ngay_ngan",
    "so_sanh_chi_tieu",
    "danh_gia_chi_tieu_cau",
    "so_tron",
    "tren_tong",
    "FILTERS",
]

# Words used by the filters; kept together so a reviewer sees all user-facing
# text at a glance.
DONG = "đồng"
TRIEU = "triệu"
TY = "tỷ"
ABOVE = "hơn"  # true value is larger than the rounded figure
BELOW = "gần"  # true value is smaller than the rounded figure
VUOT = "vượt"
DAT = "đạt"
KHONG_DAT = "không đạt"

_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)
_FLOAT_MAX_DECIMALS = 6


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if _JinjaUndefined and isinstance(x, _JinjaUndefined):
        return True
    if isinstance(x, str) and not x.strip():
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    if isinstance(x, Decimal) and x.is_nan():
        return True
    return False


def _to_decimal(x: Any) -> Decimal | None:
    """Convert a number (or numeric string) to Decimal; None when missing."""
    if _is_missing(x):
        return None
    if isinstance(x, bool):
        raise ValueError(f"không phải là số: {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, int):
        d = Decimal(x)
    elif isinstance(x, float):
        if math.isinf(x):
            raise ValueError(f"không phải là số hữu hạn: {x!r}")
        # repr() gives the shortest string that round-trips, so 98.5 stays
        # 98.5 and 0.1 + 0.2 is tamed below.
        d = Decimal(repr(x))
        if d.as_tuple().exponent < -_FLOAT_MAX_DECIMALS:  # type: ignore[operator]
            d = d.quantize(Decimal(1).scaleb(-_FLOAT_MAX_DECIMALS), ROUND_HALF_UP)
    else:
        text = str(x).strip().replace(" ", "")
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"không phải là số: {x!r}") from None
    if not d.is_finite():
        raise ValueError(f"không phải là số hữu hạn: {x!r}")
    return d


def _round(d: Decimal, decimals: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.append(digits[-3:])
        digits = digits[:-3]
    parts.append(digits)
    return ".".join(reversed(parts))


def _format_decimal(d: Decimal, decimals: int | None = None) -> str:
    """Dot for thousands, comma for decimals, trailing zeros dropped."""
    if decimals is not None:
        d = _round(d, decimals)
    negative = d < 0
    d = abs(d)
    text = format(d, "f")
    int_part, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if int(int_part) == 0 and not frac:
        negative = False  # never print "-0"
    out = _group_thousands(int_part) + ("," + frac if frac else "")
    return ("-" if negative else "") + out


def _to_date(x: Any) -> _dt.date | None:
    if _is_missing(x):
        return None
    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    if isinstance(x, str):
        text = x.strip()
        try:
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return _dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise ValueError(f"không phải là ngày: {x!r}")


def _day_text(day: int) -> str:
    # Nghị định 30/2020, Phụ lục I: days below 10 take a leading zero.
    return f"{day:02d}"


def _month_text(month: int) -> str:
    # Nghị định 30/2020, Phụ lục I: months 1 and 2 take a leading zero
    # (so "tháng 01" and "tháng 02" cannot be read as "tháng 10"/"tháng 12").
    return f"{month:02d}" if month < 3 else str(month)


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------


def so(x: Any, decimals: int | None = None) -> str:
    """Số viết kiểu Việt Nam / a number written the Vietnamese way.

    Dấu chấm phân cách hàng nghìn, dấu phẩy thập phân; số 0 thừa ở cuối bị bỏ.
    Thousands separator ".", decimal separator ",", trailing zeros dropped.

    ``decimals``: số chữ số thập phân tối đa (làm tròn nửa lên). Without it an
    integer is printed whole and a float keeps its own decimals (at most 6).

    Ví dụ: ``{{ 3120 | so }}`` → ``3.120``; ``{{ 98.5 | so }}`` → ``98,5``;
    ``{{ 4.0 | so }}`` → ``4``; ``{{ 98.46 | so(1) }}`` → ``98,5``.
    """
    d = _to_decimal(x)
    if d is None:
        return ""
    return _format_decimal(d, decimals)


def dem(n: Any, width: int = 2) -> str:
    """Số đếm kiểu hành chính / administrative count with a leading zero.

    Số nhỏ hơn 10 có số 0 ở trước: ``07 Tổ Công đoàn``, ``01 đoàn viên``,
    ``04 lần``. ``width`` is the minimum number of digits (default 2). Số 0
    viết là ``0`` (templates normally leave out a sentence about zero).
    Số lớn có dấu chấm: ``1.234``.

    Ví dụ: ``{{ so_to | dem }} Tổ Công đoàn`` → ``04 Tổ Công đoàn``.
    """
    d = _to_decimal(n)
    if d is None:
        return ""
    if d != d.to_integral_value():
        raise ValueError(f"số đếm phải là số nguyên: {n!r}")
    value = int(d)
    if value < 0:
        raise ValueError(f"số đếm không được âm: {n!r}")
    if value == 0:
        return "0"
    if value < 1000:
        return str(value).zfill(width)
    return _format_decimal(Decimal(value))


def _approx_word(true: Decimal, shown: Decimal, above: str, below: str) -> str:
    word = above if true > shown else below if true < shown else ""
    return word + " " if word else ""


#: "gần" only when the true value is at most this far below a round figure.
NEAR = Decimal("0.97")


def _round_above(value: Decimal) -> Decimal:
    """The next figure above ``value`` with one significant digit (8,96 → 9; 197 → 200; 1,05 → 2)."""
    exponent = value.adjusted()
    step = Decimal(1).scaleb(exponent)
    head = (value / step).to_integral_value(rounding=ROUND_FLOOR)
    return (head + 1) * step


def _readable(value: Decimal, digits: int | None = None) -> tuple[Decimal, str]:
    """How a writer shows a positive figure in its unit: (figure shown, "", "hơn" or "gần" side).

    Exact when exact to one decimal; "gần" a round figure (one significant
    digit) when at most 3% below it; else truncated (never rounded up) to
    one decimal (with ``digits=3``: whole units from 100, three
    significant digits), the remainder announced by "hơn".
    """
    if value == value.quantize(Decimal("0.1"), rounding=ROUND_DOWN):
        return value, ""
    round_figure = _round_above(value)
    if value >= round_figure * NEAR:
        return round_figure, "below"
    coarse = digits is not None and value.adjusted() + 1 >= digits
    shown = value.quantize(Decimal(1) if coarse else Decimal("0.1"), rounding=ROUND_DOWN)
    return shown, "above"


def tien(dong: Any, exact: bool = False, above: str = ABOVE, below: str = BELOW, digits: int | None = None) -> str:
    """Số tiền (đồng) / an amount of money in đồng, as a writer of the genre puts it.

    Quy tắc / rules (domain.md section 4):

    * dưới 1 triệu: viết đủ — ``458.500 đồng``;
    * từ 1 triệu: đơn vị triệu đồng, từ 1 tỷ: tỷ đồng;
    * số tròn đến 0,1 đơn vị viết đúng như thế: ``132,4 triệu đồng``,
      ``458,5 triệu đồng``, ``4 tỷ đồng``;
    * ngay dưới một số tròn (một chữ số có nghĩa, cách không quá 3%):
      ``gần 100 triệu đồng``, ``gần 9 triệu đồng``, ``gần 1 tỷ đồng`` —
      không bao giờ ``gần 1,1 tỷ`` cho 1,05 tỷ;
    * còn lại: cắt bớt (không làm tròn lên) đến một chữ số thập phân, kèm
      ``hơn`` cho phần lẻ: ``hơn 20,7 triệu đồng``, ``trên 240,4 triệu đồng``,
      ``hơn 4,4 tỷ đồng``; tổng của cả một công đoàn cấp trên (``digits=3``)
      gọn hơn, ba chữ số có nghĩa: ``hơn 800 triệu đồng``.

    Options: ``exact=True`` viết đủ mọi chữ số (``458.520.000 đồng``);
    ``above="trên"`` thay cho ``hơn``; ``below`` thay cho ``gần``.
    Số âm (hiếm gặp, ví dụ bội chi) luôn viết đủ: ``-1.500.000 đồng``.
    Phần lẻ dưới 1 đồng được làm tròn đến đồng.

    Ví dụ: ``{{ tong_tien | tien }}`` → ``gần 9 triệu đồng``.
    """
    d = _to_decimal(dong)
    if d is None:
        return ""
    d = _round(d, 0)
    if exact or d < _MILLION:
        return f"{_format_decimal(d)} {DONG}"
    scale, name = (_MILLION, TRIEU) if d < _BILLION else (_BILLION, TY)
    shown, side = _readable(d / scale, digits)
    if side == "below" and name == TRIEU and shown * scale >= _BILLION:
        shown, name = shown * scale / _BILLION, TY   # "gần 1 tỷ", never "gần 1.000 triệu"
    word = {"above": above, "below": below}.get(side, "")
    return f"{word + ' ' if word else ''}{_format_decimal(shown)} {name} {DONG}"


def so_tron(n: Any, unit: str = "") -> str:
    """Số lớn viết tròn / a large count as the genre rounds it: ``gần 5 nghìn lượt``.

    Dưới 1.000 viết đúng (``130 suất quà``, ``07 lần``); từ 1.000 viết theo
    nghìn với cùng quy tắc như ``tien``: ``3 nghìn``, ``gần 5 nghìn``,
    ``hơn 12,3 nghìn``, ``hơn 124 nghìn``.
    """
    d = _to_decimal(n)
    if d is None:
        return ""
    tail = f" {unit}" if unit else ""
    if d < 1000:
        return dem(d) + tail
    shown, side = _readable(d / 1000, 3)
    word = {"above": ABOVE, "below": BELOW}.get(side, "")
    return f"{word + ' ' if word else ''}{_format_decimal(shown)} nghìn{tail}"


def _percent_shown(value: Decimal, decimals: int) -> Decimal:
    shown = _round(value, decimals)
    # Never print "100%" for something that is not all: 99,96% stays below.
    if shown == 100 and value < 100:
        shown = Decimal(100) - Decimal(1).scaleb(-decimals)
    return shown


def _percent_text(value: Decimal, decimals: int) -> str:
    return _format_decimal(_percent_shown(value, decimals)) + "%"


def phan_tram(x: Any, decimals: int = 1) -> str:
    """Tỷ lệ phần trăm / a percentage (the input is already 0–100, not 0–1).

    Làm tròn nửa lên đến ``decimals`` chữ số (mặc định 1), bỏ ``,0``:
    ``98.5`` → ``98,5%``, ``100`` → ``100%``, ``0.5`` → ``0,5%``.
    Một tỷ lệ chưa đủ 100% không bao giờ được viết thành ``100%``
    (99,96 → ``99,9%``), để báo cáo không nói "toàn bộ" khi chưa phải.
    """
    d = _to_decimal(x)
    if d is None:
        return ""
    return _percent_text(d, decimals)


def ti_le(part: Any, whole: Any, decimals: int = 1) -> str:
    """Tỷ lệ phần trăm tính từ tử số/mẫu số / percentage of part in whole.

    ``{{ dang_vien | ti_le(doan_vien) }}`` với 44 và 45 → ``97,8%``.
    Trả về ``""`` khi mẫu số bằng 0 hoặc thiếu số liệu.
    """
    p = _to_decimal(part)
    w = _to_decimal(whole)
    if p is None or w is None or w == 0:
        return ""
    return _percent_text(p * 100 / w, decimals)


def phan_so(part: Any, whole: Any) -> str:
    """Phần trên tổng số / "part of whole" written as a fraction.

    ``{{ dang_vien | phan_so(doan_vien) }} đoàn viên là đảng viên`` →
    ``44/45 đoàn viên là đảng viên``; số lớn có dấu chấm: ``1.234/3.120``.
    """
    p = _to_decimal(part)
    w = _to_decimal(whole)
    if p is None or w is None:
        return ""
    return f"{_format_decimal(p)}/{_format_decimal(w)}"


#: From this share of a group, the genre writes "x/y" ("48/51 CĐCS") rather than a percentage.
NEARLY_ALL = Decimal("0.9")


def tren_tong(part: Any, whole: Any, noun: str = "") -> str:
    """Phần của một nhóm như người viết báo cáo vẫn viết.

    Tất cả hoặc gần hết (từ 90%): ``70/70 đoàn viên``, ``48/51 CĐCS``;
    còn lại: số và tỷ lệ, ``1.234 đoàn viên (39,6%)``. Thiếu số liệu hoặc
    nhóm rỗng: chỉ con số (``12 đoàn viên``) hoặc rỗng.
    """
    p = _to_decimal(part)
    w = _to_decimal(whole)
    if p is None:
        return ""
    tail = f" {noun}" if noun else ""
    if w is None or w <= 0:
        return dem(p) + tail
    if p >= w * NEARLY_ALL:
        return f"{dem(p)}/{dem(w)}{tail}"
    return f"{dem(p)}{tail} ({ti_le(p, w)})"


# ---------------------------------------------------------------------------
# words and dates
# ---------------------------------------------------------------------------

_UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _number_words(n: int) -> str:
    """Vietnamese words for 1..99 (mười một, hai mươi mốt, hai mươi lăm…)."""
    if not 1 <= n <= 99:
        raise ValueError(f"chỉ hỗ trợ từ 1 đến 99: {n!r}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _UNITS[units]
    head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
    if units == 0:
        return head
    if units == 5:
        tail = "lăm"
    elif units == 1 and tens >= 2:
        tail = "mốt"
    else:
        tail = _UNITS[units]
    return f"{head} {tail}"


def thu_tu(i: Any, capitalize: bool = True) -> str:
    """Thứ tự giải pháp / ordinal that opens a solution paragraph.

    ``1`` → ``Một là``, ``2`` → ``Hai là``, ``5`` → ``Năm là``,
    ``12`` → ``Mười hai là``, ``15`` → ``Mười lăm là``, ``21`` → ``Hai mươi
    mốt là`` (1–99). Dùng trong vòng lặp:
    ``{{ loop.index | thu_tu }}, {{ giai_phap }}``.
    ``capitalize=False`` cho chữ thường (``một là``) giữa câu.
    """
    d = _to_decimal(i)
    if d is None:
        return ""
    if d != d.to_integral_value():
        raise ValueError(f"thứ tự phải là số nguyên: {i!r}")
    words = _number_words(int(d)) + " là"
    return words[:1].upper() + words[1:] if capitalize else words


def ngay(date: Any) -> str:
    """Ngày đầy đủ / full date: ``ngày 18 tháng 4 năm 2023``.

    Theo Nghị định 30/2020: ngày nhỏ hơn 10 và tháng 1, 2 có số 0 ở trước
    (``ngày 05 tháng 02 năm 2024``). Accepts ``date``, ``datetime``, an ISO
    string ``"2023-04-18"`` or ``"18/4/2023"``.
    """
    d = _to_date(date)
    if d is None:
        return ""
    return f"ngày {_day_text(d.day)} tháng {_month_text(d.month)} năm {d.year}"


def ngay_ngan(date: Any, year: bool = True) -> str:
    """Ngày viết tắt / short date: ``22/6/1996``.

    Cùng quy tắc số 0 như ``ngay``: ngày nhỏ hơn 10 và tháng 1, 2 có số 0 ở
    trước (``05/02/2024``, ``01/6/2023``); các tháng khác không có
    (``22/6/1996``). ``year=False`` bỏ năm, cho ngày lễ: ``08/3``, ``01/6``,
    ``20/10``.
    """
    d = _to_date(date)
    if d is None:
        return ""
    text = f"{_day_text(d.day)}/{_month_text(d.month)}"
    return f"{text}/{d.year}" if year else text


# ---------------------------------------------------------------------------
# targets (chỉ tiêu Nghị quyết)
# ---------------------------------------------------------------------------


def so_sanh_chi_tieu(result: Any, target: Any, higher_is_better: bool = True) -> str:
    """Đánh giá kết quả so với chỉ tiêu / rating against a target.

    Trả về ``vượt``, ``đạt`` hoặc ``không đạt`` (cột "Đánh giá" của bảng chỉ
    tiêu Nghị quyết). ``higher_is_better=False`` cho chỉ tiêu "không quá"
    (kết quả càng thấp càng tốt). So sánh số liệu thật, chưa làm tròn.
    """
    r = _to_decimal(result)
    t = _to_decimal(target)
    if r is None or t is None:
        return ""
    if r == t:
        return DAT
    better = r > t if higher_is_better else r < t
    return VUOT if better else KHONG_DAT


def _value_with_unit(value: Decimal, unit: str, decimals: int, approximate: bool = True) -> str:
    """Figure + unit for the target sentence.

    Rates and counts are written to their precision without a hedge
    (``đạt 97,8%``); money follows :func:`tien` (a target, stated, not
    measured, with ``approximate=False``: no hơn/gần).
    """
    if unit == DONG:
        return tien(value) if approximate else tien(value, above="", below="")
    if unit == "%":
        return _percent_text(value, decimals)
    return _format_decimal(_round(value, decimals)) + (f" {unit}" if unit else "")


def danh_gia_chi_tieu_cau(
    result: Any,
    target: Any,
    unit: str = "%",
    higher_is_better: bool = True,
    decimals: int = 1,
) -> str:
    """Câu so sánh kết quả với chỉ tiêu / a target comparison phrase.

    Registered as the filter ``so_voi_chi_tieu``:
    ``{{ ket_qua | so_voi_chi_tieu(chi_tieu, "%") }}``.

    Các cách viết / phrasings (``unit`` là đơn vị: ``"%"``, ``"đồng"``,
    ``"sáng kiến"``, ``""``…):

    * vượt: ``đạt 98,5% (chỉ tiêu 95%), vượt chỉ tiêu``
    * đạt (bằng chỉ tiêu): ``đạt 95%, đạt 100% chỉ tiêu Nghị quyết``
    * chưa đạt: ``đạt 90% (chỉ tiêu 95%), chưa đạt chỉ tiêu``
    * chỉ tiêu "không quá" (``higher_is_better=False``):
      ``đạt 2% (chỉ tiêu không quá 5%), vượt chỉ tiêu``
    * tỷ lệ viết đến ``decimals`` chữ số (mặc định 1), không kèm ``trên``/``gần``
      (97,78 → ``đạt 97,8%``).
    * tiền (``unit="đồng"``) dùng quy tắc của ``tien``:
      ``đạt hơn 4,4 tỷ đồng (chỉ tiêu 4 tỷ đồng), vượt chỉ tiêu``.

    Sentences use "chưa đạt chỉ tiêu", the customary wording in reports; the
    table column (``so_sanh_chi_tieu``) uses "không đạt".
    """
    r = _to_decimal(result)
    t = _to_decimal(target)
    if r is None or t is None:
        return ""
    rating = so_sanh_chi_tieu(r, t, higher_is_better)
    result_text = _value_with_unit(r, unit, decimals)
    target_text = _value_with_unit(t, unit, decimals, approximate=False)
    if rating == DAT:
        return f"đạt {result_text}, đạt 100% chỉ tiêu Nghị quyết"
    limit = "" if higher_is_better else "không quá "
    verdict = "vượt chỉ tiêu" if rating == VUOT else "chưa đạt chỉ tiêu"
    return f"đạt {result_text} (chỉ tiêu {limit}{target_text}), {verdict}"


FILTERS = {
    "so": so,
    "dem": dem,
    "tien": tien,
    "phan_tram": phan_tram,
    "ti_le": ti_le,
    "phan_so": phan_so,
    "thu_tu": thu_tu,
    "ngay": ngay,
    "ngay_ngan": ngay_ngan,
    "so_sanh_chi_tieu": so_sanh_chi_tieu,
    "so_voi_chi_tieu": danh_gia_chi_tieu_cau,
    "so_tron": so_tron,
    "tren_tong": tren_tong,
}
