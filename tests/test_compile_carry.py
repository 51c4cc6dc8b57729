"""What a level carries up: bounded by its direct children and per register, the rest pointed to. Pure, fast.

The end-to-end roll-up (groups' tong-hop.xlsx compiled by the province) is in
test_compile_rollup.py; these check the bounds themselves with small caps.
"""

from __future__ import annotations

from compiler.aggregate import TextDigest
from compiler.carry import RegisterCarry, register_notes, texts_note
from workbook_templates import load_catalogue

CAT = load_catalogue()


def award(form: str, year: int = 2021, status: str = "Đã nhận", who: str = "Đồng chí A") -> dict:
    return {"NAM": year, "HINH_THUC": form, "NGUOI_NHAN": who, "TRANG_THAI": status}


def test_a_consolidated_child_brings_its_highest_awards_and_its_weightiest_other_rows():
    carry = RegisterCarry(CAT, per_child=2)
    rows = [award("Giấy khen"), award("Huân chương Lao động hạng Ba"), award("Bằng khen của Liên đoàn Lao động tỉnh"),
            award("Huân chương Lao động hạng Nhì", status="Đề nghị"), award("Cờ thi đua của Tổng Liên đoàn"),
            award("Huân chương Lao động hạng Nhất", 2022)]
    carry.add("KHOI_1", "Công đoàn Khối 1", {"DS_KHEN_THUONG": rows}, consolidated=True)
    kept = [r["HINH_THUC"] for r in carry.rows()["DS_KHEN_THUONG"]]
    # both Huân chương received, then the two weightiest others; a proposal ranks below what was received
    assert kept == ["Huân chương Lao động hạng Ba", "Bằng khen của Liên đoàn Lao động tỉnh",
                    "Cờ thi đua của Tổng Liên đoàn", "Huân chương Lao động hạng Nhất"]
    note = register_notes(CAT, carry)["Khen thưởng"]
    assert "… và 2 dòng khác: xem sổ tổng hợp của Công đoàn Khối 1 (KHOI_1)" in note
    assert "tối đa 2 dòng khác" in note


def test_a_branch_brings_all_its_rows_and_a_register_stops_at_its_ceiling_keeping_the_weightiest():
    carry = RegisterCarry(CAT, per_child=1, per_register=3)
    for k in range(5):
        carry.add(f"CDCS_{k}", f"CĐCS {k}", {"DS_KHEN_THUONG": [award("Giấy khen", who=f"G{k}"),
                                                               award("Bằng khen của Thủ tướng", who=f"B{k}")]},
                  consolidated=False)
    carry.add("CDCS_9", "CĐCS 9", {"DS_KHEN_THUONG": [award("Huân chương Lao động hạng Ba", who="H")]},
              consolidated=False)
    assert [r["NGUOI_NHAN"] for r in carry.rows()["DS_KHEN_THUONG"]] == ["B0", "B1", "H"]   # inputs' order
    assert carry.cut["DS_KHEN_THUONG"] == 8 and not carry.left
    assert "… và 8 dòng khác, ít tiêu biểu hơn, vượt giới hạn 3 dòng" in register_notes(CAT, carry)["Khen thưởng"]


def test_nothing_left_out_means_no_note():
    carry = RegisterCarry(CAT)
    carry.add("KHOI_1", "Công đoàn Khối 1", {"DS_MO_HINH": [{"TEN": "Mái ấm", "NAM_BAT_DAU": 2019}]},
              consolidated=True)
    assert register_notes(CAT, carry) == {} and texts_note([]) is None
    assert "sổ tổng hợp của Công đoàn Khối 1 (KHOI_1)" in texts_note(["Công đoàn Khối 1 (KHOI_1)"])


def test_a_digest_of_digests_names_every_child_within_the_cell():
    digest = TextDigest()
    lower = "\n".join(f"- Công đoàn cơ sở số {k}: Tổ chức tốt các hoạt động chăm lo cho đoàn viên." for k in range(150))
    for k in range(4):
        digest.add("ND_BAI_HOC", f"Công đoàn Khối {k}", lower)
    text = digest.texts()["ND_BAI_HOC"]
    assert len(text) <= 8000 and all(f"- Công đoàn Khối {k}: " in text for k in range(4))
