"""The fault corpus: damaged, hostile and absurd workbooks derived from demo workbooks.

:func:`corpus` is deterministic for a seed: each family of faults from issue 8
gives mutants of a few demo workbooks, each with what a correct reader must
conclude (``reject``: a file error or a Lỗi; ``accept``: the data is intact,
e.g. a stray cell far outside the template; ``any``: either, as long as
nothing crashes) and, where there is one, the sheet and cell it must name.

``python tests/faults.py`` runs the whole corpus through ``check`` and
``compile`` and prints a table by family (``make fuzz``).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from workbook_templates.catalogue import load_catalogue
from workbook_templates.layout import START_SUFFIX, TARGET_SUFFIX, YEARS_NAME
from workbook_templates.xlsx import open_xlsx

MB = 1024 * 1024


@dataclass
class Mutant:
    family: str
    name: str | bytes          # file name (bytes: not valid UTF-8)
    data: bytes
    expect: str                # "reject" (file error or Lỗi), "flag" (at least a Cảnh báo), "accept" or "any"
    sheet: str | None = None   # where the fault is, when it is one cell
    cell: str | None = None


class Base:
    """One demo workbook opened for mutation: its parts and where its names point."""

    def __init__(self, path: Path):
        self.path, self.code = path, path.stem
        self.bytes = path.read_bytes()
        with zipfile.ZipFile(path) as z:
            self.parts = {i.filename: z.read(i) for i in z.infolist()}
        with open_xlsx(path) as book:
            self.names = dict(book.names)
            self.sheet_parts = {name: book._sheets[name].part for name in book.sheet_names}
        cat = load_catalogue()
        # typed figures only: a count derived from a register is recomputed from its rows, never read
        self.numeric = [i for i in cat.indicators if i.kind in ("stock", "flow") and not i.is_derived]
        self.stocks = [i for i in cat.indicators if i.kind == "stock"]
        self.targets = [i for i in cat.indicators if i.target and i.kind != "rate"]
        self.texts = [i for i in cat.indicators if i.kind == "text"]

    def cell_of(self, name: str, index: int = 0) -> tuple[str, str]:
        sheet, cells = self.names[name]
        return sheet, cells[index]

    def pack(self, parts: dict[str, bytes], flags: Callable[[zipfile.ZipInfo], None] | None = None) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                info = zipfile.ZipInfo(name, date_time=(2023, 6, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        data = out.getvalue()
        return data if flags is None else _patch_flags(data)

    def with_cell(self, sheet: str, cell: str, xml: str) -> bytes:
        """The workbook with one cell's XML replaced (or added to its row)."""
        part = self.sheet_parts[sheet]
        text = self.parts[part].decode("utf-8")
        pattern = re.compile(rf'<c r="{cell}"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: xml, text, count=1)
        else:
            row = re.sub(r"\D", "", cell)
            row_match = re.search(rf'<row r="{row}"[^>]*>', text)
            if row_match:
                text = text[:row_match.end()] + xml + text[row_match.end():]
            else:
                text = text.replace("</sheetData>", f'<row r="{row}">{xml}</row></sheetData>', 1)
        return self.pack({**self.parts, part: text.encode("utf-8")})

    def with_part(self, part: str, data: bytes) -> bytes:
        return self.pack({**self.parts, part: data})


def _patch_flags(data: bytes) -> bytes:
    """Set the 'encrypted' bit on every member, in local and central headers."""
    buf = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := buf.find(sig, start)) >= 0:
            buf[i + offset] |= 0x1
            start = i + 4
    return bytes(buf)


# ---------------------------------------------------------------------------- families
# Each family: (rng, base) -> one Mutant. Cells are picked at random among the names of the template.


