"""Table-driven tests for workbook_templates.vn_numbers.parse_vn_number."""

import unicodedata

import pytest

from workbook_templates.vn_numbers import ParsedNumber, parse_vn_number

NBSP = "\u00a0"
NNBSP = "\u202f"

# (text, expected value, expected unit)
CASES = [
    # dot = thousands separator
    ("3.120", 3120, None),
    ("1.008", 1008, None),
    ("1.500", 1500, None),
    ("458.500.000", 458_500_000, None),
    ("458.500.000 đồng", 458_500_000, "đồng"),
    ("3.120 đoàn viên", 3120, "đoàn viên"),
    # comma = decimal mark, with scale words
    ("4,4 tỷ", 4_400_000_000, None),
    ("4,4 tỷ đồng", 4_400_000_000, "đồng"),
    ("4,4 tỉ đồng", 4_400_000_000, "đồng"),
    ("132,4 triệu", 132_400_000, None),
    ("132,4 triệu đồng", 132_400_000, "đồng"),
    ("1,2 nghìn tỷ", 1_200_000_000_000, None),
    ("20 nghìn", 20_000, None),
    ("20 ngàn", 20_000, None),
    ("20 nghìn đồng", 20_000, "đồng"),
    ("700k", 700_000, None),
    ("2,5", 2.5, None),
    ("0,5", 0.5, None),
    # money units
    ("700.000đ", 700_000, "đồng"),
    ("700.000 đ", 700_000, "đồng"),
    ("700.000 VNĐ", 700_000, "đồng"),
    ("700.000 vnd", 700_000, "đồng"),
    ("700.000 đồng", 700_000, "đồng"),
    ("700.000₫", 700_000, "đồng"),
    ("500.000 đồng/người", 500_000, "đồng/người"),
    # counts
    ("45 cháu", 45, "cháu"),
    ("85 lượt", 85, "lượt"),
    ("12 người", 12, "người"),
    ("07 Tổ Công đoàn", 7, "tổ công đoàn"),
    ("01 công đoàn viên", 1, "công đoàn viên"),
    ("04 lần", 4, "lần"),
    # percentages
    ("98,5%", 98.5, "%"),
    ("98,5 %", 98.5, "%"),
    ("100%", 100, "%"),
    # spaces and non-breaking spaces as thousands separators
    (" 1 234 ", 1234, None),
    (f"1{NBSP}234", 1234, None),
    (f"2{NNBSP}000{NNBSP}000 đồng", 2_000_000, "đồng"),
    ("1 234,5", 1234.5, None),
    # approximation words are stripped
    ("khoảng 20,7 triệu đồng", 20_700_000, "đồng"),
    ("hơn 4,4 tỷ đồng", 4_400_000_000, "đồng"),
    ("Hơn 4,4 tỷ đồng", 4_400_000_000, "đồng"),
    ("gần 9 triệu đồng", 9_000_000, "đồng"),
    ("trên 98%", 98, "%"),
    # signs
    ("-5", -5, None),
    ("−5", -5, None),
    ("-2,5 triệu", -2_500_000, None),
    # English-style input
    ("1.5", 1.5, None),
    ("1.25", 1.25, None),
    ("0.500", 0.5, None),
    ("1,234,567", 1_234_567, None),
    ("1,234,567.89", 1_234_567.89, None),
    ("1.234.567,89", 1_234_567.89, None),
    # plain numbers
    ("0", 0, None),
    ("2024", 2024, None),
]

NOT_NUMBERS = [
    "",
    "   ",
    "không có",
    "abc",
    "12a3",
    "44/45",
    "22/6/1996",
    "1.2.3",
    "1,23,4",
    "12 3",
    "hơn",
    "5 kg",
    "-",
    "Đồng",
]


@pytest.mark.parametrize("text, expected_value, expected_unit", CASES)
def test_parse_vn_number(text, expected_value, expected_unit):
    parsed = parse_vn_number(text)
    assert parsed is not None, text
    assert parsed == ParsedNumber(value=expected_value, text=text, unit=expected_unit)
    # Whole values are ints, fractional ones floats: never 4400000000.000001.
    assert type(parsed.value) is type(expected_value)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text):
    assert parse_vn_number(text) is None


def test_table_is_large_enough():
    assert len(CASES) >= 35


def test_no_float_artefacts_for_billions():
    parsed = parse_vn_number("4,4 tỷ đồng")
    assert parsed.value == 4_400_000_000
    assert isinstance(parsed.value, int)


def test_decomposed_unicode_is_accepted():
    text = unicodedata.normalize("NFD", "45 cháu")
    parsed = parse_vn_number(text)
    assert parsed is not None
    assert (parsed.value, parsed.unit, parsed.text) == (45, "cháu", text)


def test_non_string_input_is_not_a_number():
    assert parse_vn_number(None) is None
    assert parse_vn_number(3120) is None


def test_result_is_frozen():
    parsed = parse_vn_number("3.120")
    with pytest.raises(AttributeError):
        parsed.value = 1
