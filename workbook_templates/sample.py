"""Built-in sample data: a fictional provincial civil-servants union.

``baocao demo`` and the tests need realistic workbooks without anyone's real
figures, so this module invents them: the registry of the fictional
"Công đoàn Viên chức tỉnh Bắc Sơn" (three groups, 55 grassroots unions) and
one filled branch workbook per unit for the term 2018-2023, with its
registers (named awards and their recipients, models, campaigns, works,
documents), plus the union's own workbook (level "Công đoàn cấp trên": the
round targets of its congress resolution, its own courses, inspections,
awards and narrative, each solution a heading and paragraphs).

The figures are internally consistent the way a careful officer's would be
(members at the end of a year = previous year + admitted + transferred in −
transferred out − other decrease; women, party members ≤ members; named
funds ≤ total; …) and of the size seen in real reports. A few workbooks carry
one deliberate, documented mistake each, listed in the registry's Ghi chú
column and in :attr:`DemoResult.mistakes`, so the checks, the add-in and the
compiler have something real to find.

Everything is drawn from ``random.Random`` seeded by the seed and the unit
code, so a seed always gives the same data, and a unit's data does not
depend on how many units are written.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from .builder import build_workbook
from .catalogue import LEVEL_BRANCH, LEVEL_FIELD, LEVEL_UPPER, NO, YES, Catalogue, load_catalogue
from .model import BranchData, RegisterRow, Value, figures, register_counts, term_years
from .registry import REGISTRY_FILENAME, Registry, Unit, write_registry

__all__ = [
    "DemoResult", "Mistake", "write_demo", "MISTAKE_KINDS",
    "WOMEN_EXCEED_MEMBERS", "NUMBER_AS_TEXT", "MEMBERSHIP_GAP", "FUNDS_EXCEED_TOTAL", "MISSING_DATE",
    "AWARD_WITHOUT_RECIPIENT", "OWN_FILENAME",
]

PROVINCE = "Bắc Sơn"
TERM = "2018-2023"
TOP = Unit("CDVC", f"Công đoàn Viên chức tỉnh {PROVINCE}", f"Liên đoàn Lao động tỉnh {PROVINCE}",
           "Đơn vị tổng hợp. Dữ liệu mẫu hư cấu, chỉ dùng để chạy thử.",
           place=PROVINCE, chair="Nguyễn Thị Thanh Hương", committee_number=4)

# Kinds of deliberate mistake, in the order they are handed out.
WOMEN_EXCEED_MEMBERS = "women_exceed_members"
NUMBER_AS_TEXT = "number_as_text"
MEMBERSHIP_GAP = "membership_gap"
FUNDS_EXCEED_TOTAL = "funds_exceed_total"
MISSING_DATE = "missing_date"
AWARD_WITHOUT_RECIPIENT = "award_without_recipient"
MISTAKE_KINDS = (WOMEN_EXCEED_MEMBERS, NUMBER_AS_TEXT, MEMBERSHIP_GAP, FUNDS_EXCEED_TOTAL, MISSING_DATE,
                 AWARD_WITHOUT_RECIPIENT)
#: The union's own workbook, beside the branches' in the demo folder.
OWN_FILENAME = f"{TOP.code}-so-lieu-rieng.xlsx"


@dataclass(frozen=True)
class Mistake:
    """One deliberate mistake in one unit's workbook.

    ``code`` is the indicator or Thông tin field holding the wrong value,
    ``year`` the year it sits in (None for a field), ``value`` what the
    workbook holds there and ``note`` the Vietnamese explanation written in
    the registry.
    """

    kind: str
    code: str
    year: int | None
    value: Value
    note: str
    row: int | None = None      # a register mistake: the row's index in the register (code is its column's name)


@dataclass
class DemoResult:
    """What :func:`write_demo` wrote: the registry, every unit's data and the mistakes."""

    out_dir: Path
    registry: Registry
    data: dict[str, BranchData]
    mistakes: dict[str, Mistake] = field(default_factory=dict)
    own: BranchData | None = None

    @property
    def own_path(self) -> Path:
        return self.out_dir / OWN_FILENAME

    @property
    def registry_path(self) -> Path:
        return self.out_dir / REGISTRY_FILENAME

    @property
    def workbooks(self) -> dict[str, Path]:
        """Unit code -> workbook path, in registry order."""
        return {code: self.out_dir / f"{code}.xlsx" for code in self.data}

    @property
    def clean_units(self) -> list[str]:
        return [code for code in self.data if code not in self.mistakes]

    def unit_with(self, kind: str) -> str:
        """The code of the unit carrying mistake ``kind``."""
        return next(code for code, m in self.mistakes.items() if m.kind == kind)


def write_demo(out_dir: str | os.PathLike, seed: int = 2023, count: int = 55) -> DemoResult:
    """Write the registry and ``count`` filled branch workbooks into ``out_dir``."""
    catalogue = load_catalogue()
    registry, data, mistakes = generate_demo(seed, count, catalogue)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out, registry, data, mistakes, own_data(seed, catalogue, data))
    write_registry(result.registry_path, registry)
    for code, path in result.workbooks.items():
        build_workbook(path, data[code], catalogue)
    build_workbook(result.own_path, result.own, catalogue)
    return result


def generate_demo(seed: int, count: int, catalogue: Catalogue) -> tuple[Registry, dict[str, BranchData],
                                                                         dict[str, Mistake]]:
    """The demo as data (no file touched): registry, data per unit code, mistakes per unit code."""
    agencies = [(group, agency) for group in GROUPS for agency in group.agencies]
    if not 1 <= count <= len(agencies):
        raise ValueError(f"Số đơn vị mẫu phải từ 1 đến {len(agencies)}.")
    coded = [(f"CDCS_{i:03d}", group, agency) for i, (group, agency) in enumerate(agencies, start=1)]
    picker = random.Random(seed)
    chosen = coded if count == len(coded) else [coded[i] for i in sorted(picker.sample(range(len(coded)), count))]
    codes = [code for code, _, _ in chosen]
    faulty = dict(zip(picker.sample(codes, min(len(MISTAKE_KINDS), len(codes))), MISTAKE_KINDS))
    data: dict[str, BranchData] = {}
    mistakes: dict[str, Mistake] = {}
    for code, _, agency in chosen:
        data[code], mistake = _branch(seed, catalogue, code, agency, faulty.get(code))
        if mistake:
            mistakes[code] = mistake
    used = {group.code for _, group, _ in chosen}
    units = [TOP] + [Unit(g.code, g.name, TOP.code, "Nhóm tổng hợp theo khối.") for g in GROUPS if g.code in used]
    units += [Unit(code, f"Công đoàn cơ sở {agency.name}", group.code,
                   mistakes[code].note if code in mistakes else "")
              for code, group, agency in chosen]
    return Registry(tuple(units)), data, mistakes


# ----------------------------------------------------------------- units

@dataclass(frozen=True)
class Profile:
    """What a kind of agency is like: who works there and how it talks about itself."""

    women: tuple[float, float]
    party: tuple[float, float]
    workplace: str          # "cơ quan", "nhà trường", …
    leaders: str            # who the union coordinates with
    movement: str           # the sector's emulation movement


PROFILES = {
    "party": Profile((0.30, 0.50), (0.85, 0.99), "cơ quan", "lãnh đạo cơ quan", "Tham mưu giỏi, phục vụ tốt"),
    "mass": Profile((0.35, 0.60), (0.70, 0.95), "cơ quan", "lãnh đạo cơ quan", "Tham mưu giỏi, phục vụ tốt"),
    "state": Profile((0.30, 0.55), (0.50, 0.80), "cơ quan", "lãnh đạo cơ quan",
                     "Công chức, viên chức thi đua thực hiện văn hóa công sở"),
    "school": Profile((0.60, 0.75), (0.35, 0.60), "nhà trường", "Ban Giám hiệu", "Dạy tốt, học tốt"),
    "hospital": Profile((0.60, 0.72), (0.20, 0.40), "bệnh viện", "Ban Giám đốc", "Thầy thuốc như mẹ hiền"),
    "centre": Profile((0.35, 0.60), (0.30, 0.60), "đơn vị", "lãnh đạo đơn vị", "Lao động giỏi, lao động sáng tạo"),
}


@dataclass(frozen=True)
class Agency:
    name: str
    profile: str
    members: tuple[int, int]          # range of members at the start of the term
    women: tuple[float, float] | None = None


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    agencies: tuple[Agency, ...]