def _number_cell(rng: random.Random, base: Base) -> tuple[str, str, str]:
    """(name, sheet, cell) of a year, start-of-term or target cell."""
    pick = rng.random()
    if pick < 0.6:
        ind = rng.choice(base.numeric)
        index = rng.randrange(len(base.names[ind.code][1]))
        name = ind.code
    elif pick < 0.8:
        ind, index = rng.choice(base.stocks), 0
        name = ind.code + START_SUFFIX
    else:
        ind, index = rng.choice(base.targets), 0
        name = ind.code + TARGET_SUFFIX
    sheet, cell = base.cell_of(name, index)
    return name, sheet, cell


def error_value(rng, base):
    _, sheet, cell = _number_cell(rng, base)
    err = rng.choice(["#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!"])
    return Mutant("error_value", f"{base.code}-err.xlsx", base.with_cell(sheet, cell, f'<c r="{cell}" t="e"><v>{err}</v></c>'),
                  "reject", sheet, cell)


def formula_without_cache(rng, base):
    _, sheet, cell = _number_cell(rng, base)
    formula = rng.choice(["SUM(1,2)", "A1*2", "'Tổ chức'!E5+1", "NOW()"])
    xml = f'<c r="{cell}"><f>{_escape(formula)}</f></c>' if rng.random() < 0.5 else f'<c r="{cell}"><f>{_escape(formula)}</f><v></v></c>'
    return Mutant("formula_no_cache", f"{base.code}-f.xlsx", base.with_cell(sheet, cell, xml), "reject", sheet, cell)


def truncated_xml(rng, base):
    sheet = base.names[rng.choice(base.numeric).code][0]
    part = base.sheet_parts[sheet]
    data = base.parts[part]
    cut = rng.randrange(len(data) // 3, len(data) - 1)
    return Mutant("truncated_xml", f"{base.code}-cut.xlsx", base.with_part(part, data[:cut]), "reject", sheet)


def garbage_after_root(rng, base):
    sheet = base.names[rng.choice(base.numeric).code][0]
    part = base.sheet_parts[sheet]
    junk = rng.choice([b"<x/>", b"garbage", b"\x00\x01\x02", b"<worksheet/>", b"<!-- ok --><c/>"])
    return Mutant("garbage_after_root", f"{base.code}-junk.xlsx", base.with_part(part, base.parts[part] + junk),
                  "reject", sheet)


def bit_flip(rng, base):
    data = bytearray(base.bytes)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return Mutant("bit_flip", f"{base.code}-flip.xlsx", bytes(data), "any")


def encrypted(rng, base):
    if rng.random() < 0.5:
        data = base.pack(base.parts, flags=lambda info: None)
    else:  # what Excel writes for a workbook with a password: an OLE compound file
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(4096))
    return Mutant("encrypted", f"{base.code}-pw.xlsx", data, "reject")


