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
    _embed_addin([out])
    what = "sổ số liệu riêng của công đoàn cấp trên" if level == "cap-tren" else "sổ báo cáo"
    click.echo(f"Đã tạo {what} {out} (nhiệm kỳ {term}, các năm {data.years[0]}–{data.years[-1]}), "
               "có sẵn bổ trợ xlwings Lite.")


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
    _embed_addin(books)
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
    from compiler.collect import examine
    from workbook_templates.rules import findings_to_json
    from workbook_templates.xlsx import display_name

    results, failed = [], False
    for path in files:
        verdict = examine(path)
        error = str(verdict.error) if verdict.error else None
        failed |= verdict.has_errors
        results.append((path, verdict.source, error, verdict.findings))
    if fmt == "json":
        click.echo(json.dumps([{"file": display_name(path), "error": error, "findings": findings_to_json(findings)}
                               for path, _, error, findings in results], ensure_ascii=False, indent=2))
    else:
        for path, shown, error, findings in results:
            if error:
                click.echo(f"Lỗi: {error}")
                continue
            errors = sum(f.is_error for f in findings)
            warnings = len(findings) - errors
            head = f"{errors} lỗi phải sửa trước khi gửi" if errors else "Không có lỗi"
            click.echo(f"Tệp {shown}: {head}" + (f", {warnings} cảnh báo cần xem lại." if warnings else "."))
            for f in findings:
                click.echo(f"  {f.severity:<8} {f.sheet}!{f.cell:<5} [{f.rule}] {f.message}")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["dai-hoi", "nam", "so-ket"]), default="dai-hoi", show_default=True,
              help="dai-hoi: báo cáo trình Đại hội (cả nhiệm kỳ); nam: báo cáo năm; so-ket: sơ kết giữa nhiệm kỳ.")
@click.option("--year", type=int, help="Năm của báo cáo năm (--kind nam); mặc định năm đã kết thúc gần nhất (theo ngày lập số liệu).")
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


def _embed_addin(workbooks: list[Path]) -> None:
    """Put the add-in's current code into workbooks just written (each replaced atomically)."""
    from addin.embed import current_code, embed

    code = current_code()
    for path in workbooks:
        embed(path, path, code)


@main.group("addin")
def addin_group() -> None:
    """Bổ trợ Excel (xlwings Lite): Kiểm tra, Tính tổng, Chuẩn hóa số, Xóa đánh dấu."""


@addin_group.command("nhung")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp .xlsx sẽ ghi; mặc định <tên sổ>-bo-tro.xlsx cạnh sổ. Sổ gốc không bị sửa.")
def addin_nhung(workbook: Path, out: Path | None) -> None:
    """Đưa mã bổ trợ xlwings Lite hiện hành vào một sổ đã có (ghi ra tệp mới)."""
    from addin.embed import EmbedError, embed

    target = out or workbook.with_name(f"{workbook.stem}-bo-tro{workbook.suffix}")
    if target.resolve() == workbook.resolve():
        raise click.UsageError("Tệp ghi ra (--out) phải khác sổ gốc: sổ gốc không bị sửa.")
    try:
        embed(workbook, target)
    except EmbedError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Không ghi được {target}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Đã ghi {target}: sổ {workbook.name} kèm mã bổ trợ xlwings Lite hiện hành. Gửi tệp này cho cán bộ "
               "cơ sở; họ chỉ cần mở sổ, chọn tin cậy sổ và bấm nút Kiểm tra.")


@addin_group.command("lite")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục sẽ ghi main.py và requirements.txt.")
def addin_lite(out: Path) -> None:
    """Tạo main.py và requirements.txt cho xlwings Lite, để dán vào sổ không do baocao tạo (docs/addin.md)."""
    from addin.lite import write_lite

    main_py, requirements_txt = write_lite(out)
    click.echo(f"Đã tạo {main_py} và {requirements_txt}.")
    click.echo("Sổ tạo bằng baocao template đã có sẵn mã này; sổ đã gửi đi thì cập nhật bằng baocao addin nhung. "
               "Chỉ khi cần dán tay: mở xlwings Lite (thẻ Home), dán toàn bộ main.py vào thẻ main.py, "
               "requirements.txt vào thẻ requirements.txt, rồi lưu sổ.")