GROUPS = (
    Group("KHOI_DANG", "Công đoàn Khối cơ quan Đảng, đoàn thể", (
        Agency("Văn phòng Tỉnh ủy", "party", (40, 55)),
        Agency("Ban Tổ chức Tỉnh ủy", "party", (25, 35)),
        Agency("Ban Tuyên giáo Tỉnh ủy", "party", (20, 30)),
        Agency("Ủy ban Kiểm tra Tỉnh ủy", "party", (20, 30)),
        Agency("Ban Dân vận Tỉnh ủy", "party", (14, 22)),
        Agency("Ban Nội chính Tỉnh ủy", "party", (12, 20)),
        Agency(f"Trường Chính trị tỉnh {PROVINCE}", "party", (45, 60)),
        Agency(f"Báo {PROVINCE}", "party", (50, 70)),
        Agency(f"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {PROVINCE}", "mass", (25, 35)),
        Agency(f"Hội Liên hiệp Phụ nữ tỉnh {PROVINCE}", "mass", (20, 28), women=(0.85, 0.95)),
        Agency(f"Tỉnh đoàn {PROVINCE}", "mass", (22, 30)),
        Agency(f"Hội Nông dân tỉnh {PROVINCE}", "mass", (18, 25)),
    )),
    Group("KHOI_QLNN", "Công đoàn Khối quản lý nhà nước", (
        Agency("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "state", (30, 40)),
        Agency("Văn phòng Ủy ban nhân dân tỉnh", "state", (55, 75)),
        Agency("Sở Công Thương", "state", (55, 75)),
        Agency("Sở Tài chính", "state", (50, 65)),
        Agency("Sở Kế hoạch và Đầu tư", "state", (40, 55)),
        Agency("Sở Nội vụ", "state", (45, 60)),
        Agency("Sở Tư pháp", "state", (30, 40)),
        Agency("Sở Xây dựng", "state", (40, 55)),
        Agency("Sở Giao thông vận tải", "state", (60, 85)),
        Agency("Sở Tài nguyên và Môi trường", "state", (70, 95)),
        Agency("Sở Nông nghiệp và Phát triển nông thôn", "state", (80, 110)),
        Agency("Sở Lao động - Thương binh và Xã hội", "state", (45, 60)),
        Agency("Sở Văn hóa, Thể thao và Du lịch", "state", (55, 70)),
        Agency("Sở Khoa học và Công nghệ", "state", (30, 40)),
        Agency("Sở Thông tin và Truyền thông", "state", (25, 35)),
        Agency("Sở Y tế", "state", (40, 50)),
        Agency("Sở Giáo dục và Đào tạo", "state", (55, 70)),
        Agency("Sở Ngoại vụ", "state", (10, 16)),
        Agency("Thanh tra tỉnh", "state", (25, 35)),
        Agency("Ban Dân tộc tỉnh", "state", (15, 22)),
        Agency("Ban Quản lý các khu công nghiệp tỉnh", "state", (18, 25)),
        Agency("Chi cục Kiểm lâm", "state", (90, 130)),
    )),
    Group("KHOI_SU_NGHIEP", "Công đoàn Khối sự nghiệp", (
        Agency(f"Trường THPT Chuyên {PROVINCE}", "school", (70, 90)),
        Agency("Trường THPT Lê Quý Đôn", "school", (55, 75)),
        Agency("Trường THPT Nguyễn Trãi", "school", (50, 70)),
        Agency("Trường THPT Phan Bội Châu", "school", (45, 60)),
        Agency("Trường Phổ thông Dân tộc nội trú tỉnh", "school", (40, 55)),
        Agency(f"Trường Cao đẳng Y tế {PROVINCE}", "school", (80, 110)),
        Agency(f"Trường Cao đẳng Kỹ thuật - Công nghệ {PROVINCE}", "school", (100, 140)),
        Agency(f"Bệnh viện đa khoa tỉnh {PROVINCE}", "hospital", (520, 560)),
        Agency("Bệnh viện Sản - Nhi tỉnh", "hospital", (220, 280)),
        Agency("Bệnh viện Y dược cổ truyền tỉnh", "hospital", (110, 150)),
        Agency("Bệnh viện Phổi tỉnh", "hospital", (70, 95)),
        Agency("Bệnh viện đa khoa khu vực Nam Sơn", "hospital", (150, 200)),
        Agency("Trung tâm Kiểm soát bệnh tật tỉnh", "centre", (80, 110)),
        Agency(f"Đài Phát thanh và Truyền hình {PROVINCE}", "centre", (90, 120)),
        Agency("Trung tâm Dịch vụ việc làm tỉnh", "centre", (25, 35)),
        Agency("Trung tâm Khuyến nông tỉnh", "centre", (20, 30)),
        Agency("Thư viện tỉnh", "centre", (14, 20)),
        Agency("Bảo tàng tỉnh", "centre", (16, 24)),
        Agency("Trung tâm Công nghệ thông tin và Truyền thông", "centre", (12, 18)),
        Agency("Trung tâm Bảo trợ xã hội tỉnh", "centre", (25, 35)),
        Agency("Ban Quản lý dự án đầu tư xây dựng tỉnh", "centre", (30, 45)),
    )),
)

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Nông", "Lương",
                "Triệu", "Ngô", "Dương", "Ma", "Lý", "Hứa")
MALE = (("Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Mạnh"),
        ("Hùng", "Dũng", "Tuấn", "Thắng", "Long", "Sơn", "Hải", "Cường", "Thành", "Hoàng", "Bình", "Trung"))
FEMALE = (("Thị", "Thu", "Thanh", "Hồng", "Ngọc", "Thúy", "Minh"),
          ("Hà", "Lan", "Hương", "Mai", "Vân", "Hằng", "Nga", "Thủy", "Loan", "Hạnh", "Phương", "Yến"))

#: Years of the term hit by Covid-19 (fewer trips and gatherings, more support).
COVID_YEARS = (2020, 2021)
MIN_MEMBERS, MAX_MEMBERS = 10, 590


def _person(rng: random.Random) -> str:
    middles, givens = rng.choice((MALE, FEMALE))
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(middles)} {rng.choice(givens)}"


def _money(amount: float, step: int = 10_000) -> int:
    """Whole đồng, rounded the way officers record amounts."""
    return int(round(amount / step)) * step


def _branch(seed: int, cat: Catalogue, code: str, agency: Agency,
            mistake_kind: str | None) -> tuple[BranchData, Mistake | None]:
    """One unit's workbook data, with its deliberate mistake (if any) made before targets and texts
    are written, so these quote the figures the workbook holds, as the officer's own would."""
    rng = random.Random(f"{seed}-{code}")
    years = term_years(TERM)
    profile = PROFILES[agency.profile]
    chair = _person(rng)
    info = {
        "DON_VI_MA": code,
        "DON_VI_TEN": f"Công đoàn cơ sở {agency.name}",
        "CAP_TREN_TEN": TOP.name,
        "NHIEM_KY": TERM,
        LEVEL_FIELD: LEVEL_BRANCH,
        "BCH_KHOA": rng.randint(3, 9),
        "CHU_TICH": chair,
        "DIA_DANH": PROVINCE,
        "NGUOI_LAP": _person(rng),
        "DIEN_THOAI": f"0209 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
        "NGAY_LAP": dt.date(2023, 3, 1) + dt.timedelta(days=rng.randint(0, 75)),
    }
    values, start = _figures(rng, agency, profile, years)
    data = BranchData(cat.version, years, info, values, start)
    data.registers = _registers(random.Random(f"{seed}-{code}-ds"), agency, profile, data)
    mistake = None
    if mistake_kind:
        mistake = _INJECTORS[mistake_kind](random.Random(f"{seed}-{code}-{mistake_kind}"), data)
    data.values.update(register_counts(cat, data))   # what the workbook's COUNTIFS (and the reader) give
    data.targets, data.next_targets = _targets(rng, cat, data)
    data.texts = _texts(rng, agency, profile, data)
    return as_read(cat, data), mistake


def as_read(cat: Catalogue, data: BranchData) -> BranchData:
    """``data`` in the shape the reader returns it: every cell present, blanks as None.

    So that the demo's data is exactly what its workbooks hold (the
    round-trip tests compare them), the indicators a unit leaves blank, the
    targets it sets none for and the register columns it does not fill are
    spelled out as None, and each register row names its unit.
    """
    blank = [None] * len(data.years)
    for ind in cat.indicators:
        if ind.per_year and ind.kind != "rate":
            data.values.setdefault(ind.code, list(blank))
        if ind.kind == "stock":
            data.start.setdefault(ind.code, None)
        if ind.target:
            data.targets.setdefault(ind.code, None)
            data.next_targets.setdefault(ind.code, None)
    for reg in cat.registers:
        rows = data.registers.setdefault(reg.code, [])
        rows[:] = [{**{c: row.get(c) for c in reg.all_columns},
                    "DON_VI_MA": row.get("DON_VI_MA") or data.unit_code,
                    "DON_VI_TEN": row.get("DON_VI_TEN") or data.unit_name} for row in rows]
    return data


