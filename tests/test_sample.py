"""The built-in demo: 55 realistic branch workbooks and a registry, deterministic, read back exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess

import pytest

from console import BAOCAO
from workbook_templates import figures, load_catalogue, read_workbook
from workbook_templates.catalogue import NO, YES
from workbook_templates.model import as_number, is_filled
from workbook_templates.registry import REGISTRY_FILENAME, read_registry
from workbook_templates.sample import (
    AWARD_WITHOUT_RECIPIENT, FUNDS_EXCEED_TOTAL, MEMBERSHIP_GAP, MISSING_DATE, MISTAKE_KINDS, NUMBER_AS_TEXT, WOMEN_EXCEED_MEMBERS, write_demo,
)
from workbook_templates.vn_numbers import parse_vn_number

CAT = load_catalogue()


def broken_relations(data) -> dict[str, list[int]]:
    """Relation code -> years in which the catalogue relation fails, computed in Python."""
    v = data.values
    out: dict[str, list[int]] = {}
    for rel in CAT.relations:
        for k, year in enumerate(data.years):
            def num(code, i=k):
                return as_number(v[code][i])
            if rel.kind == "le":
                bad = num(rel.left) is not None and num(rel.right) is not None and num(rel.left) > num(rel.right)
            elif rel.kind == "sum_le":
                parts = [num(p) for p in rel.parts if num(p) is not None]
                bad = num(rel.total) is not None and bool(parts) and sum(parts) > num(rel.total)
            else:
                previous = num(rel.stock, k - 1) if k else as_number(data.start[rel.stock])
                expected = previous + sum(num(c) or 0 for c in rel.plus) - sum(num(c) or 0 for c in rel.minus)
                bad = num(rel.stock) != expected
            if bad:
                out.setdefault(rel.code, []).append(year)
    return out


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_writes_the_registry_and_55_workbooks(demo, demo_dir):
    files = sorted(p.name for p in demo_dir.iterdir())
    assert REGISTRY_FILENAME in files
    assert len([f for f in files if f.startswith("CDCS_") and f.endswith(".xlsx")]) == 55
    assert not [f for f in files if f.startswith(".~tmp")]
    registry = read_registry(demo_dir / REGISTRY_FILENAME)
    assert registry == demo.registry
    assert registry.top.name == "Công đoàn Viên chức tỉnh Bắc Sơn"
    assert registry.top.parent == "Liên đoàn Lao động tỉnh Bắc Sơn"
    groups = registry.children(registry.top.code)
    assert len(groups) == 3 and all(registry.children(g.code) for g in groups)
    leaves = registry.leaves()
    assert len(leaves) == 55
    assert all(u.name.startswith("Công đoàn cơ sở ") and (demo_dir / f"{u.code}.xlsx").exists() for u in leaves)
    assert len({u.name for u in leaves}) == 55


def test_every_workbook_reads_back_exactly_as_generated_and_is_not_modified(demo):
    for code, path in demo.workbooks.items():
        before = sha(path)
        book = read_workbook(path)
        assert book.data == demo.data[code], code
        assert sha(path) == before


def test_same_seed_gives_the_same_workbooks_and_another_seed_does_not(demo, tmp_path):
    again = write_demo(tmp_path / "again", seed=2023)
    assert again.registry == demo.registry
    assert again.mistakes == demo.mistakes
    for code, data in demo.data.items():  # demo.data is what the demo workbooks hold (round-trip test)
        assert read_workbook(again.workbooks[code]).data == data, code
    other = write_demo(tmp_path / "other", seed=7, count=3)
    assert len(other.data) == 3
    for code, data in other.data.items():
        assert read_workbook(other.workbooks[code]).data.values != demo.data[code].values


def test_clean_units_are_internally_consistent(demo):
    clean = demo.clean_units
    assert len(clean) == 55 - len(MISTAKE_KINDS)
    for code in clean:
        data = demo.data[code]
        assert broken_relations(data) == {}, code
        assert all(is_filled(v) for v in data.info.values()), code
        assert isinstance(data.info["NGAY_LAP"], dt.date) and data.info["NGAY_LAP"].year == 2023
        assert data.info["NHIEM_KY"] == "2018-2023" and data.years == [2019, 2020, 2021, 2022, 2023]


def upper_only(code: str) -> bool:
    """Figures a CĐCS leaves blank: counted by the compiler from ratings, or written by an upper union."""
    ind = CAT[code]
    return bool(ind.counts_rating) or "(công đoàn cấp trên ghi)" in ind.label or (
        ind.kind == "rate" and upper_only(ind.numerator))


def test_every_unit_has_every_figure_target_and_text(demo):
    for code, data in demo.data.items():
        for ind in CAT.indicators:
            if ind.kind == "rate" or upper_only(ind.code):
                continue
            if ind.kind == "text":
                assert len(data.texts[ind.code].splitlines()) >= 2, (code, ind.code)
                continue
            yearly = data.values[ind.code]
            assert len(yearly) == 5 and all(is_filled(v) for v in yearly), (code, ind.code)
            if ind.kind == "rating":
                assert set(yearly) <= set(ind.choices)
            elif ind.kind == "yesno":
                assert set(yearly) <= {YES, NO}
            elif (code, ind.code) != _text_cell(demo):
                assert all(isinstance(v, int) and v >= 0 for v in yearly), (code, ind.code)
            if ind.kind == "stock":
                assert isinstance(data.start[ind.code], int)
        for ind in CAT.targets:
            if not upper_only(ind.code):
                assert as_number(data.targets[ind.code]) and as_number(data.next_targets[ind.code]), (code, ind.code)


def _text_cell(demo):
    code = demo.unit_with(NUMBER_AS_TEXT)
    return code, demo.mistakes[code].code


def test_figures_have_the_magnitudes_of_real_reports(demo):
    members = []
    for data in demo.data.values():
        members += data.values["DV_TONG_SO"]
        for k in range(5):
            visits, money = data.values["CL_THAM_HOI_LUOT"][k], data.values["CL_THAM_HOI_TIEN"][k]
            assert 200_000 <= money / visits <= 500_000
        term = figures(CAT, data)
        assert 0 < term["TL_DV_CBCCVCLD"].term <= 100
        assert 50 <= term["TL_LDTT"].term <= 100
    assert min(members) >= 10 and max(members) <= 600
    total = sum(data.values["DV_TONG_SO"][-1] for data in demo.data.values())
    assert 2_500 <= total <= 5_000  # "a provincial civil-servants union with 55 CĐCS and about 3,100 members"


def test_texts_differ_between_units_and_use_their_figures(demo):
    highlights = [data.texts["ND_KET_QUA_NOI_BAT"] for data in demo.data.values()]
    assert len(set(highlights)) == 55
    tasks = {data.texts["ND_NHIEM_VU_GIAI_PHAP"] for data in demo.data.values()}
    assert len(tasks) > 30
    quoted = 0
    for data in demo.data.values():
        members = f"{data.values['DV_TONG_SO'][-1]:,}".replace(",", ".")
        for line in data.texts["ND_KET_QUA_NOI_BAT"].splitlines():
            if "đến nay công đoàn cơ sở có" in line:
                quoted += 1
                assert f"có {members} đoàn viên" in line, line
    assert quoted >= 10


def test_register_rows_are_varied_and_plausible_across_units(demo):
    works = [r for data in demo.data.values() for r in data.registers["DS_CONG_TRINH"]]
    names = [r["TEN"] for r in works]
    assert len(works) >= 10 and len(set(names)) == len(names)          # no two units report the same work
    assert len({n.split(" thôn ")[0].split(" Trường ")[0] for n in names}) >= 5   # several kinds of works
    for r in works:
        assert r["DIA_DIEM"] not in r["TEN"] and 0 < r["DONG_GOP"] < r["TONG_KINH_PHI"] <= 350_000_000
    models = [r for data in demo.data.values() for r in data.registers["DS_MO_HINH"]]
    assert len({r["NAM_BAT_DAU"] for r in models}) >= 5                # started in different years
    assert not any(re.search(r"(?<![\d.])\d lượt", r["KET_QUA"]) for r in models)   # "06 lượt", never "6 lượt"


def test_each_kind_of_mistake_is_in_one_workbook_as_documented(demo):
    assert sorted(m.kind for m in demo.mistakes.values()) == sorted(MISTAKE_KINDS)
    notes = {u.code: u.notes for u in read_registry(demo.registry_path).units}
    for code, mistake in demo.mistakes.items():
        assert notes[code] == mistake.note and mistake.note.startswith("Lỗi cố ý")
        data = read_workbook(demo.workbooks[code]).data
        broken = broken_relations(data)
        if mistake.kind == WOMEN_EXCEED_MEMBERS:
            k = data.years.index(mistake.year)
            assert data.values["DV_NU"][k] == mistake.value > data.values["DV_TONG_SO"][k]
            assert broken == {"NU_LE_TONG": [mistake.year]}
        elif mistake.kind == NUMBER_AS_TEXT:
            k = data.years.index(mistake.year)
            text = data.values[mistake.code][k]
            assert text == mistake.value and isinstance(text, str)
            parsed = parse_vn_number(text)
            assert parsed is not None and parsed.value % 100_000 == 0 and str(parsed.value) in mistake.note
            assert broken == {}
        elif mistake.kind == MEMBERSHIP_GAP:
            assert broken == {"DONG_BIEN_DOAN_VIEN": [mistake.year]}
        elif mistake.kind == FUNDS_EXCEED_TOTAL:
            assert broken == {"CAC_QUY_LE_TONG": [mistake.year]}
            assert data.values["XH_TONG_UNG_HO"][data.years.index(mistake.year)] == mistake.value
        elif mistake.kind == MISSING_DATE:
            assert data.info["NGAY_LAP"] is None and broken == {}
        elif mistake.kind == AWARD_WITHOUT_RECIPIENT:
            row = data.registers["DS_KHEN_THUONG"][mistake.row]
            assert row["NGUOI_NHAN"] is None and row["NAM"] == mistake.year and broken == {}
            assert f"dòng {mistake.row + 1}" in mistake.note
        else:
            pytest.fail(f"undocumented mistake kind {mistake.kind}")


def test_demo_command_writes_files_and_says_where(tmp_path):
    out = tmp_path / "mau"
    run = subprocess.run([BAOCAO, "demo", "--out", str(out), "--count", "6", "--seed", "11"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert str(out / REGISTRY_FILENAME) in run.stdout
    assert "6 sổ báo cáo đã điền" in run.stdout
    books = sorted(out.glob("CDCS_*.xlsx"))
    assert len(books) == 6
    registry = read_registry(out / REGISTRY_FILENAME)
    assert {u.code for u in registry.leaves()} == {p.stem for p in books}
    faulty = [u.code for u in registry.leaves() if u.notes.startswith("Lỗi cố ý")]
    assert faulty and all(f"{code}.xlsx" in run.stdout for code in faulty)
    bad = subprocess.run([BAOCAO, "demo", "--out", str(out), "--count", "0"],
                         capture_output=True, text=True)
    assert bad.returncode == 2
