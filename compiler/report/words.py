"""Small word filters for the report templates, beside the figure filters of ``vn_format``.

They shape words rather than single figures: a label placed in the middle
of a sentence, a list of unit names, a Roman numeral for a congress or a
term of the Executive Committee, a figure followed by its catalogue unit.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .markup import roman
from .vn_format import dem, phan_tram, so, tien


def la_ma(n: Any) -> str:
    """Số La Mã / Roman numeral: ``{{ 5 | la_ma }}`` → ``V``; nothing when missing."""
    if n in (None, ""):
        return ""
    return roman(int(n))


def hoa_dau(text: Any) -> str:
    """Viết hoa chữ đầu, giữ nguyên phần còn lại (khác ``capitalize`` của Jinja)."""
    text = "" if text is None else str(text)
    return text[:1].upper() + text[1:]


# Words that keep their capital letter at the head of a phrase.
_PROPER_HEADS = ("Đảng", "Nhà nước", "Chính phủ", "Quốc hội", "Bác Hồ", "Chủ tịch Hồ Chí Minh")


def thuong_dau(text: Any) -> str:
    """Viết thường chữ đầu, để đặt một tên chỉ tiêu hay một ý vào giữa câu.

    Giữ nguyên khi chữ đầu là từ viết tắt (``CBCCVCLĐ``), khi từ thứ hai
    cũng viết hoa (tên riêng: ``Ban Chấp hành``, ``Ủy ban Kiểm tra``) hoặc
    khi câu mở đầu bằng ``Đảng``, ``Nhà nước``…
    """
    text = "" if text is None else str(text)
    words = text.split(" ")
    if len(text) > 1 and text[1].isupper():
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    if text.startswith(_PROPER_HEADS):
        return text
    return text[:1].lower() + text[1:]


def noi(items: Iterable[Any], last: str = "và") -> str:
    """Nối danh sách: ``["A", "B", "C"]`` → ``A, B và C``."""
    items = [str(i) for i in items if i not in (None, "")]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def kem_don_vi(value: Any, unit: str, money: Callable[[Any], str] = tien) -> str:
    """Số liệu kèm đơn vị tính của chỉ tiêu: ``%`` → ``98,5%``; ``đồng`` →
    ``hơn 4,4 tỷ đồng`` (viết bằng ``money``: báo cáo tổng hợp lấy ít chữ số hơn);
    số đếm → ``07 sáng kiến``; thiếu số liệu → rỗng."""
    if value in (None, ""):
        return ""
    if unit == "%":
        return phan_tram(value)
    if unit == "đồng":
        return money(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{so(value, 1)} {unit}"
    return f"{dem(value)} {unit}"


FILTERS = {"la_ma": la_ma, "hoa_dau": hoa_dau, "thuong_dau": thuong_dau, "noi": noi, "kem_don_vi": kem_don_vi}
