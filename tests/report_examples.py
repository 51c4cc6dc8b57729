"""The two worked examples of domain.md section 6 as branch data, for the report tests.

``vptu()`` is the Công đoàn cơ sở Văn phòng Tỉnh ủy of seed 003 (a congress
summary, term 2017-2022): 45 members, 19 women, 04 groups, 44/45 party
members, gifts worth just under 100 million đồng. ``so_cong_thuong()`` is
the Công đoàn cơ sở Sở Công Thương of seed 002 (a half-term review): its
first three years (2018-2020) add up to the seed's figures, the last two
years hold other figures that a half-term report must not count.
"""

from __future__ import annotations

import datetime as dt

from workbook_templates import template_data
from workbook_templates.model import BranchData

YES = "Có"


def vptu(**info) -> BranchData:
    data = template_data("VPTU", "Công đoàn cơ sở Văn phòng Tỉnh ủy", "Công đoàn Viên chức tỉnh", "2017-2022",
                         **{"BCH_KHOA": 4, "CHU_TICH": "Trần Xuân Hoàng", "DIA_DANH": "Hà Tĩnh",
                            "NGUOI_LAP": "Trần Xuân Hoàng", "NGAY_LAP": dt.date(2023, 4, 18), **info})
    data.start.update({"DV_TONG_SO": 42, "DV_NU": 18, "TC_SO_TO": 4, "DV_DANG_VIEN": 41, "TC_CBCCVCLD": 42})
    data.values.update({
        "DV_TONG_SO": [43, 44, 44, 45, 45], "DV_NU": [18, 18, 19, 19, 19], "TC_SO_TO": [4, 4, 4, 4, 4],
        "DV_DANG_VIEN": [42, 43, 43, 44, 44], "TC_CBCCVCLD": [43, 44, 44, 45, 45],
        "DV_KET_NAP": [2, 1, 0, 1, 0], "DV_CHUYEN_DI": [0, 0, 0, 0, 0],
        "XH_SUAT_QUA": [20, 25, 30, 27, 30],
        "XH_SUAT_QUA_TIEN": [15_000_000, 18_000_000, 22_000_000, 20_470_000, 24_500_000],   # 99.970.000
        "XH_NHA_TINH_NGHIA": [0, 0, 1, 0, 0],
        "TD_SANG_KIEN_CO_SO": [18, 20, 19, 20, 21],                                          # 98
        "TD_DV_BINH_XET": [43, 44, 44, 45, 45], "TD_LDTT": [41, 43, 42, 44, 45],
        "TD_HCLD_HANG_NHAT": [0, 0, 0, 0, 1],
        "TT_HOI_NGHI": [3, 4, 2, 3, 4], "TT_LUOT_NGUOI": [120, 150, 80, 130, 160],
        "KT_DON_THU": [0, 0, 0, 0, 0], "KT_DON_THU_GIAI_QUYET": [0, 0, 0, 0, 0],          # all zero: left out
        "XH_HIEN_MAU": [0, 0, 0, 0, 0],
        "CL_HOI_NGHI_CBCCVC": [YES] * 5, "XL_CDCS": ["Vững mạnh"] * 5,
    })
    # the Huân chương is named in the Khen thưởng register; TD_HCLD_HANG_NHAT above is its count
    data.registers["DS_KHEN_THUONG"] = [{
        "NAM": 2022, "HINH_THUC": "Huân chương Lao động hạng Nhất", "DOI_TUONG": "Tập thể",
        "NGUOI_NHAN": "Văn phòng Tỉnh ủy", "CO_QUAN": "Chủ tịch nước", "TRANG_THAI": "Đã nhận"}]
    data.targets.update({"DV_TONG_SO": 45, "DV_KET_NAP": 5, "TD_SANG_KIEN_CO_SO": 80, "TL_LDTT": 90})
    data.next_targets.update({"DV_TONG_SO": 48, "TL_LDTT": 95, "TD_SANG_KIEN_CO_SO": 100})
    data.texts.update({
        "ND_THUAN_LOI": "Luôn được sự lãnh đạo của Đảng ủy Văn phòng Tỉnh ủy, chỉ đạo của Công đoàn viên chức tỉnh",
        "ND_KHO_KHAN": "Khối lượng công việc chuyên môn lớn, thời gian dành cho hoạt động công đoàn còn ít",
        "ND_KET_QUA_NOI_BAT": "Văn phòng Tỉnh ủy được Chủ tịch nước tặng Huân chương Lao động hạng Nhất (năm 2022)",
        "ND_MO_HINH": "Chương trình Tết Sum vầy tại Trung tâm Bảo trợ xã hội và người có công tỉnh",
        "ND_HAN_CHE": "- Một số hoạt động chưa thu hút đông đảo đoàn viên tham gia;",
        "ND_NGUYEN_NHAN": "Cán bộ công đoàn hoạt động kiêm nhiệm",
        "ND_BAI_HOC": "Bám sát sự lãnh đạo của cấp ủy, phối hợp chặt chẽ với lãnh đạo cơ quan",
        "ND_PHUONG_HUONG": "Đoàn kết, đổi mới, xây dựng tổ chức công đoàn vững mạnh",
        "ND_NHIEM_VU_GIAI_PHAP": "Tiếp tục đổi mới nội dung, phương thức hoạt động\n"
                                 "Chăm lo đời sống vật chất, tinh thần cho đoàn viên\n"
                                 "Đẩy mạnh phong trào thi đua “Tham mưu giỏi, phục vụ tốt”",
    })
    return data