def zip_bomb(rng, base):
    sheet = base.names[rng.choice(base.numeric).code][0]
    part = base.sheet_parts[sheet]
    size = rng.choice([40, 140]) * MB
    xml = base.parts[part]
    at = xml.index(b"<sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base.parts.items():
            if name != part:
                z.writestr(name, data)
                continue
            with z.open(name, "w", force_zip64=True) as fh:
                fh.write(xml[:at])
                block = b" " * MB
                for _ in range(size // MB):
                    fh.write(block)
                fh.write(xml[at:])
    return Mutant("zip_bomb", f"{base.code}-bomb.xlsx", out.getvalue(), "reject", sheet)


def far_cell(rng, base):
    sheet = base.names[rng.choice(base.numeric).code][0]
    cell = rng.choice(["XFD1048576", "XFD1", "A1048576", "ZZ99999"])
    return Mutant("far_cell", f"{base.code}-far.xlsx", base.with_cell(sheet, cell, f'<c r="{cell}"><v>1</v></c>'),
                  "accept")


def dtd_entity(rng, base):
    part = rng.choice(["xl/workbook.xml", base.sheet_parts[base.names[base.numeric[0].code][0]]])
    doctype = rng.choice([
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd">',
    ])
    data = base.parts[part]
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        data = data[:end] + doctype.encode() + data[end:]
    else:
        data = doctype.encode() + data
    return Mutant("dtd_entity", f"{base.code}-dtd.xlsx", base.with_part(part, data), "reject")


def bad_shared_string(rng, base):
    ind = rng.choice(base.texts)
    sheet, cell = base.cell_of(ind.code)
    index = rng.choice([99999, -1, 7])
    return Mutant("bad_shared_string", f"{base.code}-sst.xlsx",
                  base.with_cell(sheet, cell, f'<c r="{cell}" t="s"><v>{index}</v></c>'), "reject", sheet, cell)


def ref_name(rng, base):
    ind = rng.choice(base.numeric)
    data = base.parts["xl/workbook.xml"].decode("utf-8")
    data = re.sub(rf'(<definedName name="{ind.code}">)[^<]*', lambda m: m[1] + "'Tổ chức'!#REF!", data, count=1)
    return Mutant("ref_name", f"{base.code}-ref.xlsx", base.with_part("xl/workbook.xml", data.encode()), "reject")


def external_name(rng, base):
    ind = rng.choice(base.numeric)
    data = base.parts["xl/workbook.xml"].decode("utf-8")
    target = rng.choice(["[1]Sheet1!$A$1", "'[Book2.xlsx]Tổ chức'!$E$5", "'C:\\x\\[a.xlsx]S'!$A$1"])
    data = re.sub(rf'(<definedName name="{ind.code}">)[^<]*', lambda m: m[1] + _escape(target), data, count=1)
    return Mutant("external_name", f"{base.code}-ext.xlsx", base.with_part("xl/workbook.xml", data.encode()), "reject")


def year_99999(rng, base):
    sheet, cells = base.names[YEARS_NAME]
    cell = rng.choice(cells)
    year = rng.choice([99999, 0, -2020, 1e20])
    return Mutant("year_99999", f"{base.code}-year.xlsx", base.with_cell(sheet, cell, f'<c r="{cell}"><v>{year}</v></c>'),
                  "reject", sheet, cell)


def inf_nan(rng, base):
    _, sheet, cell = _number_cell(rng, base)
    value = rng.choice(["inf", "-inf", "nan", "1e400", "NaN", "Infinity"])
    return Mutant("inf_nan", f"{base.code}-inf.xlsx", base.with_cell(sheet, cell, f'<c r="{cell}"><v>{value}</v></c>'),
                  "reject", sheet, cell)


def absurd_magnitude(rng, base):
    _, sheet, cell = _number_cell(rng, base)
    value = rng.choice(["1e20", "9.99e307", "1e13", "-5"])
    return Mutant("absurd_magnitude", f"{base.code}-big.xlsx",
                  base.with_cell(sheet, cell, f'<c r="{cell}"><v>{value}</v></c>'), "reject", sheet, cell)


def control_chars(rng, base):
    ind = rng.choice(base.texts)
    sheet, cell = base.cell_of(ind.code)
    junk = rng.choice(["_x000B_", "_x0001_", "_xFFFE_", "_x001F_", "_x0008_"])
    text = f"Dán từ Word{junk} vẫn phải đọc được{junk}."
    xml = f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>'
    return Mutant("control_chars", f"{base.code}-ctl.xlsx", base.with_cell(sheet, cell, xml), "flag", sheet, cell)


def long_text(rng, base):
    ind = rng.choice(base.texts)
    sheet, cell = base.cell_of(ind.code)
    length = rng.choice([1_000_000, 40_000, 9_000])
    xml = f'<c r="{cell}" t="inlineStr"><is><t>{"a" * length}</t></is></c>'
    return Mutant("long_text", f"{base.code}-long.xlsx", base.with_cell(sheet, cell, xml), "reject", sheet, cell)


def non_utf8_name(rng, base):
    name = base.code.encode() + rng.choice([b"-\xff\xfe", b"-\xc3", b"-\xe1\xba"]) + b".xlsx"
    return Mutant("non_utf8_name", name, base.bytes, "accept")


def renamed_format(rng, base):
    kind = rng.choice(["xls", "ods", "csv", "xlsx-is-csv"])
    if kind == "xls":
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)
        name = f"{base.code}.xls"
    elif kind == "ods":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
        data, name = out.getvalue(), f"{base.code}.ods"
    else:
        data = "Mã chỉ tiêu;2019;2020\nDV_TONG_SO;10;12\n".encode("utf-8")
        name = f"{base.code}.csv" if kind == "csv" else f"{base.code}-csv.xlsx"
    return Mutant("renamed_format", name, data, "reject")


def trailing_space_name(rng, base):
    return Mutant("trailing_space_name", f"{base.code}{rng.choice([' ', '  ', '.'])}.xlsx ", base.bytes, "accept")


def group_hijack(rng, base, group: str = "KHOI_DANG"):
    """A branch workbook carrying a group's code: whatever check says, compile must never merge it."""
    sheet, cell = base.cell_of("DON_VI_MA")
    xml = f'<c r="{cell}" t="inlineStr"><is><t>{group}</t></is></c>'
    return Mutant("group_hijack", f"{base.code}-group.xlsx", base.with_cell(sheet, cell, xml), "any", sheet, cell)


def formula_like_name(rng, base):
    _, sheet, cell = _number_cell(rng, base)
    data = base.with_cell(sheet, cell, f'<c r="{cell}" t="e"><v>#REF!</v></c>')
    name = rng.choice(['=HYPERLINK("evil.example","bấm").xlsx', "+cmd.xlsx", "@SUM(1).xlsx", "-2+3.xlsx"])
    return Mutant("formula_like_name", name, data, "reject")


FAMILIES: dict[str, Callable[[random.Random, Base], Mutant]] = {
    f.__name__: f for f in (
        error_value, formula_without_cache, truncated_xml, garbage_after_root, bit_flip, encrypted, zip_bomb,
        far_cell, dtd_entity, bad_shared_string, ref_name, external_name, year_99999, inf_nan, absurd_magnitude,
        control_chars, long_text, non_utf8_name, renamed_format, trailing_space_name, group_hijack, formula_like_name,
    )
}
#: Mutants per family in the full corpus; zip bombs are slow to build, so fewer.
PER_FAMILY = {name: 25 for name in FAMILIES} | {"zip_bomb": 4, "non_utf8_name": 12, "trailing_space_name": 12}


def corpus(bases: list[Path], seed: int = 8, per_family: dict[str, int] | None = None,
           families: list[str] | None = None) -> Iterator[Mutant]:
    """Every mutant, deterministic for ``seed``; each gets a unique file name."""
    opened = [Base(p) for p in bases]
    counts = per_family or PER_FAMILY
    for family in families or list(FAMILIES):
        rng = random.Random(f"{seed}-{family}")
        for n in range(counts.get(family, 0)):
            mutant = FAMILIES[family](rng, rng.choice(opened))
            mutant.family = family
            mutant.name = _unique(mutant.name, family, n)
            yield mutant


def _unique(name: str | bytes, family: str, n: int) -> str | bytes:
    if isinstance(name, bytes):
        return f"{family[:6]}{n:03d}-".encode() + name
    if family == "formula_like_name":  # the name must still begin with = + - @
        stem, dot, ext = name.rpartition(".")
        return f"{stem}~{n:03d}{dot}{ext}"
    return f"{family[:6]}{n:03d}-{name}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ---------------------------------------------------------------------------- running the corpus

#: Peak resident memory of the check process reading every mutant, in MiB.
MEMORY_BOUND_MB = 512
#: Seconds check or compile may take on the sample / on the full corpus.
SECONDS_PER_MUTANT = 2.0
_CHECK = """
import resource, sys
from compiler.cli import main
try:
    main(sys.argv[1:], prog_name="baocao")
finally:
    print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""
_VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)
_CRASH = re.compile(r"không đọc được \(\w+")   # the compiler's catch-all: a bug, not a verdict


@dataclass
class Outcome:
    mutant: Mutant
    shown: str
    verdict: str          # "lỗi tệp", "lỗi", "cảnh báo", "chấp nhận", "crash"
    compile_verdict: str
    problems: list[str]

    @property
    def agrees(self) -> bool:
        return self.verdict == self.compile_verdict and not any(p.startswith("khác") for p in self.problems)


@dataclass
class Run:
    outcomes: list[Outcome]
    max_rss_mb: float
    seconds: float
    totals_unchanged: bool
    inputs_unchanged: bool
    compile_crash: str | None


def run(mutants: list[Mutant], clean: list[Path], registry: Path, work: Path, baseline: dict | None = None) -> Run:
    """Check and compile ``clean`` workbooks plus every mutant; judge each mutant's outcome."""
    import hashlib
    import json
    import os
    import subprocess
    import sys
    import time

    from compiler.collect import read_all
    from compiler.period import PeriodRequest
    from compiler.pipeline import compile_directory
    from workbook_templates.xlsx import display_name

    inbox = work / "nop"
    inbox.mkdir(parents=True)
    for path in clean:
        (inbox / path.name).write_bytes(path.read_bytes())
    names = []
    for m in mutants:
        name = os.fsdecode(m.name) if isinstance(m.name, bytes) else m.name
        (inbox / name).write_bytes(m.data)
        names.append(name)
    digest = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    started = time.monotonic()
    checked, max_rss = _check(inbox, names)
    subs = {s.path: s for s in read_all([inbox / n for n in names], inbox, 2)}
    compile_crash, totals, formulas, merged = None, None, [], set()
    try:
        result = compile_directory(inbox, registry, work / "out", PeriodRequest(), workers=2, report=False)
        totals = _totals(result.consolidated)
        formulas = _formulas(result.consolidated)
        merged = {r.entry.path for r in result.completeness.rows if r.included and r.entry}
    except Exception as exc:  # noqa: BLE001 - reported as the run's crash
        import traceback
        compile_crash = "".join(traceback.format_exception(exc))[-2000:]
    seconds = time.monotonic() - started
    outcomes = []
    for m, name in zip(mutants, names):
        shown = display_name(name)
        outcome = _judge(m, shown, checked.get(shown), subs.get(shown))
        stem = name.rpartition("~")[0]
        if m.family == "formula_like_name" and any(stem[1:] in f for f in formulas):
            outcome.problems.append("tên tệp thành công thức trong tong-hop.xlsx")
        if m.family == "group_hijack" and shown in merged:
            outcome.problems.append("sổ mang mã nhóm được gộp vào tổng hợp")
        outcomes.append(outcome)
    inputs_unchanged = digest == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    if baseline is None:
        base_inbox = work / "sach"
        base_inbox.mkdir()
        for path in clean:
            (base_inbox / path.name).write_bytes(path.read_bytes())
        base = compile_directory(base_inbox, registry, work / "out-sach", PeriodRequest(), workers=2, report=False)
        baseline = _totals(base.consolidated)
    return Run(outcomes, max_rss / 1024, seconds, totals == baseline, inputs_unchanged, compile_crash)


def _check(inbox: Path, names: list[str]) -> tuple[dict[str, dict], int]:
    """``baocao check --format json`` on every file (one by one again if the run as a whole crashed)."""
    import json
    import os
    import subprocess
    import sys

    def once(batch: list[str]) -> tuple[list[dict] | None, int, str]:
        done = subprocess.run([sys.executable, "-c", _CHECK, "check", "--format", "json", "--",
                               *(os.fsencode(n) for n in batch)], cwd=inbox, capture_output=True,
                              timeout=60 + SECONDS_PER_MUTANT * len(batch))
        err = done.stderr.decode("utf-8", "replace")
        rss = int(re.search(r"MAXRSS (\d+)", err)[1]) if "MAXRSS" in err else 0
        if done.returncode not in (0, 1) or "Traceback" in err:
            return None, rss, err
        return json.loads(done.stdout), rss, err

    results, rss, _ = once(names)
    out: dict[str, dict] = {}
    if results is None:
        for name in names:
            one, r, err = once([name])
            rss = max(rss, r)
            from workbook_templates.xlsx import display_name
            out[display_name(name)] = one[0] if one else {"crash": err[-1500:]}
        return out, rss
    for item in results:
        out[item["file"]] = item
    return out, rss


def _class_of_check(item: dict | None) -> str:
    if item is None or "crash" in item:
        return "crash"
    if item["error"]:
        return "lỗi tệp"
    severities = {f["severity"] for f in item["findings"]}
    return "lỗi" if "Lỗi" in severities else "cảnh báo" if severities else "chấp nhận"


def _class_of_compile(sub) -> str:
    if sub is None or (sub.error and _CRASH.search(sub.error)):
        return "crash"
    if any(i.rule == "LOI_TEP" for i in sub.issues):
        return "lỗi tệp"
    severities = {i.severity for i in sub.issues}
    return "lỗi" if "Lỗi" in severities else "cảnh báo" if severities else "chấp nhận"


def _judge(m: Mutant, shown: str, item: dict | None, sub) -> Outcome:
    verdict, compiled = _class_of_check(item), _class_of_compile(sub)
    problems = []
    if verdict == "crash" or compiled == "crash":
        problems.append("crash: " + str((item or {}).get("crash") or (sub.error if sub else "không có kết quả"))[-300:])
    else:
        if verdict != compiled:
            problems.append(f"khác nhau: check {verdict}, compile {compiled}")
        elif verdict == "lỗi tệp" and item["error"] != sub.error:
            problems.append(f"khác lời: {item['error']!r} / {sub.error!r}")
        elif verdict in ("lỗi", "cảnh báo"):
            a = sorted((f["severity"], f["rule"], f["sheet"], f["cell"]) for f in item["findings"])
            b = sorted((i.severity, i.rule, i.sheet, i.cell) for i in sub.issues)
            if a != b:
                problems.append(f"khác phát hiện: {a[:3]} / {b[:3]}")
        wanted = {"reject": ("lỗi tệp", "lỗi"), "flag": ("lỗi tệp", "lỗi", "cảnh báo"), "accept": ("chấp nhận",),
                  "any": ("lỗi tệp", "lỗi", "cảnh báo", "chấp nhận")}[m.expect]
        if verdict not in wanted:
            problems.append(f"sai kết luận: {verdict}, cần {'/'.join(wanted)}")
        if verdict == "lỗi tệp":
            message = item["error"]
            if not message.startswith(f"Tệp {shown}") or not _VIETNAMESE.search(message) or "Traceback" in message:
                problems.append(f"lời báo không nêu tệp: {message[:120]!r}")
        elif verdict in ("lỗi", "cảnh báo"):
            bad = [f for f in item["findings"] if not f["sheet"] or not f["cell"] or not _VIETNAMESE.search(f["message"])]
            if bad:
                problems.append(f"phát hiện không nêu trang, ô: {bad[0]['message'][:120]!r}")
        if m.cell and verdict in ("lỗi", "cảnh báo"):
            if not any((f["sheet"], f["cell"]) == (m.sheet, m.cell) for f in item["findings"]):
                problems.append(f"không nêu ô {m.sheet}!{m.cell}")
    return Outcome(m, shown, verdict, compiled, problems)


def _formulas(consolidated: Path) -> list[str]:
    """Every formula of tong-hop.xlsx; every XML part must be well-formed (else the run crashed)."""
    from xml.parsers import expat

    found: list[str] = []
    with zipfile.ZipFile(consolidated) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            parser = expat.ParserCreate()
            state = {"f": None}

            def start(tag, attrs, state=state):
                if tag == "f":
                    state["f"] = []

            def end(tag, state=state):
                if tag == "f" and state["f"] is not None:
                    found.append("".join(state["f"]))
                    state["f"] = None

            def text(data, state=state):
                if state["f"] is not None:
                    state["f"].append(data)

            parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
            try:
                parser.Parse(z.read(name), True)
            except expat.ExpatError as exc:
                raise AssertionError(f"tong-hop.xlsx: {name} không phải XML hợp lệ ({exc})") from exc
    return found


def _totals(consolidated: Path) -> dict:
    from workbook_templates.reader import read_workbook

    data = read_workbook(consolidated).data
    return {"values": data.values, "start": data.start, "targets": data.targets, "next": data.next_targets}


def table(outcomes: list[Outcome]) -> str:
    """Counts by family: the closing note's table."""
    header = ("Họ lỗi", "Mẫu", "Lỗi tệp", "Lỗi", "Chỉ cảnh báo", "Chấp nhận", "Crash", "Lệch check/compile",
              "Sai kỳ vọng")
    rows = []
    for family in FAMILIES:
        group = [o for o in outcomes if o.mutant.family == family]
        if not group:
            continue
        count = lambda v: sum(o.verdict == v for o in group)  # noqa: E731
        rows.append((family, len(group), count("lỗi tệp"), count("lỗi"), count("cảnh báo"), count("chấp nhận"),
                     sum(o.verdict == "crash" or o.compile_verdict == "crash" for o in group),
                     sum(not o.agrees for o in group if o.verdict != "crash"),
                     sum(bool(o.problems) for o in group)))
    totals = ("Tổng", *(sum(r[i] for r in rows) for i in range(1, len(header))))
    widths = [max(len(str(r[i])) for r in (header, *rows, totals)) for i in range(len(header))]
    line = lambda r: " | ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *map(line, rows), line(totals)])


def main() -> int:
    """make fuzz: the full corpus from a fresh demo, and the table by family."""
    import sys
    import tempfile

    from workbook_templates.sample import write_demo

    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-") as tmp:
        work = Path(tmp)
        demo = write_demo(work / "demo", seed=2023)
        bases, clean, registry = split(demo, work)
        mutants = list(corpus(bases))
        outcome = run(mutants, clean, registry, work / "run")
    print(table(outcome.outcomes))
    print(f"\n{len(mutants)} mẫu; bộ nhớ đỉnh của check: {outcome.max_rss_mb:.0f} MiB (giới hạn {MEMORY_BOUND_MB}); "
          f"{outcome.seconds:.0f} giây; tổng của các đơn vị sạch {'không đổi' if outcome.totals_unchanged else 'BỊ ĐỔI'}; "
          f"tệp đầu vào {'nguyên vẹn' if outcome.inputs_unchanged else 'BỊ SỬA'}"
          + (f"\ncompile crash:\n{outcome.compile_crash}" if outcome.compile_crash else ""))
    for o in outcome.outcomes:
        if o.problems:
            print(f"- {o.mutant.family} {o.shown}: {'; '.join(o.problems)}")
    failed = [o for o in outcome.outcomes if o.problems]
    return 1 if failed or outcome.compile_crash or not outcome.totals_unchanged or not outcome.inputs_unchanged \
        or outcome.max_rss_mb > MEMORY_BOUND_MB else 0


def split(demo, work: Path, group: str = "KHOI_DANG") -> tuple[list[Path], list[Path], Path]:
    """(bases to mutate: clean units outside ``group``, clean units of ``group``, registry of ``group``).

    The compile registry holds only ``group``, so a mutant (a unit of another
    group) can never count, and the group's totals must come out unchanged.
    """
    from workbook_templates.registry import Registry, Unit, write_registry

    top = demo.registry[group]
    children = demo.registry.children(group)
    registry = Registry(tuple([Unit(top.code, top.name, demo.registry.top.name), *children]))
    path = work / "danh-sach-nhom.xlsx"
    write_registry(path, registry)
    inside = {u.code for u in children}
    clean_units = demo.clean_units
    bases = [demo.workbooks[c] for c in clean_units if c not in inside][:4]
    clean = [demo.workbooks[c] for c in clean_units if c in inside]
    return bases, clean, path


if __name__ == "__main__":
    raise SystemExit(main())
