"""The indicator catalogue covers what a congress report needs, and says clearly when it is broken."""

from __future__ import annotations

import copy
import json
import subprocess
import tomllib

import pytest

from console import BAOCAO
from workbook_templates.catalogue import CATALOGUE_PATH, KINDS, CatalogueError, load_catalogue, parse_catalogue

# Every indicator family of the domain guide (section 3), as words a label must contain.
FAMILIES = {
    "tổ chức": ["Tổ công đoàn", "Tổng số đoàn viên", "đoàn viên nữ", "đảng viên", "kết nạp mới", "chuyển đến",
                "chuyển đi", "giảm khác", "tập huấn", "Xếp loại công đoàn cơ sở"],
    "thi đua": ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh", "Lao động xuất sắc",
                "Bằng khen của Ủy ban nhân dân tỉnh", "Bằng khen của Liên đoàn Lao động tỉnh",
                "Bằng khen của Tổng Liên đoàn", "Cờ thi đua", "Giấy khen", "Huân chương Lao động hạng Nhất",
                "Huân chương Lao động hạng Nhì", "Huân chương Lao động hạng Ba", "Bằng Lao động sáng tạo",
                "Kỷ niệm chương", "Sáng kiến được công nhận cấp cơ sở", "Sáng kiến được công nhận cấp tỉnh",
                "1 triệu sáng kiến"],
    "chăm lo": ["Nâng lương đúng thời hạn", "Nâng lương trước thời hạn", "thai sản", "Thăm hỏi", "Số tiền thăm hỏi",
                "khám sức khỏe", "tham quan", "Quà tặng đoàn viên dịp Lễ, Tết", "Con đoàn viên",
                "nhà ở", "thiên tai, lũ lụt được hỗ trợ", "bệnh dịch", "ốm đau, bệnh hiểm nghèo",
                "phúc lợi định kỳ", "Hội nghị cán bộ, công chức, viên chức", "quy chế phối hợp"],
    "xã hội": ["Vì người nghèo", "Đền ơn đáp nghĩa", "Bảo trợ trẻ em", "Covid-19", "thiên tai, lũ lụt",
               "nông thôn mới", "Mái ấm Công đoàn", "Suất quà", "Trị giá các suất quà", "hiến máu", "Đơn vị máu",
               "các quỹ, cuộc vận động khác"],
    "kiểm tra, giám sát": ["Cuộc kiểm tra", "Cuộc giám sát", "Đơn thư khiếu nại, tố cáo tiếp nhận",
                           "Đơn thư khiếu nại, tố cáo đã giải quyết", "Ban Thanh tra nhân dân",
                           "kỷ luật"],
    "nữ công": ["nữ công", "Giỏi việc nước, đảm việc nhà"],
    "xây dựng Đảng": ["giới thiệu cho Đảng", "kết nạp vào Đảng", "Xếp loại tổ chức Đảng"],
    "tổ chức": ["Đoàn viên xếp loại xuất sắc", "Tỷ lệ đoàn viên xếp loại xuất sắc", "CĐCS thành lập mới",
                "CĐCS sáp nhập", "CĐCS giải thể", "Lớp tập huấn", "Tỷ lệ CĐCS vững mạnh"],
    "khen thưởng": ["Bằng khen của Thủ tướng", "Bằng khen của Bộ", "Chiến sĩ thi đua toàn quốc",
                    "đề nghị khen thưởng", "khối thi đua"],
}
NARRATIVES = ["Kết quả nổi bật", "Mô hình, cách làm hay", "Hạn chế", "Nguyên nhân", "Bài học kinh nghiệm",
              "Phương hướng", "Nhiệm vụ, giải pháp", "Đề xuất, kiến nghị", "Thuận lợi", "Khó khăn"]
REPORT_SECTIONS = ["chăm lo đời sống đoàn viên", "Tuyên truyền", "thi đua", "xây dựng tổ chức công đoàn",
                   "nữ công", "xã hội, từ thiện", "kiểm tra, giám sát", "xây dựng Đảng"]


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture
def raw():
    with open(CATALOGUE_PATH, "rb") as fh:
        return tomllib.load(fh)


def test_catalogue_has_at_least_60_numeric_indicators_of_every_kind(cat):
    numeric = [i for i in cat.indicators if i.is_numeric]
    assert len(numeric) >= 60
    assert {i.kind for i in cat.indicators} == set(KINDS)
    assert cat.version