def so_cong_thuong(**info) -> BranchData:
    data = template_data("SCT", "Công đoàn cơ sở Sở Công Thương", "Công đoàn Viên chức tỉnh", "2017-2022",
                         **{"BCH_KHOA": 3, "CHU_TICH": "Nguyễn Thị Thúy Vân", "DIA_DANH": "Bắc Kạn",
                            "NGUOI_LAP": "Nguyễn Thị Thúy Vân", "NGAY_LAP": dt.date(2021, 1, 15), **info})
    data.start.update({"DV_TONG_SO": 60, "DV_NU": 28, "TC_SO_TO": 5, "TC_CBCCVCLD": 62})
    data.values.update({
        "DV_TONG_SO": [61, 62, 62, 63, 64], "DV_NU": [28, 29, 29, 30, 30], "TC_SO_TO": [5, 5, 5, 5, 5],
        "TC_CBCCVCLD": [63, 64, 64, 65, 66],
        "CL_NANG_LUONG": [12, 11, 12, 10, 9],                                    # 35 in 2018-2020
        "CL_NANG_LUONG_TRUOC_HAN": [4, 4, 4, 3, 3],                              # 12
        "CL_THAI_SAN": [4, 3, 4, 2, 2],                                          # 11
        "CL_THAM_HOI_LUOT": [30, 27, 28, 25, 26],                                # 85
        "CL_THAM_HOI_TIEN": [7_000_000, 6_700_000, 7_000_000, 6_500_000, 6_800_000],   # 20,7 triệu
        "CL_THAM_QUAN_LAN": [2, 1, 1, 2, 2],                                     # 04 lần
        "CL_THAM_QUAN_TIEN": [120_000_000, 60_200_000, 60_220_000, 90_000_000, 95_000_000],  # hơn 240,4 triệu
        "CL_CON_DV_CHAU": [15, 15, 15, 16, 17],                                  # 45 cháu
        "CL_CON_DV_TIEN": [10_600_000, 10_600_000, 10_600_000, 11_000_000, 11_500_000],  # 31,8 triệu
        "CL_KHEN_THUONG_TIEN": [44_000_000, 44_200_000, 44_200_000, 45_000_000, 46_000_000],  # 132,4 triệu
        "CL_QUA_LE_TET_TIEN": [40_300_000, 40_300_000, 40_300_000, 41_000_000, 42_000_000],   # 120,9 triệu
        "CL_THIEN_TAI_LUOT": [0, 1, 0, 0, 0],
        "CL_THIEN_TAI_TIEN": [0, 8_950_000, 0, 0, 0],                           # gần 9 triệu
        "CL_NHA_O": [2, 0, 0, 0, 0],
        "NC_HOAT_DONG": [2, 2, 2, 2, 2],
        "NC_TIEN": [12_000_000, 11_500_000, 11_700_000, 12_000_000, 12_500_000],  # 35,2 triệu
        "XH_QUY_VI_NGUOI_NGHEO": [4_400_000, 4_400_000, 4_500_000, 4_600_000, 4_700_000],  # 13,3 triệu
        "XH_QUY_COVID": [0, 0, 2_800_000, 3_000_000, 0],                        # 2,8 triệu
        "XH_QUY_THIEN_TAI": [4_500_000, 4_400_000, 4_500_000, 4_000_000, 4_100_000],  # 13,4 triệu
        "XH_QUY_DEN_ON": [800_000, 800_000, 800_000, 900_000, 900_000],         # 2,4 triệu
        "XH_QUY_BAO_TRO_TRE_EM": [800_000, 800_000, 800_000, 900_000, 900_000],  # 2,4 triệu
        "XH_QUY_NONG_THON_MOI": [8_800_000, 8_900_000, 8_900_000, 9_000_000, 9_000_000],  # 26,6 triệu
        "XH_TONG_UNG_HO": [26_000_000, 26_500_000, 26_800_000, 27_000_000, 27_500_000],  # 79,3 triệu
        "XH_SUAT_QUA": [40, 45, 46, 40, 40], "XH_SUAT_QUA_TIEN": [30_000_000] * 5,
        "XH_HIEN_MAU": [4, 3, 4, 5, 5],                                          # 11 lượt
    })
    data.texts.update({
        "ND_HAN_CHE": "Công tác tuyên truyền, vận động, giáo dục tư tưởng cho đoàn viên còn hạn chế, nặng về hình "
                      "thức;\nChưa xây dựng được Quy chế phối hợp giữa CĐCS với Chính quyền cùng cấp;\n"
                      "Việc giám sát chủ yếu là giám sát thường xuyên, chưa tổ chức được các đoàn giám sát.",
        "ND_NHIEM_VU_GIAI_PHAP": "– Phối hợp với chính quyền quan tâm chăm lo nâng cao đời sống vật chất, tinh thần "
                                 "và cải thiện điều kiện làm việc cho CCVC-LĐ;\n"
                                 "– Kịp thời thăm hỏi, động viên, chia sẻ khó khăn với đoàn viên, CCVC-LĐ;\n"
                                 "– Đổi mới nội dung, hình thức tuyên truyền phù hợp với tình hình thực tế của đơn vị.",
    })
    return data
