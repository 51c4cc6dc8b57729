"""Table-driven tests for the Vietnamese figure filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import jinja2
import pytest

from compiler.report import vn_format as vf

CASES = [
    # --- so: thousands dot, decimal comma -------------------------------
    (vf.so, (3120,), {}, "3.120"),
    (vf.so, (98.5,), {}, "98,5"),
    (vf.so, (4.0,), {}, "4"),
    (vf.so, (0,), {}, "0"),
    (vf.so, (1234567,), {}, "1.234.567"),
    (vf.so, (-3120,), {}, "-3.120"),
    (vf.so, (98.46,), {"decimals": 1}, "98,5"),
    (vf.so, (98.44,), {"decimals": 1}, "98,4"),
    (vf.so, (2.25,), {"decimals": 1}, "2,3"),  # half up, not banker's
    (vf.so, (0.1 + 0.2,), {}, "0,3"),  # binary float noise hidden
    (vf.so, (Decimal("1234.50"),), {}, "1.234,5"),
    (vf.so, ("3120",), {}, "3.120"),
    (vf.so, (None,), {}, ""),
    (vf.so, ("",), {}, ""),
    (vf.so, (float("nan"),), {}, ""),
    # --- dem: administrative counts with a leading zero -------------------
    (vf.dem, (7,), {}, "07"),
    (vf.dem, (1,), {}, "01"),
    (vf.dem, (4,), {}, "04"),
    (vf.dem, (12,), {}, "12"),
    (vf.dem, (45,), {}, "45"),
    (vf.dem, (130,), {}, "130"),
    (vf.dem, (1234,), {}, "1.234"),
    (vf.dem, (0,), {}, "0"),
    (vf.dem, (4.0,), {}, "04"),
    (vf.dem, (7,), {"width": 3}, "007"),
    (vf.dem, (None,), {}, ""),
    # --- tien: money --------------------------------------------------------
    (vf.tien, (0,), {}, "0 đồng"),
    (vf.tien, (458_500,), {}, "458.500 đồng"),
    (vf.tien, (999_999,), {}, "999.999 đồng"),
    (vf.tien, (1_000_000,), {}, "1 triệu đồng"),
    (vf.tien, (132_400_000,), {}, "132,4 triệu đồng"),
    (vf.tien, (8_960_000,), {}, "gần 9 triệu đồng"),
    (vf.tien, (9_000_000,), {}, "9 triệu đồng"),
    (vf.tien, (20_740_000,), {}, "hơn 20,7 triệu đồng"),
    (vf.tien, (20_660_000,), {}, "gần 20,7 triệu đồng"),
    (vf.tien, (20_710_000,), {}, "hơn 20,7 triệu đồng"),
    (vf.tien, (99_800_000,), {}, "99,8 triệu đồng"),
    (vf.tien, (99_970_000,), {}, "gần 100 triệu đồng"),
    (vf.tien, (240_450_000,), {}, "gần 240,5 triệu đồng"),  # x,x5 half up
    (vf.tien, (240_449_999,), {}, "hơn 240,4 triệu đồng"),
    (vf.tien, (458_500_000,), {}, "458,5 triệu đồng"),  # multiple of 100.000
    (vf.tien, (458_520_000,), {}, "hơn 458,5 triệu đồng"),
    (vf.tien, (458_520_000,), {"exact": True}, "458.520.000 đồng"),
    (vf.tien, (35_240_000,), {"above": "trên"}, "trên 35,2 triệu đồng"),
    (vf.tien, (999_900_000,), {}, "999,9 triệu đồng"),
    (vf.tien, (999_949_999,), {}, "hơn 999,9 triệu đồng"),
    (vf.tien, (999_950_000,), {}, "gần 1 tỷ đồng"),  # crosses into tỷ
    (vf.tien, (999_960_000,), {}, "gần 1 tỷ đồng"),
    (vf.tien, (1_000_000_000,), {}, "1 tỷ đồng"),
    (vf.tien, (1_000_000_001,), {}, "hơn 1 tỷ đồng"),
    (vf.tien, (4_412_000_000,), {}, "hơn 4,4 tỷ đồng"),
    (vf.tien, (4_450_000_000,), {}, "gần 4,5 tỷ đồng"),
    (vf.tien, (12_000_000_000,), {}, "12 tỷ đồng"),
    # 12.345,678… tỷ rounds up to 12.345,7, so the true value is smaller:
    (vf.tien, (12_345_678_901_234,), {}, "gần 12.345,7 tỷ đồng"),
    (vf.tien, (12_345_612_345_678,), {}, "hơn 12.345,6 tỷ đồng"),
    (vf.tien, (-1_500_000,), {}, "-1.500.000 đồng"),
    (vf.tien, (None,), {}, ""),
    # --- phan_tram / ti_le / phan_so ---------------------------------------
    (vf.phan_tram, (98.5,), {}, "98,5%"),
    (vf.phan_tram, (100,), {}, "100%"),
    (vf.phan_tram, (0.5,), {}, "0,5%"),
    (vf.phan_tram, (0,), {}, "0%"),
    (vf.phan_tram, (97.75,), {}, "97,8%"),
    (vf.phan_tram, (97.75,), {"decimals": 0}, "98%"),
    (vf.phan_tram, (99.96,), {}, "99,9%"),  # never a false "100%"
    (vf.phan_tram, (None,), {}, ""),
    (vf.ti_le, (44, 45), {}, "97,8%"),
    (vf.ti_le, (70, 70), {}, "100%"),
    (vf.ti_le, (197, 200), {}, "98,5%"),
    (vf.ti_le, (1, 3), {"decimals": 2}, "33,33%"),
    (vf.ti_le, (4499, 4500), {}, "99,9%"),
    (vf.ti_le, (5, 0), {}, ""),
    (vf.ti_le, (5, None), {}, ""),
    (vf.ti_le, (None, 45), {}, ""),
    (vf.phan_so, (44, 45), {}, "44/45"),
    (vf.phan_so, (70, 70), {}, "70/70"),
    (vf.phan_so, (1234, 3120), {}, "1.234/3.120"),
    (vf.phan_so, (44, None), {}, ""),
    # --- thu_tu ---------------------------------------------------------------
    (vf.thu_tu, (1,), {}, "Một là"),
    (vf.thu_tu, (2,), {}, "Hai là"),
    (vf.thu_tu, (3,), {}, "Ba là"),
    (vf.thu_tu, (4,), {}, "Bốn là"),
    (vf.thu_tu, (5,), {}, "Năm là"),
    (vf.thu_tu, (7,), {}, "Bảy là"),
    (vf.thu_tu, (10,), {}, "Mười là"),
    (vf.thu_tu, (11,), {}, "Mười một là"),
    (vf.thu_tu, (12,), {}, "Mười hai là"),
    (vf.thu_tu, (15,), {}, "Mười lăm là"),
    (vf.thu_tu, (20,), {}, "Hai mươi là"),
    (vf.thu_tu, (21,), {}, "Hai mươi mốt là"),
    (vf.thu_tu, (25,), {}, "Hai mươi lăm là"),
    (vf.thu_tu, (3,), {"capitalize": False}, "ba là"),
    (vf.thu_tu, (None,), {}, ""),
    # --- dates ------------------------------------------------------------------
    (vf.ngay, (dt.date(2023, 4, 18),), {}, "ngày 18 tháng 4 năm 2023"),
    (vf.ngay, (dt.datetime(2023, 4, 18, 15, 55),), {}, "ngày 18 tháng 4 năm 2023"),
    (vf.ngay, ("2023-04-18",), {}, "ngày 18 tháng 4 năm 2023"),
    (vf.ngay, (dt.date(2024, 2, 5),), {}, "ngày 05 tháng 02 năm 2024"),
    (vf.ngay, (dt.date(2023, 12, 1),), {}, "ngày 01 tháng 12 năm 2023"),
    (vf.ngay, (None,), {}, ""),
    (vf.ngay_ngan, (dt.date(1996, 6, 22),), {}, "22/6/1996"),
    (vf.ngay_ngan, ("18/4/2023",), {}, "18/4/2023"),
    (vf.ngay_ngan, (dt.date(2024, 1, 5),), {}, "05/01/2024"),
    (vf.ngay_ngan, (dt.date(2023, 6, 1),), {"year": False}, "01/6"),
    (vf.ngay_ngan, (dt.date(2023, 3, 8),), {"year": False}, "08/3"),
    (vf.ngay_ngan, (dt.date(2023, 10, 20),), {"year": False}, "20/10"),
    (vf.ngay_ngan, (None,), {}, ""),
    # --- targets ------------------------------------------------------------------
    (vf.so_sanh_chi_tieu, (98.5, 95), {}, "vượt"),
    (vf.so_sanh_chi_tieu, (95, 95), {}, "đạt"),
    (vf.so_sanh_chi_tieu, (100, 100.0), {}, "đạt"),
    (vf.so_sanh_chi_tieu, (90, 95), {}, "không đạt"),
    (vf.so_sanh_chi_tieu, (2, 5), {"higher_is_better": False}, "vượt"),
    (vf.so_sanh_chi_tieu, (7, 5), {"higher_is_better": False}, "không đạt"),
    (vf.so_sanh_chi_tieu, (None, 95), {}, ""),
    (vf.so_sanh_chi_tieu, (95, None), {}, ""),
    (vf.danh_gia_chi_tieu_cau, (98.5, 95), {}, "đạt 98,5% (chỉ tiêu 95%), vượt chỉ tiêu"),
    (vf.danh_gia_chi_tieu_cau, (100, 100), {}, "đạt 100%, đạt 100% chỉ tiêu Nghị quyết"),
    (vf.danh_gia_chi_tieu_cau, (90, 95), {}, "đạt 90% (chỉ tiêu 95%), chưa đạt chỉ tiêu"),
    (
        vf.danh_gia_chi_tieu_cau,
        (98.3, 95),
        {"decimals": 0},
        "đạt trên 98% (chỉ tiêu 95%), vượt chỉ tiêu",
    ),
    (
        vf.danh_gia_chi_tieu_cau,
        (44 / 45 * 100, 95),
        {},
        "đạt gần 97,8% (chỉ tiêu 95%), vượt chỉ tiêu",
    ),
    (
        vf.danh_gia_chi_tieu_cau,
        (2, 5),
        {"higher_is_better": False},
        "đạt 2% (chỉ tiêu không quá 5%), vượt chỉ tiêu",
    ),
    (
        vf.danh_gia_chi_tieu_cau,
        (120, 100, "sáng kiến"),
        {},
        "đạt 120 sáng kiến (chỉ tiêu 100 sáng kiến), vượt chỉ tiêu",
    ),
    (
        vf.danh_gia_chi_tieu_cau,
        (4_412_000_000, 4_000_000_000, "đồng"),
        {},
        "đạt hơn 4,4 tỷ đồng (chỉ tiêu 4 tỷ đồng), vượt chỉ tiêu",
    ),
    (vf.danh_gia_chi_tieu_cau, (None, 95), {}, ""),
]


@pytest.mark.parametrize(
    "func,args,kwargs,expected",
    CASES,
    ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)],
)
def test_format(func, args, kwargs, expected):
    assert func(*args, **kwargs) == expected


def test_enough_cases():
    assert len(CASES) >= 45


@pytest.mark.parametrize(
    "func,args",
    [
        (vf.so, ("abc",)),
        (vf.dem, (-1,)),
        (vf.dem, (2.5,)),
        (vf.thu_tu, (0,)),
        (vf.thu_tu, (100,)),
        (vf.ngay, ("không phải ngày",)),
        (vf.so, (True,)),
    ],
)
def test_bad_input_raises(func, args):
    with pytest.raises(ValueError):
        func(*args)


def test_filters_registry_and_jinja():
    expected = {
        "so", "dem", "tien", "phan_tram", "ti_le", "phan_so", "thu_tu",
        "ngay", "ngay_ngan", "so_sanh_chi_tieu", "so_voi_chi_tieu",
    }
    assert set(vf.FILTERS) == expected
    env = jinja2.Environment()
    env.filters.update(vf.FILTERS)
    tpl = env.from_string(
        "hiện có {{ dv | so }} đoàn viên, sinh hoạt ở {{ to | dem }} Tổ công đoàn, "
        "có {{ dangvien | phan_so(dv) }} đoàn viên là đảng viên ({{ dangvien | ti_le(dv) }}); "
        "trị giá {{ tien | tien }}; {{ 2 | thu_tu }}, ...; {{ d | ngay }};"
        "[{{ missing | tien }}]"
    )
    out = tpl.render(dv=45, to=4, dangvien=44, tien=99_970_000, d=dt.date(2023, 4, 18))
    assert out == (
        "hiện có 45 đoàn viên, sinh hoạt ở 04 Tổ công đoàn, "
        "có 44/45 đoàn viên là đảng viên (97,8%); "
        "trị giá gần 100 triệu đồng; Hai là, ...; ngày 18 tháng 4 năm 2023;[]"
    )


@pytest.mark.parametrize(
    ("result", "target", "unit", "expected"),
    [
        (86.44, 86.28, "%", "đạt trên 86,4% (chỉ tiêu 86,3%), vượt chỉ tiêu"),
        (4_412_000_000, 3_960_000_000, "đồng", "đạt hơn 4,4 tỷ đồng (chỉ tiêu 4 tỷ đồng), vượt chỉ tiêu"),
    ],
)
def test_a_target_is_stated_without_hon_or_gan(result, target, unit, expected):
    assert vf.danh_gia_chi_tieu_cau(result, target, unit=unit) == expected