# --- Cổng nộp báo cáo (portal/) ---------------------------------------------------------------

@main.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Cổng lắng nghe.")
def serve(data_dir: Path, host: str, port: int) -> None:
    """Chạy cổng nộp báo cáo (Công đoàn điện tử) với dữ liệu trong DATA_DIR."""
    from portal.commands import PortalError, serve as run

    click.echo(f"Cổng nộp báo cáo đang chạy ở http://{host}:{port}/ (dừng: Ctrl+C).")
    try:
        run(data_dir, host, port)
    except PortalError as exc:
        raise click.UsageError(str(exc)) from exc


@main.group("portal")
def portal_group() -> None:
    """Cổng nộp báo cáo: khởi tạo và cấp đường dẫn nộp cho từng đơn vị."""


@portal_group.command("init")
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--registry", "registry", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Danh sách đơn vị (danh-sach-don-vi.xlsx).")
@click.option("--term", default="2023-2028", show_default=True, help="Nhiệm kỳ đang thu báo cáo.")
@click.option("--title", help="Tên kỳ báo cáo hiện cho đơn vị (mặc định: Báo cáo nhiệm kỳ …).")
@click.option("--deadline", type=click.DateTime(["%d/%m/%Y %H:%M", "%d/%m/%Y"]),
              help="Hạn nộp, dạng 30/6/2023 hoặc \"30/6/2023 17:00\" (sửa được trên trang quản trị).")
@click.option("--password-file", type=click.File("r", encoding="utf-8"),
              help="Tệp chứa mật khẩu quản trị (mặc định: hỏi khi chạy).")
@click.option("--database-url", envvar="BAOCAO_DATABASE_URL",
              help="PostgreSQL, dạng postgresql://người-dùng:mật-khẩu@máy:cổng/tên (mặc định: SQLite trong DATA_DIR).")
def portal_init(data_dir: Path, registry: Path, term: str, title: str | None, deadline, password_file,
                database_url: str | None) -> None:
    """Tạo cơ sở dữ liệu, kho tệp và tài khoản quản trị của cổng trong DATA_DIR."""
    from portal.commands import PortalError, init

    if password_file is not None:
        password = password_file.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu quản trị", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    if deadline is not None and deadline.hour == deadline.minute == 0:
        deadline = deadline.replace(hour=23, minute=59)
    try:
        done = init(data_dir, registry, password, database_url, term, title, deadline)
    except PortalError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Đã khởi tạo cổng nộp báo cáo của {done['top']} trong {data_dir} ({done['database']}): "
               f"{done['units']} đơn vị nộp báo cáo, nhiệm kỳ {term}.")
    click.echo(f"Tài khoản quản trị: {done['username']} (mật khẩu đã lưu dạng băm, không in ra).")
    click.echo(f"Tiếp theo: baocao portal links {data_dir} --out duong-dan-nop.xlsx, rồi baocao serve {data_dir}.")


@portal_group.command("links")
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Tệp .xlsx sẽ ghi danh sách đường dẫn.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="Địa chỉ mà các đơn vị dùng để mở cổng.")
def portal_links(data_dir: Path, out: Path, base_url: str) -> None:
    """Cấp đường dẫn nộp riêng cho từng đơn vị và ghi ra tệp Excel (đường dẫn cũ hết hiệu lực)."""
    from portal.commands import PortalError, write_links

    try:
        count = write_links(data_dir, out, base_url)
    except PortalError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Đã cấp {count} đường dẫn nộp mới và ghi vào {out}; các đường dẫn cấp trước đây không còn dùng được.")
    click.echo("Giữ kín tệp này: ai có đường dẫn của đơn vị nào thì nộp được sổ thay đơn vị đó.")


if __name__ == "__main__":
    main(prog_name="baocao")