@pytest.mark.parametrize("family", FAMILIES)
def test_every_indicator_family_of_the_domain_is_covered(cat, family):
    labels = [i.label for i in cat.indicators if i.is_numeric or i.kind in ("rating", "yesno")]
    missing = [word for word in FAMILIES[family] if not any(word.lower() in label.lower() for label in labels)]
    assert not missing, f"{family}: no indicator for {missing}"


def test_sections_follow_the_congress_report_outline(cat):
    titles = [s.title for s in cat.sections]
    for words in REPORT_SECTIONS:
        assert any(words.lower() in t.lower() for t in titles), words


def test_narrative_fields_are_all_present_as_term_texts(cat):
    texts = [i for i in cat.indicators if i.kind == "text"]
    for words in NARRATIVES:
        assert any(i.label.startswith(words) for i in texts), words
    assert all(not i.per_year for i in texts)


def test_targets_cover_counts_and_rates(cat):
    kinds = {i.kind for i in cat.targets}
    assert {"stock", "flow", "rate"} <= kinds
    assert "DV_TONG_SO" in {i.code for i in cat.targets}


def test_money_is_in_dong_and_rates_are_percentages_of_numeric_indicators(cat):
    money = [i for i in cat.indicators if i.is_money]
    assert len(money) >= 15
    assert all(i.kind == "flow" for i in money)
    for ind in cat.indicators:
        if ind.kind == "rate":
            assert ind.unit == "%"
            assert cat[ind.numerator].kind in ("stock", "flow") and cat[ind.denominator].kind in ("stock", "flow")


def test_labels_are_vietnamese_and_codes_are_ascii(cat):
    for item in [*cat.indicators, *cat.fields]:
        assert item.code.isascii() and item.code.isupper()
        assert not item.label.isascii(), f"{item.code}: label without Vietnamese diacritics"


def test_catalogue_json_command_prints_the_documented_shape(cat):
    out = subprocess.run([BAOCAO, "catalogue", "--format", "json"], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert doc["catalogue_version"] == cat.version
    assert len(doc["indicators"]) == len(cat.indicators)
    for item in doc["indicators"]:
        assert {"code", "label", "section", "kind", "unit", "per_year"} <= set(item)
    by_code = {i["code"]: i for i in doc["indicators"]}
    assert by_code["DV_NU"]["label"] == "Trong đó: đoàn viên nữ"
    assert by_code["TL_DV_NU"]["numerator"] == "DV_NU"
    assert "đoàn viên" in out.stdout  # UTF-8, not \u escapes


def test_catalogue_text_command_lists_sections_in_vietnamese():
    out = subprocess.run([BAOCAO, "catalogue"], capture_output=True, text=True, check=True)
    assert "Danh mục chỉ tiêu phiên bản" in out.stdout
    assert "Công tác nữ công" in out.stdout


def _errors(data) -> str:
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(data)
    message = str(err.value)
    assert message.startswith("Danh mục chỉ tiêu")
    return message


def test_unknown_rate_numerator_is_reported_in_vietnamese(raw):
    broken = copy.deepcopy(raw)
    rate = next(i for i in broken["indicators"] if i["code"] == "TL_DV_NU")
    rate["numerator"] = "DV_KHONG_CO"
    message = _errors(broken)
    assert "TL_DV_NU" in message and "DV_KHONG_CO" in message and "tử số/mẫu số" in message


def test_duplicate_code_is_reported(raw):
    broken = copy.deepcopy(raw)
    broken["indicators"].append(dict(broken["indicators"][0]))
    assert f"Mã {broken['indicators'][0]['code']} bị trùng" in _errors(broken)


def test_relation_to_unknown_indicator_and_bad_kind_are_reported_together(raw):
    broken = copy.deepcopy(raw)
    broken["relations"][0]["right"] = "DV_TONG"
    broken["indicators"][0]["kind"] = "tong"
    message = _errors(broken)
    assert "Ràng buộc NU_LE_TONG" in message and "DV_TONG" in message
    assert "loại 'tong' không hợp lệ" in message


def test_missing_key_is_reported(raw):
    broken = copy.deepcopy(raw)
    del broken["indicators"][0]["label"]
    assert "thiếu hoặc sai khóa" in _errors(broken)
