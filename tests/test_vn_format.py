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
    (vf.tien, (20_660_000,), {}, "hơn 20,6 triệu đồng"),  # truncated, never rounded up
    (vf.tien, (20_710_000,), {}, "hơn 20,7 triệu đồng"),
    (vf.tien, (99_800_000,), {}, "99,8 triệu đồng"),
    (vf.tien, (99_970_000,), {}, "gần 100 triệu đồng"),
    (vf.tien, (240_450_000,), {}, "hơn 240,4 triệu đồng"),  # truncated, not rounded up
    (vf.tien, (240_449_999,), {}, "hơn 240,4 triệu đồng"),
    (vf.tien, (240_450_000,), {"digits": 3}, "hơn 240 triệu đồng"),  # a union's total
    (vf.tien, (458_500_000,), {}, "458,5 triệu đồng"),  # multiple of 100.000
    (vf.tien, (458_520_000,), {}, "hơn 458,5 triệu đồng"),
    (vf.tien, (458_520_000,), {"exact": True}, "458.520.000 đồng"),
    (vf.tien, (35_240_000,), {"above": "trên"}, "trên 35,2 triệu đồng"),
    (vf.tien, (999_900_000,), {}, "999,9 triệu đồng"),
    (vf.tien, (999_949_999,), {}, "gần 1 tỷ đồng"),
    (vf.tien, (999_950_000,), {}, "gần 1 tỷ đồng"),  # crosses into tỷ
    (vf.tien, (999_960_000,), {}, "gần 1 tỷ đồng"),
    (vf.tien, (1_000_000_000,), {}, "1 tỷ đồng"),
    (vf.tien, (1_000_000_001,), {}, "hơn 1 tỷ đồng"),
    (vf.tien, (4_412_000_000,), {}, "hơn 4,4 tỷ đồng"),
    (vf.tien, (4_450_000_000,), {}, "hơn 4,4 tỷ đồng"),
    (vf.tien, (12_000_000_000,), {}, "12 tỷ đồng"),
    (vf.tien, (12_345_678_901_234,), {}, "hơn 12.345,6 tỷ đồng"),
    (vf.tien, (12_345_612_345_678,), {"digits": 3}, "hơn 12.345 tỷ đồng"),
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
        "đạt 98% (chỉ tiêu 95%), vượt chỉ tiêu",
    ),
    (
        vf.danh_gia_chi_tieu_cau,
        (44 / 45 * 100, 95),
        {},
        "đạt 97,8% (chỉ tiêu 95%), vượt chỉ tiêu",
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


# The genre's conventions (domain.md section 4): truncation with hơn/trên for a
# remainder, "gần" only just below a round figure, exact when exact, rates
# without hedges, "x/y" when all or nearly all of a group achieved.
GENRE_CASES = [
    # exact when exact
    (vf.tien, (132_400_000,), {}, "132,4 triệu đồng"),
    (vf.tien, (240_400_000,), {}, "240,4 triệu đồng"),
    (vf.tien, (31_800_000,), {}, "31,8 triệu đồng"),
    (vf.tien, (35_000_000,), {}, "35 triệu đồng"),
    (vf.tien, (4_000_000_000,), {}, "4 tỷ đồng"),
    (vf.tien, (10_300_000_000,), {}, "10,3 tỷ đồng"),
    (vf.tien, (197_000_000,), {}, "197 triệu đồng"),
    (vf.tien, (458_500,), {}, "458.500 đồng"),
    # truncation: the figure shown never exceeds the true value
    (vf.tien, (240_420_000,), {"above": "trên"}, "trên 240,4 triệu đồng"),  # seed 002
    (vf.tien, (35_240_000,), {}, "hơn 35,2 triệu đồng"),
    (vf.tien, (76_350_000,), {"above": "trên"}, "trên 76,3 triệu đồng"),
    (vf.tien, (79_350_000,), {}, "gần 80 triệu đồng"),
    (vf.tien, (20_790_000,), {}, "hơn 20,7 triệu đồng"),
    (vf.tien, (800_230_000,), {"digits": 3}, "hơn 800 triệu đồng"),   # no false precision
    (vf.tien, (669_900_000,), {}, "669,9 triệu đồng"),
    (vf.tien, (669_930_000,), {"digits": 3}, "hơn 669 triệu đồng"),
    (vf.tien, (669_930_000,), {}, "hơn 669,9 triệu đồng"),
    (vf.tien, (11_130_000_000,), {}, "hơn 11,1 tỷ đồng"),
    (vf.tien, (1_050_000_000,), {}, "hơn 1 tỷ đồng"),        # never "gần 1,1 tỷ"
    (vf.tien, (1_090_000_000,), {}, "hơn 1 tỷ đồng"),
    (vf.tien, (4_499_000_000,), {}, "hơn 4,4 tỷ đồng"),
    (vf.tien, (123_456_000_000,), {"digits": 3}, "hơn 123 tỷ đồng"),
    (vf.tien, (11_130_000_000,), {"digits": 3}, "hơn 11,1 tỷ đồng"),
    (vf.tien, (2_100_000,), {}, "2,1 triệu đồng"),
    (vf.tien, (2_019_000,), {}, "hơn 2 triệu đồng"),
    # "gần" only a few percent below a round figure
    (vf.tien, (98_000_000,), {}, "98 triệu đồng"),
    (vf.tien, (97_500_000,), {}, "97,5 triệu đồng"),
    (vf.tien, (97_530_000,), {}, "gần 100 triệu đồng"),
    (vf.tien, (96_930_000,), {}, "hơn 96,9 triệu đồng"),   # 3,1% below: not "gần"
    (vf.tien, (196_830_000,), {}, "gần 200 triệu đồng"),
    (vf.tien, (8_960_000,), {"below": "khoảng"}, "khoảng 9 triệu đồng"),
    (vf.tien, (4_870_000_000,), {}, "gần 5 tỷ đồng"),
    (vf.tien, (1_960_000_000,), {}, "gần 2 tỷ đồng"),
    (vf.tien, (990_530_000,), {}, "gần 1 tỷ đồng"),
    # large counts
    (vf.so_tron, (130, "suất quà"), {}, "130 suất quà"),
    (vf.so_tron, (7, "lần"), {}, "07 lần"),
    (vf.so_tron, (4_987, "lượt"), {}, "gần 5 nghìn lượt"),
    (vf.so_tron, (12_345, "lượt"), {}, "hơn 12,3 nghìn lượt"),
    (vf.so_tron, (3_000, "đoàn viên"), {}, "3 nghìn đoàn viên"),
    (vf.so_tron, (3_120,), {}, "hơn 3,1 nghìn"),
    (vf.so_tron, (124_567, "lượt"), {}, "hơn 124 nghìn lượt"),
    (vf.so_tron, (None,), {}, ""),
    # rates: one decimal, no hedge
    (vf.danh_gia_chi_tieu_cau, (97.78, 95), {}, "đạt 97,8% (chỉ tiêu 95%), vượt chỉ tiêu"),
    (vf.danh_gia_chi_tieu_cau, (86.39, 86.3), {}, "đạt 86,4% (chỉ tiêu 86,3%), vượt chỉ tiêu"),
    (vf.danh_gia_chi_tieu_cau, (94.96, 95), {}, "đạt 95% (chỉ tiêu 95%), chưa đạt chỉ tiêu"),
    (vf.danh_gia_chi_tieu_cau, (99.96, 100), {}, "đạt 99,9% (chỉ tiêu 100%), chưa đạt chỉ tiêu"),
    (vf.phan_tram, (15.686,), {}, "15,7%"),
    (vf.ti_le, (48, 51), {}, "94,1%"),
    # x/y when all or nearly all of a group
    (vf.tren_tong, (70, 70, "đoàn viên"), {}, "70/70 đoàn viên"),
    (vf.tren_tong, (44, 45, "đoàn viên"), {}, "44/45 đoàn viên"),
    (vf.tren_tong, (48, 51, "CĐCS"), {}, "48/51 CĐCS"),
    (vf.tren_tong, (46, 51, "CĐCS"), {}, "46/51 CĐCS"),
    (vf.tren_tong, (45, 51, "CĐCS"), {}, "45 CĐCS (88,2%)"),
    (vf.tren_tong, (1_234, 3_120, "đoàn viên"), {}, "1.234 đoàn viên (39,6%)"),
    (vf.tren_tong, (4, 4, "Tổ công đoàn"), {}, "04/04 Tổ công đoàn"),
    (vf.tren_tong, (12, None, "đoàn viên"), {}, "12 đoàn viên"),
    (vf.tren_tong, (None, 45), {}, ""),
]


def test_enough_genre_cases():
    assert len(GENRE_CASES) >= 40


@pytest.mark.parametrize("func,args,kwargs,expected", GENRE_CASES,
                         ids=[f"genre-{c[0].__name__}-{i}" for i, c in enumerate(GENRE_CASES)])
def test_genre(func, args, kwargs, expected):
    assert func(*args, **kwargs) == expected


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
        "ngay", "ngay_ngan", "so_sanh_chi_tieu", "so_voi_chi_tieu", "so_tron", "tren_tong",
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
        (86.44, 86.28, "%", "đạt 86,4% (chỉ tiêu 86,3%), vượt chỉ tiêu"),
        (4_412_000_000, 3_960_000_000, "đồng", "đạt hơn 4,4 tỷ đồng (chỉ tiêu 4 tỷ đồng), vượt chỉ tiêu"),
    ],
)
def test_a_rate_takes_no_hedge_and_a_target_is_stated_without_hon_or_gan(result, target, unit, expected):
    assert vf.danh_gia_chi_tieu_cau(result, target, unit=unit) == expected
