"""The ``baocao`` command: every user-facing entry point of the product.

Each subcommand is a thin adapter: it parses options, calls one function of
``workbook_templates``, ``addin`` or ``compiler`` and prints Vietnamese text.
Exit status: 0 all well, 1 something needs attention, 2 wrong usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from workbook_templates import build_workbook, load_catalogue, template_data

from .cli_vi import VietnameseGroup

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(cls=VietnameseGroup, context_settings=CONTEXT)
@click.version_option(package_name="baocao-congdoan", message="baocao %(version)s", help="Hiện phiên bản rồi thoát.")
def main() -> None:
    """Sổ báo cáo công đoàn: tạo mẫu, kiểm tra, tổng hợp và viết báo cáo nhiệm kỳ."""


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="Định dạng in ra.")
def catalogue(fmt: str) -> None:
    """In danh mục chỉ tiêu (mã, tên, mục, loại, đơn vị tính…)."""
    cat = load_catalogue()
    if fmt == "json":
        click.echo(json.dumps(cat.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"Danh mục chỉ tiêu phiên bản {cat.version}: {len(cat.indicators)} chỉ tiêu")
    for section in cat.sections:
        click.echo(f"\n{section.title}")
        for ind in cat.in_section(section.code):
            click.echo(f"  {ind.code:<28} {ind.label} ({ind.unit})")


@main.command()
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Tệp .xlsx sẽ tạo.")
@click.option("--unit-code", required=True, help="Mã công đoàn cơ sở.")
@click.option("--unit-name", required=True, help="Tên công đoàn cơ sở.")
@click.option("--parent", required=True, help="Tên công đoàn cấp trên trực tiếp.")
@click.option("--term", required=True, help="Nhiệm kỳ, ví dụ 2023-2028.")
@click.option("--level", type=click.Choice(["co-so", "cap-tren"]), default="co-so", show_default=True,
              help="co-so: sổ của một công đoàn cơ sở; cap-tren: sổ số liệu riêng của công đoàn cấp trên "
                   "(chỉ tiêu Nghị quyết, công việc và nội dung của riêng mình).")
def template(out: Path, unit_code: str, unit_name: str, parent: str, term: str, level: str) -> None:
    """Tạo sổ báo cáo trống cho một công đoàn cơ sở hoặc sổ số liệu riêng của công đoàn cấp trên."""
    from workbook_templates.catalogue import LEVEL_BRANCH, LEVEL_UPPER

    try:
        data = template_data(unit_code, unit_name, parent, term, level=LEVEL_UPPER if level == "cap-tren" else LEVEL_BRANCH)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    build_workbook(out, data)
    what = "sổ số liệu riêng của công đoàn cấp trên" if level == "cap-tren" else "sổ báo cáo"
    click.echo(f"Đã tạo {what} {out} (nhiệm kỳ {term}, các năm {data.years[0]}–{data.years[-1]}).")


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục sẽ ghi dữ liệu mẫu.")
@click.option("--seed", type=int, default=2023, show_default=True,
              help="Hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu.")
@click.option("--count", type=click.IntRange(1, 55), default=55, show_default=True,
              help="Số công đoàn cơ sở mẫu.")
def demo(out: Path, seed: int, count: int) -> None:
    """Tạo dữ liệu mẫu hư cấu: danh sách đơn vị và các sổ báo cáo đã điền."""
    from workbook_templates.sample import write_demo

    result = write_demo(out, seed=seed, count=count)
    books = list(result.workbooks.values())
    click.echo(f"Đã tạo dữ liệu mẫu của {result.registry.top.name} (hư cấu) trong thư mục {out}:")
    click.echo(f"  - danh sách đơn vị: {result.registry_path}")
    click.echo(f"  - {len(books)} sổ báo cáo đã điền, nhiệm kỳ 2018-2023: {books[0].name} … {books[-1].name}")
    click.echo(f"  - sổ số liệu riêng của {result.registry.top.name} (chỉ tiêu Nghị quyết, công việc, nội dung "
               f"riêng): {result.own_path.name}")
    if result.mistakes:
        click.echo(f"  - {len(result.mistakes)} sổ có lỗi cố ý để chạy thử (ghi ở cột Ghi chú của danh sách):")
        for code, mistake in result.mistakes.items():
            click.echo(f"      {code}.xlsx: {mistake.note.removeprefix('Lỗi cố ý để chạy thử: ')}")


@main.command("compile")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--registry", "registry", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="Danh sách đơn vị (danh-sach-don-vi.xlsx).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục ghi tong-hop.xlsx và báo cáo.")
@click.option("--year", type=int, help="Kỳ báo cáo là một năm, ví dụ 2023.")
@click.option("--period", "span", help="Kỳ báo cáo là các năm Y1-Y2, ví dụ 2019-2021. Mặc định: cả nhiệm kỳ.")
@click.option("--kind", type=click.Choice(["dai-hoi", "nam", "so-ket"]),
              help="Loại báo cáo Word: dai-hoi (Đại hội), nam (năm), so-ket (sơ kết giữa nhiệm kỳ).")
@click.option("--include-errors", is_flag=True, help="Vẫn đưa các sổ có Lỗi vào tổng hợp.")
@click.option("--own", "own", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sổ số liệu riêng của công đoàn cấp trên (mặc định: sổ cấp trên có mã đơn vị tổng hợp trong "
                   "INPUT_DIR).")
@click.option("--no-report", is_flag=True, help="Chỉ lập tong-hop.xlsx, không viết báo cáo Word.")
@click.option("--workers", type=click.IntRange(1, 256), help="Số tiến trình đọc sổ (mặc định: số lõi CPU).")
@click.option("--date", "date", type=click.DateTime(["%d/%m/%Y", "%Y-%m-%d"]),
              help="Ngày ghi trên sổ tổng hợp và báo cáo, dạng 20/6/2023 (mặc định: hôm nay).")
def compile_(input_dir: Path, registry: Path, out: Path, year: int | None, span: str | None, kind: str | None,
             include_errors: bool, own: Path | None, no_report: bool, workers: int | None, date) -> None:
    """Tổng hợp mọi sổ báo cáo trong INPUT_DIR thành tong-hop.xlsx và báo cáo Word."""
    from compiler.messages import summary_lines
    from compiler.period import PeriodRequest, parse_span
    from compiler.pipeline import CompileError, compile_directory
    from compiler.progress import progress_bar

    if year is not None and span is not None:
        raise click.UsageError("Chỉ chọn một trong --year và --period.")
    try:
        request = PeriodRequest(year=year, span=parse_span(span) if span else None,
                                kind=kind or ("nam" if year is not None else "so-ket" if span else "dai-hoi"))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if year is not None and request.kind != "nam":
        raise click.UsageError("--year đi với báo cáo năm (--kind nam); báo cáo khác dùng --period.")
    try:
        with progress_bar() as progress:
            result = compile_directory(input_dir, registry, out, request, include_errors=include_errors,
                                       workers=workers, report=not no_report, progress=progress,
                                       date=date.date() if date else None, own=own)
    except CompileError as exc:
        if exc.usage:
            raise click.UsageError(str(exc)) from exc
        click.echo(str(exc), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Không ghi được kết quả vào {out}: {exc}", err=True)
        sys.exit(1)
    click.echo("\n".join(summary_lines(result)))
    sys.exit(1 if result.needs_attention else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: lời nhắn tiếng Việt cho người đọc; json: danh sách lỗi kèm trang tính và ô cho máy.")
def check(files: tuple[Path, ...], fmt: str) -> None:
    """Kiểm tra các sổ báo cáo bằng đúng các quy tắc của nút Kiểm tra.

    Thoát với mã 1 khi có ít nhất một Lỗi (hoặc một tệp không đọc được), 0 khi chỉ có Cảnh báo hoặc không có gì.
    """
    from workbook_templates.reader import WorkbookError, read_workbook
    from workbook_templates.rules import check_branch, findings_to_json

    results, failed = [], False
    for path in files:
        try:
            findings, error = check_branch(read_workbook(path)), None
        except WorkbookError as exc:
            findings, error = [], str(exc)
        failed |= error is not None or any(f.is_error for f in findings)
        results.append((path, error, findings))
    if fmt == "json":
        click.echo(json.dumps([{"file": str(path), "error": error, "findings": findings_to_json(findings)}
                               for path, error, findings in results], ensure_ascii=False, indent=2))
    else:
        for path, error, findings in results:
            if error:
                click.echo(f"Lỗi: {error}")
                continue
            errors = sum(f.is_error for f in findings)
            warnings = len(findings) - errors
            head = f"{errors} lỗi phải sửa trước khi gửi" if errors else "Không có lỗi"
            click.echo(f"Tệp {path.name}: {head}" + (f", {warnings} cảnh báo cần xem lại." if warnings else "."))
            for f in findings:
                click.echo(f"  {f.severity:<8} {f.sheet}!{f.cell:<5} [{f.rule}] {f.message}")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["dai-hoi", "nam", "so-ket"]), default="dai-hoi", show_default=True,
              help="dai-hoi: báo cáo trình Đại hội (cả nhiệm kỳ); nam: báo cáo năm; so-ket: sơ kết giữa nhiệm kỳ.")
@click.option("--year", type=int, help="Năm của báo cáo năm (--kind nam); mặc định năm cuối nhiệm kỳ.")
@click.option("--period", "span", help="Các năm Y1-Y2 của báo cáo Đại hội hoặc sơ kết, ví dụ 2019-2021 "
                                       "(mặc định: cả nhiệm kỳ; sơ kết: nửa đầu nhiệm kỳ).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp .docx sẽ ghi; mặc định bao-cao-….docx cạnh sổ báo cáo.")
@click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Thư mục mẫu báo cáo đã sửa (bản sao của report_templates).")
def report(workbook: Path, kind: str, year: int | None, span: str | None, out: Path | None,
           templates: Path | None) -> None:
    """Viết báo cáo Word (và PDF nếu có LibreOffice) từ một sổ báo cáo hoặc tong-hop.xlsx."""
    from compiler.period import parse_span
    from compiler.report import ReportError, pdf, report_filename, write_report
    from workbook_templates.reader import WorkbookError

    if year is not None and kind != "nam":
        raise click.UsageError("--year chỉ dùng với báo cáo năm (--kind nam).")
    if span is not None and kind == "nam":
        raise click.UsageError("--period dùng với báo cáo Đại hội hoặc sơ kết; báo cáo năm dùng --year.")
    try:
        years = parse_span(span) if span else None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    target = out or workbook.with_name(report_filename(kind, year))
    try:
        written = write_report(workbook, kind, target, year=year, templates_dir=templates, span=years)
    except (ReportError, WorkbookError) as exc:
        click.echo(f"Không viết được báo cáo: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Không ghi được {target}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Đã viết báo cáo {written}.")
    if pdf.available():
        click.echo(f"Bản PDF: {written.with_suffix('.pdf')}.")
    else:
        click.echo("Chưa cài LibreOffice nên chưa có bản PDF; mở tệp Word rồi lưu thành PDF nếu cần.")


@main.group("addin")
def addin_group() -> None:
    """Bổ trợ Excel (xlwings): Kiểm tra, Tính tổng, Chuẩn hóa số, Xóa đánh dấu."""


@addin_group.command("lite")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục sẽ ghi main.py và requirements.txt.")
def addin_lite(out: Path) -> None:
    """Tạo main.py và requirements.txt cho xlwings Lite (cách cài: docs/addin.md)."""
    from addin.lite import write_lite

    main_py, requirements_txt = write_lite(out)
    click.echo(f"Đã tạo {main_py} và {requirements_txt}.")
    click.echo("Mở sổ báo cáo trong Excel, mở xlwings Lite (thẻ Home), dán toàn bộ main.py vào thẻ main.py, "
               "requirements.txt vào thẻ requirements.txt, rồi lưu sổ: mã được lưu trong sổ.")


if __name__ == "__main__":
    main(prog_name="baocao")