def _figures(rng: random.Random, agency: Agency, profile: Profile,
             years: list[int]) -> tuple[dict[str, list[Value]], dict[str, Value]]:
    """Yearly figures (every cell filled) and the stocks at the start of the term."""
    v: dict[str, list[Value]] = {}

    def put(code: str, value: Value) -> Value:
        v.setdefault(code, []).append(value)
        return value

    women_share = rng.uniform(*(agency.women or profile.women))
    party_share = rng.uniform(*profile.party)
    slack_share = rng.uniform(0.0, 0.06)
    per_group = rng.uniform(8, 15)
    members = rng.randint(*agency.members)
    growth = rng.uniform(-0.01, 0.035)

    def workers_for(m: int) -> int:
        return m + int(round(m * slack_share))

    def groups_for(m: int) -> int:
        return max(2, min(40, int(round(m / per_group))))

    bch = 3 if members < 20 else 5 if members < 50 else 7 if members < 100 else 9 if members < 200 \
        else 11 if members < 400 else 15
    start = {
        "TC_SO_TO": groups_for(members),
        "TC_CBCCVCLD": workers_for(members),
        "DV_TONG_SO": members,
        "DV_NU": int(round(members * women_share)),
        "DV_DANG_VIEN": min(members, int(round(members * party_share))),
        "BCH_UY_VIEN": bch,
    }
    has_regulation = rng.random() < 0.8
    regulation_from = years[0] if has_regulation else rng.choice(years[1:])
    culture = rng.random() < 0.85
    inspectors = rng.random() < 0.9
    benefit = rng.choice((0, 0, 300_000, 500_000, 1_000_000))   # a yearly sum per member, by the spending rules
    rating_weights = rng.choice(((10, 45, 35, 9, 1), (25, 50, 20, 5, 0), (3, 30, 50, 15, 2)))
    ratings = ("Vững mạnh", "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
               "Không hoàn thành nhiệm vụ")
    for year in years:
        covid = year in COVID_YEARS
        prev = members
        # --- membership: the identity holds exactly
        other = int(round(prev * rng.uniform(0.01, 0.04)))
        out = int(round(prev * rng.uniform(0.0, 0.03)))
        transferred_in = int(round(prev * rng.uniform(0.0, 0.03)))
        goal = max(MIN_MEMBERS, min(MAX_MEMBERS, int(round(prev * (1 + growth + rng.uniform(-0.015, 0.015))))))
        admitted = goal - prev + out + other - transferred_in
        if admitted < 0:
            other -= admitted
            admitted = 0
        members = prev + admitted + transferred_in - out - other
        women = min(members, int(round(members * women_share)) + rng.randint(-1, 1))
        party = min(members, int(round(members * party_share)) + rng.randint(-1, 1))
        put("TC_SO_TO", groups_for(members))
        put("TC_CBCCVCLD", workers_for(members))
        put("DV_TONG_SO", members)
        put("DV_NU", max(0, women))
        put("DV_DANG_VIEN", max(0, party))
        put("DV_KET_NAP", admitted)
        put("DV_CHUYEN_DEN", transferred_in)
        put("DV_CHUYEN_DI", out)
        put("DV_GIAM_KHAC", other)
        put("BCH_UY_VIEN", bch)
        put("CB_TAP_HUAN", int(round(bch * rng.uniform(0.3, 0.8 if covid else 1.5))))
        put("XL_CDCS", rng.choices(ratings, weights=rating_weights)[0])
        # --- care for members
        raises = int(round(members * rng.uniform(0.22, 0.36)))
        put("CL_NANG_LUONG", raises)
        put("CL_NANG_LUONG_TRUOC_HAN", min(raises, int(round(raises * rng.uniform(0.05, 0.3)))))
        put("CL_THAI_SAN", int(round(women * rng.uniform(0.02, 0.07))))
        visits = max(1, int(round(members * rng.uniform(0.25, 0.6))))
        put("CL_THAM_HOI_LUOT", visits)
        put("CL_THAM_HOI_TIEN", sum(rng.choice((200_000, 200_000, 300_000, 300_000, 500_000)) for _ in range(visits)))
        checked = int(round(members * rng.uniform(0.85, 1.0))) if rng.random() < 0.85 else 0
        put("CL_KHAM_SK_LUOT", checked)
        put("CL_KHAM_SK_TIEN", _money(checked * rng.uniform(350_000, 700_000)))
        trips = 0 if year == 2021 else rng.randint(0, 1) if covid else rng.choice((1, 1, 1, 2))
        put("CL_THAM_QUAN_LAN", trips)
        put("CL_THAM_QUAN_TIEN", _money(trips * members * rng.uniform(0.6, 0.85) * rng.uniform(1_500_000, 3_000_000),
                                        100_000))
        put("CL_QUA_LE_TET_TIEN", _money(members * rng.uniform(500_000, 1_400_000), 100_000))
        put("CL_KHEN_THUONG_TIEN", _money(members * rng.uniform(350_000, 800_000), 100_000))
        children = int(round(members * rng.uniform(0.3, 0.6)))
        put("CL_CON_DV_CHAU", children)
        put("CL_CON_DV_TIEN", _money(children * rng.uniform(150_000, 400_000)))
        housed = 1 if rng.random() < 0.08 else 0
        put("CL_NHA_O", housed)
        put("CL_NHA_O_TIEN", housed * rng.choice((0, 30_000_000, 50_000_000)))
        hit = 1 if year == 2020 and rng.random() < 0.5 or rng.random() < 0.1 else 0
        put("CL_THIEN_TAI_LUOT", hit)
        put("CL_THIEN_TAI_TIEN", _money(hit * rng.uniform(1_000_000, 9_000_000), 100_000))
        sick = int(round(members * rng.uniform(0.1, 0.4))) if covid else 0
        put("CL_DICH_BENH_LUOT", sick)
        put("CL_DICH_BENH_TIEN", _money(sick * rng.uniform(300_000, 1_000_000), 100_000))
        ill = int(round(members * rng.uniform(0.01, 0.06)))
        put("CL_OM_DAU_LUOT", ill)
        put("CL_OM_DAU_TIEN", _money(ill * rng.uniform(500_000, 3_000_000), 100_000))
        put("CL_PHUC_LOI_LUOT", members if benefit else 0)
        put("CL_PHUC_LOI_TIEN", members * benefit)
        put("CL_HOI_NGHI_CBCCVC", YES if rng.random() < 0.97 else NO)
        put("CL_QUY_CHE_PHOI_HOP", YES if year >= regulation_from else NO)
        put("CL_QUY_CHE_THAM_GIA", rng.randint(1, 5))
        # --- communication
        meetings = rng.randint(1, 3) if covid else rng.randint(2, 8)
        put("TT_HOI_NGHI", meetings)
        put("TT_LUOT_NGUOI", int(round(meetings * members * rng.uniform(0.6, 0.95))))
        put("TT_VAN_HOA_THE_THAO", rng.randint(0, 2) if covid else rng.randint(1, 5))
        put("TT_TIN_BAI", rng.randint(0, 15))
        # --- emulation and awards
        assessed = members - rng.randint(0, admitted)
        advanced = int(round(assessed * rng.uniform(0.75, 0.98)))
        put("TD_DV_BINH_XET", assessed)
        put("TD_LDTT", advanced)
        put("TD_CSTD_CO_SO", int(round(advanced * rng.uniform(0.06, 0.15))))
        put("TD_TAP_THE_LDXS", rng.randint(0, 1 + members // 100))
        put("TD_TAP_THE_LDTT", rng.randint(0, 2 + members // 60))
        put("TD_GIAY_KHEN", rng.randint(1, 3 + members // 15))
        # high awards are named in the Khen thưởng register (see _registers); their counts derive from it
        put("TD_XEP_HANG_KHOI", rng.choices(BLOCK_RANKS, weights=(2, 2, 2, 10, 0.3))[0])
        put("DV_DANH_GIA", assessed)
        put("DV_XUAT_SAC", int(round(assessed * rng.uniform(0.88, 0.995))))
        put("TC_HOP_BCH", rng.randint(4, 12))
        put("CB_LOP_TAP_HUAN", int(rng.random() < 0.15))
        initiatives = int(round(members * rng.uniform(0.03, 0.2)))
        put("TD_SANG_KIEN_CO_SO", initiatives)
        put("TD_SANG_KIEN_TINH", min(initiatives, rng.randint(0, 1 + members // 100)) if rng.random() < 0.4 else 0)
        put("TD_MOT_TRIEU_SANG_KIEN", rng.randint(0, 2 + members // 30))
        # --- women's affairs
        put("NC_HOAT_DONG", rng.randint(2, 4))
        put("NC_TIEN", _money(women * rng.uniform(200_000, 500_000)))
        put("NC_GIOI_VIEC_NUOC", int(round(women * rng.uniform(0.2, 0.6))))
        # --- charity: named funds, then a total that includes other contributions
        funds = {
            "XH_QUY_VI_NGUOI_NGHEO": _money(members * rng.uniform(120_000, 250_000)),
            "XH_QUY_DEN_ON": _money(members * rng.uniform(40_000, 100_000)),
            "XH_QUY_BAO_TRO_TRE_EM": _money(members * rng.uniform(40_000, 100_000)),
            "XH_QUY_COVID": _money(members * rng.uniform(100_000, 300_000)) if covid else 0,
            "XH_QUY_THIEN_TAI": _money(members * rng.uniform(100_000, 300_000))
            if year == 2020 or rng.random() < 0.3 else 0,
            "XH_QUY_NONG_THON_MOI": _money(members * rng.uniform(100_000, 200_000)) if rng.random() < 0.5 else 0,
            "XH_QUY_MAI_AM": _money(members * rng.uniform(50_000, 100_000)) if rng.random() < 0.6 else 0,
        }
        named = sum(funds.values())
        other_funds = _money(named * rng.uniform(0.0, 0.15))
        put("XH_TONG_UNG_HO", named + other_funds)
        for fund, amount in funds.items():
            put(fund, amount)
        put("XH_QUY_KHAC", other_funds)
        parcels = rng.randint(0, 5 + members // 10)
        put("XH_SUAT_QUA", parcels)
        put("XH_SUAT_QUA_TIEN", parcels * rng.choice((300_000, 400_000, 500_000, 500_000)))
        put("XH_HIEN_MAU", int(round(members * rng.uniform(0.02, 0.2 if agency.profile == "hospital" else 0.12))))
        put("XH_HIEN_MAU_DON_VI", v["XH_HIEN_MAU"][-1] + rng.randint(0, v["XH_HIEN_MAU"][-1] // 3))
        put("XH_NHA_TINH_NGHIA", int(rng.random() < 0.05))
        # --- inspection and supervision
        put("KT_KIEM_TRA", rng.randint(1, 2))
        put("KT_GIAM_SAT", rng.randint(1, 3))
        put("KT_TAI_CHINH", 1)
        complaints = rng.randint(1, 2) if rng.random() < 0.12 else 0
        put("KT_DON_THU", complaints)
        put("KT_DON_THU_GIAI_QUYET", complaints)
        put("KT_BAN_TTND", YES if inspectors else NO)
        put("KT_TTND_GIAM_SAT", rng.randint(1, 3) if inspectors else 0)
        put("KT_KY_LUAT", int(rng.random() < 0.02))
        # --- building the Party
        introduced = min(max(0, members - party), rng.randint(0, 1 + members // 40))
        put("XDD_GIOI_THIEU", introduced)
        put("XDD_KET_NAP_DANG", rng.randint(0, introduced))
        put("XDD_GOP_Y", rng.randint(5, 15 + members // 5))
        put("XDD_CO_QUAN_VAN_HOA", YES if culture or rng.random() < 0.3 else NO)
        put("XDD_XEP_LOAI_TO_CHUC_DANG", rng.choices(PARTY_RATINGS, weights=(30, 60, 9, 1))[0])
    return v, start


def _targets(rng: random.Random, cat: Catalogue, data: BranchData) -> tuple[dict[str, Value], dict[str, Value]]:
    """Congress targets for this term (met, exceeded or missed) and for the next one."""
    figs = figures(cat, data)
    this: dict[str, Value] = {}
    proposed: dict[str, Value] = {}
    for ind in cat.targets:
        result = figs[ind.code].term
        if ind.code == "TL_CDCS_VUNG_MANH":
            continue  # the share of CĐCS rated well is the upper union's target, not a CĐCS's
        if ind.kind == "rate":
            this[ind.code] = rng.choice((80, 85, 90, 95) if ind.code == "TL_LDTT" else (90, 95, 98, 100))
            proposed[ind.code] = rng.choice((85, 90, 95) if ind.code == "TL_LDTT" else (95, 98, 100))
        elif ind.kind == "stock":
            base = data.start[ind.code]
            this[ind.code] = max(1, int(round(base * rng.uniform(0.98, 1.08))))
            proposed[ind.code] = max(1, int(round(result * rng.uniform(1.0, 1.06))))
        else:
            this[ind.code] = max(1, int(round(result * rng.uniform(0.8, 1.2))))
            proposed[ind.code] = max(1, int(round(result * rng.uniform(1.0, 1.2))))
    return this, proposed


# ----------------------------------------------------------------- registers

BLOCK_RANKS = ("Dẫn đầu khối", "Xếp thứ nhì", "Xếp thứ ba", "Hoàn thành", "Không hoàn thành")
PARTY_RATINGS = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                 "Không hoàn thành nhiệm vụ")
ISSUERS = {
    "Bằng khen của Ủy ban nhân dân tỉnh": f"Ủy ban nhân dân tỉnh {PROVINCE}",
    "Bằng khen của Liên đoàn Lao động tỉnh": f"Liên đoàn Lao động tỉnh {PROVINCE}",
    "Bằng khen của Tổng Liên đoàn Lao động Việt Nam": "Tổng Liên đoàn Lao động Việt Nam",
    "Cờ thi đua của Ủy ban nhân dân tỉnh": f"Ủy ban nhân dân tỉnh {PROVINCE}",
    "Cờ thi đua của Liên đoàn Lao động tỉnh": f"Liên đoàn Lao động tỉnh {PROVINCE}",
    "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam": "Tổng Liên đoàn Lao động Việt Nam",
    "Huân chương Lao động hạng Nhất": "Chủ tịch nước",
    "Huân chương Lao động hạng Nhì": "Chủ tịch nước",
    "Huân chương Lao động hạng Ba": "Chủ tịch nước",
    "Bằng Lao động sáng tạo": "Tổng Liên đoàn Lao động Việt Nam",
    "Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn": "Tổng Liên đoàn Lao động Việt Nam",
    "Chiến sĩ thi đua cấp tỉnh": f"Ủy ban nhân dân tỉnh {PROVINCE}",
}
#: Models a unit runs: (name, what it is, its result, the first year units started it).
MODELS = (
    ("Tổ công đoàn tự quản, sạch đẹp", "Mỗi Tổ công đoàn tự nhận một phần việc giữ gìn {workplace} xanh, sạch, đẹp, "
     "chấm điểm hằng tháng.", "Cảnh quan {workplace} luôn sạch đẹp; {n} lượt đoàn viên tham gia.", 2014),
    ("Quỹ tương trợ đoàn viên", "Đoàn viên góp hằng tháng vào quỹ, cho đoàn viên khó khăn vay không lãi.",
     "Đã giúp {n} lượt đoàn viên vay vốn sửa nhà, chữa bệnh, cho con đi học.", 2012),
    ("Chuyển đổi số trong hoạt động công đoàn", "Dùng nhóm trao đổi trực tuyến, biểu mẫu điện tử để thông tin, "
     "lấy ý kiến đoàn viên.", "Thông tin đến {n} đoàn viên kịp thời; giảm giấy tờ, hội họp.", 2020),
    ("Mỗi tháng một việc tốt vì cộng đồng", "Mỗi Tổ công đoàn nhận làm một việc tốt mỗi tháng ở địa bàn kết nghĩa.",
     "Thực hiện {n} việc tốt; được địa phương ghi nhận.", 2016),
    ("Ngày thứ Bảy tình nguyện", "Đoàn viên trẻ tình nguyện hỗ trợ người dân làm thủ tục, sửa chữa nhà ở.",
     "Tổ chức {n} buổi tình nguyện, được nhân dân đồng tình.", 2017),
)
#: Works a unit builds for the village it helps: (name, beneficiaries, their number, cost range in triệu đồng).
#: A name holds its village and commune; each unit helps its own village (:func:`_work`).
WORK_KINDS = (
    ("Đường điện chiếu sáng thôn {village}, xã {commune}", "hộ dân trong thôn", (12, 45), (60, 220)),
    ("Nhà tình nghĩa tặng gia đình chính sách thôn {village}, xã {commune}", "gia đình chính sách", (1, 1), (50, 90)),
    ("Sân chơi cho trẻ em thôn {village}, xã {commune}", "trẻ em trong thôn", (20, 60), (30, 120)),
    ("Tủ sách pháp luật điểm trường thôn {village}, Trường Tiểu học {commune}", "học sinh tiểu học", (60, 200),
     (15, 40)),
    ("Công trình nước sạch điểm trường thôn {village}, Trường Mầm non {commune}", "trẻ mầm non và giáo viên",
     (30, 90), (40, 150)),
    ("Cầu bê tông dân sinh thôn {village}, xã {commune}", "hộ dân đi lại", (30, 90), (120, 350)),
    ("Thay bóng đèn tiết kiệm điện cho hộ nghèo thôn {village}, xã {commune}", "hộ nghèo, hộ chính sách",
     (15, 40), (20, 60)),
    ("Sửa chữa nhà văn hóa thôn {village}, xã {commune}", "nhân dân trong thôn", (40, 120), (80, 250)),
)
VILLAGES = ("Bó Mòn", "Nà Làng", "Khuổi Khe", "Pác Nặm", "Nà Cà", "Bản Chang", "Cốc Lùng", "Nà Pài", "Khau Cưởm",
            "Phja Đăm", "Nà Mần", "Bản Đồn", "Thôm Mò", "Nà Khon", "Lủng Mình", "Bó Lạn", "Kéo Nàng", "Nà Tùm",
            "Cốc Phấy", "Pò Duốc", "Nà Chang", "Khuổi Luông", "Bản Pục", "Nà Bản")
COMMUNES = (("Trung Hòa", "Ngân Sơn"), ("Vũ Loan", "Na Rì"), ("Xuân Lạc", "Chợ Đồn"), ("Đồng Phúc", "Ba Bể"),
            ("Cường Lợi", "Na Rì"), ("Bằng Vân", "Ngân Sơn"), ("Nam Cường", "Chợ Đồn"), ("Cao Thượng", "Ba Bể"),
            ("Quảng Khê", "Ba Bể"), ("Lạng San", "Na Rì"), ("Thượng Quan", "Ngân Sơn"), ("Bằng Lãng", "Chợ Đồn"),
            ("Yên Thịnh", "Chợ Đồn"), ("Kim Hỷ", "Na Rì"), ("Cốc Đán", "Ngân Sơn"), ("Đồng Thắng", "Chợ Mới"),
            ("Thanh Mai", "Chợ Mới"), ("Nông Hạ", "Chợ Mới"), ("Quang Thuận", "Bạch Thông"), ("Dương Phong", "Bạch Thông"))


def _work(rng: random.Random, years: list[int], unit: int) -> RegisterRow:
    """One work for the village unit number ``unit`` helps, its cost and the members' share plausible for its kind.

    Villages and communes are paired by the unit's number (24 × 20 lists: 120 distinct pairs), so no two
    units of a demo report the same work, as no two agencies help the same village.
    """
    name, who, (few, many), (low, high) = rng.choice(WORK_KINDS)
    village = VILLAGES[unit % len(VILLAGES)]
    commune, district = COMMUNES[unit % len(COMMUNES)]
    cost = _money(rng.uniform(low, high) * 1_000_000, 1_000_000)
    return {"TEN": name.format(village=village, commune=commune), "NAM": rng.choice(years),
            "DIA_DIEM": f"huyện {district}, tỉnh {PROVINCE}", "THU_HUONG": who, "SO_THU_HUONG": rng.randint(few, many),
            "TONG_KINH_PHI": cost, "DONG_GOP": _money(cost * rng.uniform(0.3, 0.8), 1_000_000)}


def _registers(rng: random.Random, agency: Agency, profile: Profile, data: BranchData) -> dict[str, list[RegisterRow]]:
    """Named awards, models, campaigns, works and documents of one unit, consistent with its figures."""
    years, members = data.years, data.values["DV_TONG_SO"]
    collective = f"Công đoàn cơ sở {agency.name}"
    awards: list[RegisterRow] = []

    def award(year: int, form: str, who: str | None = None) -> None:
        person = who is None and rng.random() < 0.6
        awards.append({"NAM": year, "HINH_THUC": form, "DOI_TUONG": "Cá nhân" if person else "Tập thể",
                       "NGUOI_NHAN": _person(rng) if person else (who or collective),
                       "CO_QUAN": ISSUERS[form],
                       "QUYET_DINH": f"{rng.randint(100, 3999)}/QĐ ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}",
                       "TRANG_THAI": "Đã nhận"})

    for k, year in enumerate(years):
        m = members[k]
        if rng.random() < 0.3:
            award(year, "Bằng khen của Ủy ban nhân dân tỉnh")
        if rng.random() < 0.35:
            award(year, "Bằng khen của Liên đoàn Lao động tỉnh")
        if rng.random() < 0.06:
            award(year, "Bằng khen của Tổng Liên đoàn Lao động Việt Nam")
        if rng.random() < 0.08:
            award(year, rng.choice(("Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua của Liên đoàn Lao động tỉnh",
                                    "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam")), collective)
        if rng.random() < 0.25:
            award(year, "Chiến sĩ thi đua cấp tỉnh", _person(rng))
        if rng.random() < 0.04:
            award(year, "Bằng Lao động sáng tạo", _person(rng))
        for _ in range(rng.randint(0, 1 + m // 80)):
            award(year, "Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn", _person(rng))
        if rng.random() < 0.02:
            award(year, rng.choice(("Huân chương Lao động hạng Nhì", "Huân chương Lao động hạng Ba")), agency.name)
    if agency.name == "Văn phòng Tỉnh ủy":  # as in the seed text: Huân chương Lao động hạng Nhất, 2022
        award(2022, "Huân chương Lao động hạng Nhất", agency.name)
    if rng.random() < 0.3:
        awards.append({"NAM": years[-1], "HINH_THUC": "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
                       "DOI_TUONG": "Tập thể", "NGUOI_NHAN": collective,
                       "CO_QUAN": "Tổng Liên đoàn Lao động Việt Nam", "QUYET_DINH": None, "TRANG_THAI": "Đề nghị"})
    words = {"workplace": profile.workplace}
    models = [{"TEN": name, "NAM_BAT_DAU": rng.randint(first, max(first, years[2])), "NOI_DUNG": what.format(**words),
               "KET_QUA": result.format(n=_count(rng.randint(5, 40)), **words)}
              for name, what, result, first in rng.sample(MODELS, rng.randint(1, 2))]
    solutions = sum(data.values["TD_MOT_TRIEU_SANG_KIEN"])
    campaigns = [
        {"TEN": f"Phong trào thi đua “{profile.movement}”", "LOAI": "Phong trào thi đua", "TU_NAM": years[0],
         "DEN_NAM": years[-1], "SO_LUONG": sum(data.values["TD_LDTT"]), "DON_VI_TINH": "lượt Lao động tiên tiến",
         "KET_QUA": "Đoàn viên hưởng ứng sôi nổi, hoàn thành tốt nhiệm vụ chuyên môn."},
        {"TEN": "Chương trình “1 triệu sáng kiến” của Tổng Liên đoàn", "LOAI": "Chương trình", "TU_NAM": 2020,
         "DEN_NAM": years[-1], "SO_LUONG": solutions, "DON_VI_TINH": "giải pháp đăng ký",
         "KET_QUA": "Nhiều giải pháp được áp dụng, làm lợi cho cơ quan, đơn vị."},
    ]
    if rng.random() < 0.5:
        campaigns.append({"TEN": "Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”", "LOAI": "Cuộc vận động",
                          "TU_NAM": years[0], "DEN_NAM": years[-1], "SO_LUONG": None, "DON_VI_TINH": None,
                          "KET_QUA": "Đoàn viên ưu tiên mua sắm hàng trong nước cho cơ quan và gia đình."})
    number = int("".join(ch for ch in str(data.unit_code or "") if ch.isdigit()) or 0)
    works = [_work(rng, years, number)] if rng.random() < 0.4 else []
    documents = [
        {"SO_KY_HIEU": f"{rng.randint(1, 9):02d}/KH-CĐCS", "NGAY": dt.date(year, rng.randint(1, 3), rng.randint(1, 28)),
         "CO_QUAN": collective, "TRICH_YEU": f"Kế hoạch hoạt động công đoàn năm {year}"}
        for year in rng.sample(years, rng.randint(1, 3))]
    documents.sort(key=lambda d: d["NGAY"])
    return {"DS_KHEN_THUONG": awards, "DS_MO_HINH": models, "DS_PHONG_TRAO": campaigns, "DS_CONG_TRINH": works,
            "DS_VAN_BAN": documents, "DS_GIAI_PHAP": []}


# ----------------------------------------------------------------- the union's own workbook

OWN_SOLUTIONS = (
    ("Đổi mới nội dung, phương thức hoạt động, hướng về cơ sở",
     ("Tập trung hướng dẫn, hỗ trợ các công đoàn cơ sở; giảm hội họp, văn bản hành chính.",
      "Ứng dụng công nghệ thông tin trong chỉ đạo, điều hành, thông tin hai chiều với công đoàn cơ sở.")),
    ("Chăm lo đời sống, bảo vệ quyền, lợi ích hợp pháp của đoàn viên",
     ("Phối hợp với chính quyền cùng cấp thực hiện đầy đủ chế độ, chính sách đối với cán bộ, công chức, viên chức, "
      "người lao động.",
      "Kịp thời thăm hỏi, hỗ trợ đoàn viên ốm đau, gặp khó khăn, bị thiên tai; duy trì chương trình Mái ấm Công đoàn.")),
    ("Đẩy mạnh phong trào thi đua yêu nước",
     ("Tổ chức phong trào thi đua “Lao động giỏi, lao động sáng tạo” gắn với nhiệm vụ chuyên môn của từng đơn vị.",
      "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến; khen thưởng kịp thời, đúng người, đúng việc.")),
    ("Xây dựng tổ chức công đoàn vững mạnh, nâng cao chất lượng đội ngũ cán bộ",
     ("Tổ chức tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở ngay từ đầu nhiệm kỳ.",
      "Làm tốt công tác kiểm tra, giám sát; kiện toàn Ủy ban Kiểm tra công đoàn các cấp.")),
    ("Tham gia xây dựng Đảng, chính quyền trong sạch, vững mạnh",
     ("Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp; tham gia góp ý xây dựng Đảng, chính quyền.",)),
)


def own_data(seed: int, cat: Catalogue, branches: dict[str, BranchData]) -> BranchData:
    """The union's own workbook: its resolution's round targets, its own work, its narrative and solutions."""
    rng = random.Random(f"{seed}-{TOP.code}-rieng")
    years = term_years(TERM)
    info = {"DON_VI_MA": TOP.code, "DON_VI_TEN": TOP.name, LEVEL_FIELD: LEVEL_UPPER, "CAP_TREN_TEN": TOP.parent,
            "NHIEM_KY": TERM,
            "BCH_KHOA": TOP.committee_number, "CHU_TICH": TOP.chair, "DIA_DANH": PROVINCE,
            "NGUOI_LAP": "Văn phòng Công đoàn Viên chức tỉnh", "NGAY_LAP": dt.date(2023, 5, 20)}
    v: dict[str, list[Value]] = {}
    for year in years:
        covid = year in COVID_YEARS
        v.setdefault("TC_HOP_BCH", []).append(rng.randint(3, 5))
        v.setdefault("CB_LOP_TAP_HUAN", []).append(rng.randint(1, 2) if covid else rng.randint(2, 4))
        v.setdefault("CB_TAP_HUAN", []).append(rng.randint(90, 160) if covid else rng.randint(180, 320))
        v.setdefault("KT_KIEM_TRA", []).append(rng.randint(4, 9))
        v.setdefault("KT_TAI_CHINH", []).append(rng.randint(3, 6))
        v.setdefault("KT_GIAM_SAT", []).append(rng.randint(2, 5))
        v.setdefault("KT_DON_THU", []).append(0)
        v.setdefault("KT_DON_THU_GIAI_QUYET", []).append(0)
        v.setdefault("TC_CDCS_THANH_LAP", []).append(1 if year == 2020 else 0)
        v.setdefault("TC_CDCS_SAP_NHAP", []).append(2 if year == 2021 else 0)
        v.setdefault("TC_CDCS_GIAI_THE", []).append(1 if year == 2022 else 0)
        v.setdefault("TD_GIAY_KHEN", []).append(rng.randint(25, 45))
        visits = rng.randint(20, 40)
        v.setdefault("CL_THAM_HOI_LUOT", []).append(visits)
        v.setdefault("CL_THAM_HOI_TIEN", []).append(visits * 500_000)
        sick = rng.randint(60, 150) if covid else 0
        v.setdefault("CL_DICH_BENH_LUOT", []).append(sick)
        v.setdefault("CL_DICH_BENH_TIEN", []).append(sick * 500_000)
        v.setdefault("CL_NHA_O", []).append(rng.randint(1, 3))
        v.setdefault("CL_NHA_O_TIEN", []).append(0)
        v["CL_NHA_O_TIEN"][-1] = v["CL_NHA_O"][-1] * 50_000_000
    data = BranchData(cat.version, years, info, v)
    branch_names = [b.unit_name for b in branches.values()]
    awards = [{"NAM": 2022, "HINH_THUC": "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam", "DOI_TUONG": "Tập thể",
               "NGUOI_NHAN": TOP.name, "CO_QUAN": "Tổng Liên đoàn Lao động Việt Nam",
               "QUYET_DINH": "1523/QĐ-TLĐ ngày 12/12/2022", "TRANG_THAI": "Đã nhận"},
              {"NAM": 2023, "HINH_THUC": "Huân chương Lao động hạng Ba", "DOI_TUONG": "Tập thể",
               "NGUOI_NHAN": TOP.name, "CO_QUAN": "Chủ tịch nước", "QUYET_DINH": None, "TRANG_THAI": "Đề nghị"}]
    for year in years:
        for name in rng.sample(branch_names, min(4, len(branch_names))):
            awards.append({"NAM": year, "HINH_THUC": "Giấy khen", "DOI_TUONG": "Tập thể", "NGUOI_NHAN": name,
                           "CO_QUAN": TOP.name, "QUYET_DINH": None, "TRANG_THAI": "Đã nhận"})
    data.registers = {
        "DS_KHEN_THUONG": awards,
        "DS_MO_HINH": [{"TEN": "Mái ấm Công đoàn Viên chức", "NAM_BAT_DAU": 2019,
                        "NOI_DUNG": "Mỗi đoàn viên góp một ngày lương mỗi năm để hỗ trợ đoàn viên khó khăn về nhà ở.",
                        "KET_QUA": "Hỗ trợ xây, sửa nhà cho đoàn viên có hoàn cảnh khó khăn trong nhiệm kỳ."}],
        "DS_PHONG_TRAO": [{"TEN": "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
                           "LOAI": "Phong trào thi đua", "TU_NAM": 2019, "DEN_NAM": 2023, "SO_LUONG": None,
                           "DON_VI_TINH": None, "KET_QUA": "Được các công đoàn cơ sở hưởng ứng rộng rãi."}],
        "DS_CONG_TRINH": [{"TEN": f"Nhà “Mái ấm Công đoàn” năm {year}", "NAM": year, "DIA_DIEM": f"tỉnh {PROVINCE}",
                           "THU_HUONG": "đoàn viên có hoàn cảnh khó khăn về nhà ở", "SO_THU_HUONG": n,
                           "TONG_KINH_PHI": n * 50_000_000, "DONG_GOP": n * 20_000_000}
                          for year, n in zip(years, v["CL_NHA_O"])],
        "DS_VAN_BAN": [
            {"SO_KY_HIEU": "01-NQ/ĐH", "NGAY": dt.date(2018, 6, 15), "CO_QUAN": f"Đại hội {TOP.name} lần thứ IV",
             "TRICH_YEU": "Nghị quyết Đại hội Công đoàn Viên chức tỉnh lần thứ IV, nhiệm kỳ 2018–2023"},
            {"SO_KY_HIEU": "12/CTr-CĐVC", "NGAY": dt.date(2018, 8, 2), "CO_QUAN": TOP.name,
             "TRICH_YEU": "Chương trình hành động thực hiện Nghị quyết Đại hội"},
            {"SO_KY_HIEU": "25/KH-CĐVC", "NGAY": dt.date(2019, 3, 10), "CO_QUAN": TOP.name,
             "TRICH_YEU": "Kế hoạch triển khai Chương trình “1 triệu sáng kiến” trong công chức, viên chức"},
            {"SO_KY_HIEU": "40/KH-CĐVC", "NGAY": dt.date(2021, 2, 22), "CO_QUAN": TOP.name,
             "TRICH_YEU": "Kế hoạch hỗ trợ đoàn viên bị ảnh hưởng bởi dịch Covid-19"},
        ],
        "DS_GIAI_PHAP": [{"TIEU_DE": title, "NOI_DUNG": "\n".join(paragraphs)} for title, paragraphs in OWN_SOLUTIONS],
    }
    data.values.update(register_counts(cat, data))
    members_at_start = sum(b.start["DV_TONG_SO"] for b in branches.values() if isinstance(b.start["DV_TONG_SO"], int))
    admitted = sum(sum(x for x in b.values["DV_KET_NAP"] if isinstance(x, int)) for b in branches.values())
    data.targets = {"TL_CDCS_VUNG_MANH": 100, "TL_DV_XUAT_SAC": 95, "TL_LDTT": 85, "TL_DV_CBCCVCLD": 95,
                    "DV_KET_NAP": admitted // 100 * 100, "DV_TONG_SO": members_at_start // 100 * 100,
                    "TD_SANG_KIEN_CO_SO": 500, "XDD_GIOI_THIEU": 100}
    data.target_marks = {"TL_DV_XUAT_SAC": "trên", "TL_LDTT": "trở lên", "TL_DV_CBCCVCLD": "trên",
                         "DV_KET_NAP": "trở lên", "DV_TONG_SO": "trên", "TD_SANG_KIEN_CO_SO": "trở lên",
                         "XDD_GIOI_THIEU": "tối thiểu"}
    data.next_targets = {"TL_CDCS_VUNG_MANH": 100, "TL_DV_XUAT_SAC": 95, "TL_LDTT": 90, "TL_DV_CBCCVCLD": 98,
                         "DV_KET_NAP": (admitted // 100 + 1) * 100, "TD_SANG_KIEN_CO_SO": 600, "XDD_GIOI_THIEU": 120}
    data.next_target_marks = {"TL_DV_XUAT_SAC": "trên", "TL_LDTT": "trở lên", "DV_KET_NAP": "trở lên",
                              "TD_SANG_KIEN_CO_SO": "trở lên", "XDD_GIOI_THIEU": "tối thiểu"}
    data.texts = {
        "ND_THUAN_LOI": "Công đoàn Viên chức tỉnh luôn nhận được sự lãnh đạo, chỉ đạo của Liên đoàn Lao động tỉnh "
                        "và sự quan tâm, phối hợp của các sở, ban, ngành.\nĐội ngũ cán bộ Văn phòng, Ban Thường vụ "
                        "đoàn kết, tâm huyết, có kinh nghiệm.",
        "ND_KHO_KHAN": "Việc sắp xếp tổ chức bộ máy, tinh giản biên chế làm thay đổi nhiều đầu mối công đoàn cơ sở, "
                       "số đoàn viên biến động.\nDịch Covid-19 (2020–2021) làm gián đoạn nhiều hoạt động tập trung.",
        "ND_KET_QUA_NOI_BAT": "Ban Chấp hành đã ban hành Chương trình hành động thực hiện Nghị quyết Đại hội ngay "
                              "từ đầu nhiệm kỳ; chỉ đạo các công đoàn cơ sở đổi mới nội dung, phương thức hoạt động.",
        "ND_HAN_CHE": "Một số chỉ tiêu Nghị quyết chưa đạt, nhất là tỷ lệ công đoàn cơ sở vững mạnh.\n"
                      "Công tác nắm bắt tình hình tư tưởng đoàn viên ở một số đơn vị còn chậm.",
        "ND_NGUYEN_NHAN": "Cán bộ công đoàn cơ sở đều kiêm nhiệm, thay đổi nhiều do sắp xếp bộ máy.",
        "ND_BAI_HOC": "Bám sát sự lãnh đạo của cấp ủy, chủ động phối hợp với chính quyền cùng cấp.\n"
                      "Hướng mạnh về cơ sở, lấy đoàn viên làm trung tâm.",
        "ND_PHUONG_HUONG": "Tiếp tục đổi mới mạnh mẽ nội dung, phương thức hoạt động, hướng về cơ sở, lấy đoàn viên "
                           "làm trung tâm; thực hiện tốt chức năng đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng "
                           "của cán bộ, công chức, viên chức, người lao động; xây dựng tổ chức công đoàn vững mạnh, đội "
                           "ngũ cán bộ công đoàn đủ năng lực, uy tín; đẩy mạnh phong trào thi đua yêu nước, góp phần "
                           "hoàn thành thắng lợi nhiệm vụ chính trị của tỉnh.",
        "ND_DE_XUAT": "Đề nghị Liên đoàn Lao động tỉnh tăng tỷ lệ kinh phí để lại cho công đoàn cơ sở.",
    }
    return as_read(cat, data)


# ----------------------------------------------------------------- texts

def _count(n: int) -> str:
    """Administrative style: 07 Tổ Công đoàn, 3.120 đoàn viên."""
    return f"{n:02d}" if 0 <= n < 10 else f"{n:,}".replace(",", ".")


def _dong(amount: int) -> str:
    """Money the report way: 'hơn 132,4 triệu đồng', 'gần 9 triệu đồng', '850.000 đồng'."""
    for scale, word in ((1_000_000_000, "tỷ"), (1_000_000, "triệu")):
        if amount >= scale:
            rounded = round(amount / scale, 1)
            text = f"{rounded:.1f}".replace(".", ",").removesuffix(",0")
            exact = rounded * scale
            prefix = "hơn " if amount > exact + 0.5 else "gần " if amount < exact - 0.5 else ""
            return f"{prefix}{text} {word} đồng"
    return f"{amount:,} đồng".replace(",", ".")


THUAN_LOI = (
    "Công đoàn cơ sở luôn nhận được sự lãnh đạo, chỉ đạo sát sao của cấp ủy, sự chỉ đạo, hướng dẫn kịp thời "
    f"của Công đoàn Viên chức tỉnh {PROVINCE}.",
    "{Leaders} quan tâm, phối hợp chặt chẽ và tạo điều kiện thuận lợi cho hoạt động công đoàn.",
    "Đội ngũ đoàn viên đoàn kết, có trình độ chuyên môn vững vàng, nhiệt tình, tích cực hưởng ứng các phong trào "
    "do công đoàn phát động.",
    "Phần lớn ủy viên Ban Chấp hành có kinh nghiệm, nhiệt tình, trách nhiệm với công tác công đoàn.",
    "Mối quan hệ phối hợp giữa công đoàn và {leaders} ngày càng chặt chẽ, hiệu quả.",
    "Cơ sở vật chất, điều kiện làm việc của {workplace} từng bước được cải thiện.",
)
KHO_KHAN = (
    "Dịch bệnh Covid-19 trong các năm 2020–2021 làm nhiều hoạt động tập trung, tham quan, văn hóa, thể thao "
    "phải tạm dừng hoặc thu hẹp.",
    "Việc sắp xếp tổ chức bộ máy, tinh giản biên chế ảnh hưởng đến tâm tư, tình cảm của một bộ phận đoàn viên.",
    "Cán bộ công đoàn đều hoạt động kiêm nhiệm, thời gian dành cho công tác công đoàn còn hạn chế.",
    "Nguồn kinh phí công đoàn để lại cơ sở còn ít, chưa đáp ứng nhu cầu chăm lo cho đoàn viên.",
    "Khối lượng công việc chuyên môn lớn, áp lực cao nên việc tham gia hoạt động phong trào của đoàn viên "
    "có lúc chưa đầy đủ.",
    "Một số người lao động hợp đồng có thu nhập thấp, đời sống còn nhiều khó khăn.",
    "Đoàn viên làm việc ở nhiều địa điểm nên việc tổ chức sinh hoạt chung còn khó khăn.",
)
MO_HINH = (
    "Mô hình \"Mái ấm Công đoàn\": vận động đoàn viên đóng góp, hỗ trợ đoàn viên có hoàn cảnh khó khăn về nhà ở.",
    "Mô hình \"Quỹ tương trợ đoàn viên\": mỗi đoàn viên đóng góp hằng tháng để hỗ trợ kịp thời khi đoàn viên "
    "ốm đau, gặp rủi ro.",
    "Cách làm \"Ngày thứ Bảy tình nguyện\": đoàn viên dọn vệ sinh, trồng cây xanh tại khu dân cư, trường học "
    "trên địa bàn.",
    "Mô hình \"Công sở xanh - sạch - đẹp\" gắn với thực hiện văn hóa công sở tại {workplace}.",
    "Tổ chức \"Tết Sum vầy\" tặng quà đoàn viên, người lao động có hoàn cảnh khó khăn dịp Tết Nguyên đán.",
    "Sử dụng nhóm Zalo của công đoàn để tuyên truyền, lấy ý kiến đoàn viên nhanh chóng, tiết kiệm.",
    "Mô hình \"Tiết kiệm vì nữ đoàn viên khó khăn\" do Ban Nữ công duy trì hằng tháng.",
    "Cách làm \"Mỗi đoàn viên một sáng kiến, mỗi Tổ công đoàn một công trình\" trong phong trào thi đua "
    "\"{movement}\".",
    "Phối hợp với Chi đoàn thanh niên đỡ đầu học sinh nghèo vượt khó tại một xã đặc biệt khó khăn của tỉnh.",
)
HAN_CHE = (
    "Công tác tuyên truyền, vận động, giáo dục tư tưởng cho đoàn viên còn nặng về hình thức, chưa đổi mới "
    "nhiều về nội dung.",
    "Việc phát hiện, bồi dưỡng, giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp còn ít.",
    "Hoạt động kiểm tra, giám sát chủ yếu là giám sát thường xuyên, chưa tổ chức được nhiều cuộc giám sát "
    "chuyên đề.",
    "Một số hoạt động của công đoàn chưa phong phú, chưa thu hút được đông đảo đoàn viên tham gia.",
    "Số sáng kiến, giải pháp được công nhận cấp tỉnh còn ít.",
    "Hoạt động của một số Tổ công đoàn còn thụ động, chưa chủ động đề xuất nội dung sinh hoạt.",
    "Việc ứng dụng công nghệ thông tin trong quản lý đoàn viên và báo cáo thống kê còn chậm.",
)
NGUYEN_NHAN = (
    "Cán bộ công đoàn hoạt động kiêm nhiệm, chưa được đào tạo bài bản về nghiệp vụ công tác công đoàn.",
    "Ban Chấp hành có lúc chưa chủ động đổi mới nội dung, phương thức hoạt động.",
    "Kinh phí hoạt động của công đoàn cơ sở còn hạn hẹp.",
    "Ảnh hưởng của dịch bệnh Covid-19 và khối lượng công việc chuyên môn lớn.",
    "Một bộ phận đoàn viên chưa nhận thức đầy đủ vai trò, trách nhiệm của tổ chức công đoàn.",
    "Sự phối hợp giữa các Tổ công đoàn có lúc chưa chặt chẽ.",
)
BAI_HOC = (
    "Bám sát sự lãnh đạo của cấp ủy, sự chỉ đạo của công đoàn cấp trên; phối hợp chặt chẽ với {leaders}.",
    "Ban Chấp hành phải đoàn kết, thống nhất, gương mẫu, sâu sát với đoàn viên.",
    "Hoạt động công đoàn phải hướng về cơ sở, lấy đoàn viên làm trung tâm, chăm lo lợi ích thiết thực "
    "cho đoàn viên.",
    "Thường xuyên đổi mới nội dung, hình thức hoạt động phù hợp với đặc điểm của {workplace}.",
    "Gắn phong trào thi đua với nhiệm vụ chuyên môn; kịp thời biểu dương, khen thưởng điển hình tiên tiến.",
    "Làm tốt công tác tuyên truyền để đoàn viên hiểu, đồng thuận và tích cực tham gia.",
)
PHUONG_HUONG = (
    "Tiếp tục đổi mới nội dung, phương thức hoạt động, xây dựng công đoàn cơ sở vững mạnh.",
    "Chăm lo đời sống vật chất, tinh thần, đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên.",
    "Đẩy mạnh các phong trào thi đua yêu nước, góp phần hoàn thành xuất sắc nhiệm vụ chính trị của {workplace}.",
    "Tham gia xây dựng Đảng, xây dựng cơ quan, đơn vị trong sạch, vững mạnh.",
)
NHIEM_VU = (
    "Phối hợp với {leaders} quan tâm chăm lo nâng cao đời sống vật chất, tinh thần và cải thiện điều kiện "
    "làm việc cho đoàn viên, người lao động.",
    "Kịp thời thăm hỏi, động viên, chia sẻ khó khăn với đoàn viên, người lao động.",
    "Vận động đoàn viên tích cực tham gia xây dựng và nghiêm túc thực hiện các nội quy, quy chế của {workplace}.",
    "Tuyên truyền kịp thời các chủ trương, chỉ thị, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước "
    "và của tổ chức công đoàn đến toàn thể đoàn viên.",
    "Đổi mới nội dung, hình thức tuyên truyền phù hợp với tình hình thực tế của {workplace}, điều kiện công tác "
    "của đoàn viên.",
    "Nắm bắt tình hình tư tưởng đoàn viên; vận động đoàn viên tham gia đào tạo, bồi dưỡng, nâng cao trình độ "
    "chuyên môn, nghiệp vụ.",
    "Nâng cao chất lượng kiểm tra, giám sát; tổ chức giám sát chuyên đề việc thực hiện chế độ, chính sách "
    "đối với đoàn viên.",
    "Đẩy mạnh phong trào thi đua \"{movement}\", khuyến khích đoàn viên đăng ký sáng kiến, giải pháp.",
    "Làm tốt công tác phát hiện, bồi dưỡng, giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp.",
    "Tiếp tục xây dựng các Tổ công đoàn vững mạnh, tham gia xây dựng Đảng, chính quyền trong sạch, vững mạnh.",
)
DE_XUAT = (
    "Đề nghị Công đoàn Viên chức tỉnh tăng cường tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở, nhất là kỹ năng "
    "kiểm tra, giám sát.",
    "Đề nghị Liên đoàn Lao động tỉnh quan tâm hỗ trợ kinh phí xây dựng \"Mái ấm Công đoàn\" cho đoàn viên "
    "khó khăn về nhà ở.",
    "Đề nghị công đoàn cấp trên thống nhất mẫu báo cáo, giảm bớt chế độ báo cáo cho công đoàn cơ sở.",
    "Đề nghị tăng tỷ lệ kinh phí công đoàn để lại cơ sở để chăm lo tốt hơn cho đoàn viên.",
    "Đề nghị {leaders} tiếp tục tạo điều kiện về thời gian, kinh phí cho hoạt động công đoàn.",
    "Đề nghị Công đoàn Viên chức tỉnh tổ chức các đợt học tập kinh nghiệm giữa các công đoàn cơ sở.",
)


def _pick(rng: random.Random, bank: tuple[str, ...], low: int, high: int) -> list[str]:
    """A few lines of a phrase bank, in the bank's order."""
    chosen = sorted(rng.sample(range(len(bank)), min(len(bank), rng.randint(low, high))))
    return [bank[i] for i in chosen]


def _texts(rng: random.Random, agency: Agency, profile: Profile, data: BranchData) -> dict[str, str]:
    """Narrative fields, several lines each, built from phrase banks and the unit's own figures."""
    v = data.values
    total = {code: sum(x for x in values if isinstance(x, int)) for code, values in v.items()}
    end = {code: values[-1] for code, values in v.items()}
    highlights = [
        f"Phối hợp với {profile.leaders} thực hiện đầy đủ, kịp thời chế độ, chính sách cho đoàn viên: "
        f"{_count(total['CL_NANG_LUONG'])} lượt nâng lương đúng thời hạn, "
        f"{_count(total['CL_NANG_LUONG_TRUOC_HAN'])} lượt nâng lương trước thời hạn.",
        f"Tổ chức {_count(total['CL_THAM_HOI_LUOT'])} lượt thăm hỏi đoàn viên ốm đau, hiếu hỉ, có hoàn cảnh khó khăn "
        f"với tổng số tiền {_dong(total['CL_THAM_HOI_TIEN'])}.",
        f"Kết nạp {_count(total['DV_KET_NAP'])} đoàn viên mới; đến nay công đoàn cơ sở có "
        f"{_count(end['DV_TONG_SO'])} đoàn viên, trong đó {_count(end['DV_NU'])} đoàn viên nữ, sinh hoạt ở "
        f"{_count(end['TC_SO_TO'])} Tổ công đoàn.",
        f"Vận động đoàn viên ủng hộ các quỹ xã hội, từ thiện với tổng số tiền {_dong(total['XH_TONG_UNG_HO'])}.",
        f"Có {_count(total['TD_SANG_KIEN_CO_SO'])} sáng kiến được công nhận cấp cơ sở, góp phần nâng cao hiệu quả "
        "công tác chuyên môn.",
        f"{_count(total['TD_LDTT'])} lượt cá nhân đạt danh hiệu Lao động tiên tiến, "
        f"{_count(total['TD_CSTD_CO_SO'])} lượt đạt danh hiệu Chiến sĩ thi đua cơ sở.",
    ]
    if total["XDD_GIOI_THIEU"]:
        highlights.append(f"Giới thiệu {_count(total['XDD_GIOI_THIEU'])} đoàn viên ưu tú cho Đảng xem xét kết nạp, "
                          f"trong đó {_count(total['XDD_KET_NAP_DANG'])} đồng chí đã được kết nạp.")
    for code, medal in (("TD_HCLD_HANG_NHAT", "Nhất"), ("TD_HCLD_HANG_NHI", "Nhì"), ("TD_HCLD_HANG_BA", "Ba")):
        for year, got in zip(data.years, v[code]):
            if got:
                highlights.append(f"Năm {year}, tập thể {agency.name} vinh dự được Chủ tịch nước tặng "
                                  f"Huân chương Lao động hạng {medal}.")
    limits = _pick(rng, HAN_CHE, 2, 4)
    if NO in v["CL_QUY_CHE_PHOI_HOP"]:
        limits.insert(0, f"Chậm xây dựng Quy chế phối hợp giữa công đoàn cơ sở và {profile.leaders}.")
    next_ldtt = data.next_targets.get("TL_LDTT")
    directions = _pick(rng, PHUONG_HUONG, 2, 4) + [
        f"Phấn đấu hằng năm có từ {next_ldtt}% đoàn viên trở lên đạt danh hiệu Lao động tiên tiến; kết nạp "
        f"ít nhất {_count(data.next_targets['DV_KET_NAP'])} đoàn viên mới trong nhiệm kỳ."]
    lines = {
        "ND_THUAN_LOI": _pick(rng, THUAN_LOI, 2, 4),
        "ND_KHO_KHAN": _pick(rng, KHO_KHAN, 2, 4),
        "ND_KET_QUA_NOI_BAT": _pick(rng, tuple(highlights), 3, 5),
        "ND_MO_HINH": _pick(rng, MO_HINH, 2, 3),
        "ND_HAN_CHE": limits,
        "ND_NGUYEN_NHAN": _pick(rng, NGUYEN_NHAN, 2, 4),
        "ND_BAI_HOC": _pick(rng, BAI_HOC, 3, 4),
        "ND_PHUONG_HUONG": directions,
        "ND_NHIEM_VU_GIAI_PHAP": _pick(rng, NHIEM_VU, 5, 7),
        "ND_DE_XUAT": _pick(rng, DE_XUAT, 2, 3),
    }
    words = {"leaders": profile.leaders, "Leaders": profile.leaders[0].upper() + profile.leaders[1:],
             "workplace": profile.workplace, "movement": profile.movement}
    return {code: "\n".join(line.format(**words) for line in text) for code, text in lines.items()}


# ----------------------------------------------------------------- mistakes

def _year_index(rng: random.Random, data: BranchData) -> int:
    return rng.randrange(1, len(data.years))


def _women_exceed_members(rng: random.Random, data: BranchData) -> Mistake:
    k = _year_index(rng, data)
    members = data.values["DV_TONG_SO"][k]
    women = members + rng.randint(3, 9)
    data.values["DV_NU"][k] = women
    year = data.years[k]
    return Mistake(WOMEN_EXCEED_MEMBERS, "DV_NU", year, women,
                   f"Lỗi cố ý để chạy thử: năm {year} số đoàn viên nữ ({women}) lớn hơn tổng số đoàn viên "
                   f"({members}), trang Tổ chức.")


def _number_as_text(rng: random.Random, data: BranchData) -> Mistake:
    k = _year_index(rng, data)
    amount = _money(data.values["CL_KHEN_THUONG_TIEN"][k], 100_000)
    text = f"{amount / 1_000_000:.1f}".replace(".", ",").removesuffix(",0") + " triệu"
    data.values["CL_KHEN_THUONG_TIEN"][k] = text
    year = data.years[k]
    return Mistake(NUMBER_AS_TEXT, "CL_KHEN_THUONG_TIEN", year, text,
                   f"Lỗi cố ý để chạy thử: năm {year} ô \"Chi khen thưởng thi đua\" (trang Chăm lo) gõ chữ "
                   f"\"{text}\" thay vì số {amount}.")


def _membership_gap(rng: random.Random, data: BranchData) -> Mistake:
    k = _year_index(rng, data)
    gap = rng.randint(5, 9)
    for code in ("DV_TONG_SO", "TC_CBCCVCLD"):
        data.values[code][k:] = [x + gap for x in data.values[code][k:]]
    year = data.years[k]
    return Mistake(MEMBERSHIP_GAP, "DV_TONG_SO", year, data.values["DV_TONG_SO"][k],
                   f"Lỗi cố ý để chạy thử: năm {year} tổng số đoàn viên cuối năm nhiều hơn {gap} người so với "
                   "đầu năm + kết nạp + chuyển đến − chuyển đi − giảm khác (tiếp nhận đoàn viên sáp nhập "
                   "nhưng chưa ghi vào ô chuyển đến).")


def _funds_exceed_total(rng: random.Random, data: BranchData) -> Mistake:
    k = _year_index(rng, data)
    parts = [data.values[code][k] for code in ("XH_QUY_VI_NGUOI_NGHEO", "XH_QUY_DEN_ON", "XH_QUY_BAO_TRO_TRE_EM",
                                               "XH_QUY_COVID", "XH_QUY_THIEN_TAI", "XH_QUY_NONG_THON_MOI",
                                               "XH_QUY_MAI_AM", "XH_QUY_KHAC")]
    total = sum(parts) - max(parts)
    data.values["XH_TONG_UNG_HO"][k] = total
    year = data.years[k]
    return Mistake(FUNDS_EXCEED_TOTAL, "XH_TONG_UNG_HO", year, total,
                   f"Lỗi cố ý để chạy thử: năm {year} tổng số tiền ủng hộ ({_count(total)} đồng) nhỏ hơn tổng các quỹ "
                   f"ghi chi tiết ({_count(sum(parts))} đồng), trang Xã hội.")


def _missing_date(rng: random.Random, data: BranchData) -> Mistake:
    data.info["NGAY_LAP"] = None
    return Mistake(MISSING_DATE, "NGAY_LAP", None, None,
                   "Lỗi cố ý để chạy thử: chưa ghi ngày lập biểu (trang Thông tin).")


def _award_without_recipient(rng: random.Random, data: BranchData) -> Mistake:
    year = data.years[_year_index(rng, data)]
    rows = data.registers["DS_KHEN_THUONG"]
    rows.append({"NAM": year, "HINH_THUC": "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "DOI_TUONG": "Cá nhân",
                 "NGUOI_NHAN": None, "CO_QUAN": "Tổng Liên đoàn Lao động Việt Nam", "QUYET_DINH": None,
                 "TRANG_THAI": "Đã nhận"})
    return Mistake(AWARD_WITHOUT_RECIPIENT, "DS_KHEN_THUONG_NGUOI_NHAN", year, None,
                   f"Lỗi cố ý để chạy thử: trang Khen thưởng, dòng {len(rows)} ghi một Bằng khen của Tổng Liên đoàn "
                   f"năm {year} nhưng chưa ghi tên cá nhân được khen.", row=len(rows) - 1)


_INJECTORS = {
    WOMEN_EXCEED_MEMBERS: _women_exceed_members,
    NUMBER_AS_TEXT: _number_as_text,
    MEMBERSHIP_GAP: _membership_gap,
    FUNDS_EXCEED_TOTAL: _funds_exceed_total,
    MISSING_DATE: _missing_date,
    AWARD_WITHOUT_RECIPIENT: _award_without_recipient,
}
