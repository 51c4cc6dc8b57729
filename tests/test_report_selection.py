"""What the report names: registers when they hold rows, else the weightiest branch texts. Pure, fast."""

from __future__ import annotations

import datetime as dt

from compiler.report import markup, selection
from compiler.report.context import build_context
from compiler.report.render import render_text
from report_examples import vptu


def text_of(data, kind="dai-hoi") -> str:
    ctx = build_context(data, kind)
    return " ".join(" ".join(markup.plain(b.text) for b in markup.parse(render_text(kind, ctx)) if b.text).split())


def test_registers_name_awards_models_works_and_documents():
    data = vptu()
    data.registers = {
        "DS_KHEN_THUONG": [
            {"NAM": 2021, "HINH_THUC": "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "NGUOI_NHAN": "Đồng chí A"},
            {"NAM": 2022, "HINH_THUC": "Huân chương Lao động hạng Nhất", "NGUOI_NHAN": "Văn phòng Tỉnh ủy"},
            {"NAM": 2023, "HINH_THUC": "Huân chương Lao động hạng Ba", "NGUOI_NHAN": "Đồng chí B",
             "TRANG_THAI": "Đề nghị"}],
        "DS_MO_HINH": [{"TEN": "Tết Sum vầy", "NAM_BAT_DAU": 2019, "DON_VI_TEN": "Công đoàn cơ sở Văn phòng Tỉnh ủy"}],
        "DS_CONG_TRINH": [{"TEN": "Đường điện 0,4 kV", "DIA_DIEM": "thôn Bó Mòn", "NAM": 2020,
                           "TONG_KINH_PHI": 196_830_000, "DONG_GOP": 150_000_000}],
        "DS_VAN_BAN": [{"SO_KY_HIEU": "05/KH-CĐCS", "NGAY": dt.date(2018, 3, 2), "TRICH_YEU": "Kế hoạch"}],
    }
    text = text_of(data)
    assert ("Văn phòng Tỉnh ủy được tặng Huân chương Lao động hạng Nhất (năm 2022); Đồng chí A được tặng "
            "Bằng khen của Tổng Liên đoàn Lao động Việt Nam (năm 2021).") in text
    assert "Đồng chí B" not in text                       # a proposal is not an award received
    assert "“Tết Sum vầy” của Công đoàn cơ sở Văn phòng Tỉnh ủy, thực hiện từ năm 2019" in text
    assert "Đường điện 0,4 kV tại thôn Bó Mòn (năm 2020), tổng kinh phí gần 200 triệu đồng, trong đó đoàn viên " \
           "đóng góp 150 triệu đồng" in text
    assert "Kế hoạch số 05/KH-CĐCS ngày 02/3/2018" in text


def test_the_union_reports_solutions_from_its_register_with_their_paragraphs():
    data = vptu()
    data.registers = {"DS_GIAI_PHAP": [{"TIEU_DE": "Nâng cao chất lượng tuyên truyền",
                                        "NOI_DUNG": "Hằng quý tổ chức 01 buổi sinh hoạt chuyên đề.\nKhác."}]}
    text = text_of(data)
    assert "Một là, nâng cao chất lượng tuyên truyền. Hằng quý tổ chức 01 buổi sinh hoạt chuyên đề. Khác." in text
    assert "Hai là" not in text


def test_the_weightiest_highlights_come_first_one_per_unit():
    points = [("CĐCS A", "Tổ chức 12 lượt thăm hỏi"), ("CĐCS B", "Được tặng Bằng khen của Tổng Liên đoàn"),
              ("CĐCS C", "Năm 2021, tập thể C được tặng Huân chương Lao động hạng Ba"),
              ("CĐCS C", "Được tặng Cờ thi đua của Chính phủ")]
    quotes = selection.weightiest(points, 5)
    assert [(q.don_vi, q.noi_dung) for q in quotes] == [
        ("", "Năm 2021, tập thể C được tặng Huân chương Lao động hạng Ba"),
        ("CĐCS B", "Được tặng Bằng khen của Tổng Liên đoàn")]


def test_a_branch_highlight_that_retells_the_body_or_the_awards_list_is_left_out():
    data = vptu()
    data.texts["ND_KET_QUA_NOI_BAT"] = "\n".join([
        "236 lượt cá nhân đạt danh hiệu Lao động tiên tiến, 12 lượt đạt danh hiệu Chiến sĩ thi đua cơ sở.",
        "Văn phòng Tỉnh ủy được Chủ tịch nước tặng Huân chương Lao động hạng Nhất (năm 2022).",
        "Được Bằng khen của Tổng Liên đoàn về xây dựng mô hình “Tết Sum vầy” năm 2021."])
    ctx = build_context(data, "dai-hoi")
    assert [q["noi_dung"] for q in ctx["noi_bat"]] == [
        "Được Bằng khen của Tổng Liên đoàn về xây dựng mô hình “Tết Sum vầy” năm 2021"]
    text = text_of(data)
    assert "236 lượt cá nhân" not in text
    assert text.count("Huân chương Lao động hạng Nhất") == 2     # the body's count and the awards list, once each


def test_highlights_state_the_figures_that_moved_most_largest_first():
    data = vptu()   # initiatives 98 against 80 (+22,5%), Lao động tiên tiến 97,3% against 90% (+8,1%),
    # party members 41 -> 44 (+7,3%), members 42 -> 45 (+7,1%): the three largest, the largest first
    ctx = build_context(data, "dai-hoi")
    assert [b["ma"] for b in ctx["bien_dong"]] == ["TD_SANG_KIEN_CO_SO", "TL_LDTT", "DV_DANG_VIEN"]
    assert ("Nhiều mặt công tác có chuyển biến rõ nét: số sáng kiến được công nhận cấp cơ sở đạt 98, vượt 22,5% chỉ "
            "tiêu Nghị quyết; tỷ lệ đoàn viên đạt Lao động tiên tiến vượt chỉ tiêu Nghị quyết 7,3 điểm phần trăm; "
            "số đoàn viên là đảng viên tăng 7,3% so với đầu nhiệm kỳ.") in text_of(data)


def test_small_movements_and_unmet_targets_are_no_highlight():
    data = vptu()
    data.targets.update({"TD_SANG_KIEN_CO_SO": 97, "TL_LDTT": 98})     # 98 is 1% past 97; 97,3% misses 98%
    data.start.update({"DV_DANG_VIEN": 43, "DV_NU": 19})                 # 43 -> 44: 2,3%; 19 -> 19
    codes = [b["ma"] for b in build_context(data, "dai-hoi")["bien_dong"]]
    assert codes == ["DV_TONG_SO"]                                       # 42 -> 45: 7,1%


def test_a_result_far_past_its_target_is_said_as_times_the_target():
    data = vptu()
    data.targets.update({"TD_SANG_KIEN_CO_SO": 40})                     # 98 is 2,45 times 40
    assert "số sáng kiến được công nhận cấp cơ sở đạt 98, gấp 2,4 lần chỉ tiêu Nghị quyết;" in text_of(data)


def test_a_single_movement_is_not_called_many():
    data = vptu()
    data.targets.update({"TD_SANG_KIEN_CO_SO": 97})
    data.start.update({"DV_DANG_VIEN": 44, "DV_TONG_SO": 45, "DV_NU": 19})
    text = text_of(data)
    assert "Nổi bật là tỷ lệ đoàn viên đạt Lao động tiên tiến vượt chỉ tiêu Nghị quyết 7,3 điểm phần trăm." in text
    assert "Nhiều mặt công tác" not in text
