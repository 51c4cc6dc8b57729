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

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="baocao-congdoan", message="baocao %(version)s")
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
def template(out: Path, unit_code: str, unit_name: str, parent: str, term: str) -> None:
    """Tạo sổ báo cáo trống cho một công đoàn cơ sở."""
    try:
        data = template_data(unit_code, unit_name, parent, term)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    build_workbook(out, data)
    click.echo(f"Đã tạo sổ báo cáo {out} (nhiệm kỳ {term}, các năm {data.years[0]}–{data.years[-1]}).")


if __name__ == "__main__":
    sys.exit(main())
