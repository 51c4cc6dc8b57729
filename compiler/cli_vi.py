"""Vietnamese for Click's own words: usage line, section titles, help option, errors.

Click prints its scaffolding ("Usage:", "Options:", "Error: Missing option …")
through gettext, which follows the machine's locale; officers' machines rarely
run a Vietnamese one, and every word the product prints must be Vietnamese.
The ``baocao`` group uses these classes, so every subcommand inherits them.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import click

SECTIONS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}
USAGE_WORDS = (("[OPTIONS]", "[TÙY CHỌN]"), ("COMMAND [ARGS]...", "LỆNH [THAM SỐ]..."))
HELP_MARKS = (("[required]", "[bắt buộc]"), ("[default: ", "[mặc định: "))
HELP_OPTION_TEXT = "Hiện hướng dẫn này rồi thoát."

# Messages of Click's parameter types and parser, as (pattern, Vietnamese).
MESSAGES = (
    (r"(?:File|Directory|Path) '(.+)' does not exist\.", "không có tệp hoặc thư mục '{0}'."),
    (r"(?:File|Directory|Path) '(.+)' is a directory\.", "'{0}' là thư mục, cần một tệp."),
    (r"(?:File|Directory|Path) '(.+)' is a file\.", "'{0}' là tệp, cần một thư mục."),
    (r"'(.+)' is not a valid integer(?: range)?\.", "'{0}' không phải số nguyên."),
    (r"'?(.+?)'? is not in the range (.+)\.", "{0} nằm ngoài khoảng cho phép ({1})."),
    (r"'(.+)' is not one of (.+)\.", "'{0}' không thuộc các giá trị {1}."),
    (r"'(.+)' does not match the formats? (.+)\.", "'{0}' không đúng dạng ngày, ví dụ 20/6/2023."),
    (r"No such command '(.+)'\.", "không có lệnh '{0}'."),
    (r"Got unexpected extra arguments? \((.+)\)", "thừa tham số: {0}."),
    (r"Option '(.+)' requires an argument\.", "tùy chọn {0} cần một giá trị."),
)


class VietnameseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, vietnamese in USAGE_WORDS:
            args = args.replace(english, vietnamese)
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def section(self, name: str):
        return super().section(SECTIONS.get(name, name))

    def write_dl(self, rows, *args: Any, **kwargs: Any) -> None:
        super().write_dl([(term, _replace_all(text, HELP_MARKS)) for term, text in rows], *args, **kwargs)


class VietnameseContext(click.Context):
    formatter_class = VietnameseFormatter


class VietnameseCommand(click.Command):
    context_class = VietnameseContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class VietnameseGroup(VietnameseCommand, click.Group):
    """The ``baocao`` group: its subcommands and subgroups are Vietnamese too."""

    command_class = VietnameseCommand
    group_class = type  # subgroups are VietnameseGroup as well

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        if not extra.pop("standalone_mode", True):
            return super().main(args, prog_name, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                click.echo(f"Xem hướng dẫn: {exc.ctx.command_path} --help", err=True)
            click.echo(f"\nLỗi: {vietnamese_message(exc)}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Lỗi: {vietnamese_message(exc)}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Đã dừng.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def vietnamese_message(exc: click.ClickException) -> str:
    """The exception's message in Vietnamese (our own messages pass through unchanged)."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        what = "tùy chọn" if isinstance(exc.param, click.Option) else "tham số"
        return f"thiếu {what} {_param_name(exc.param)}."
    if isinstance(exc, click.NoSuchOption):
        hint = f" Có phải là {', '.join(exc.possibilities)}?" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}.{hint}"
    text = exc.format_message()
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return f"giá trị của {_param_name(exc.param)} không hợp lệ: {_translate(exc.message)}"
    return _translate(text)


def _param_name(param: click.Parameter) -> str:
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


def _translate(message: str) -> str:
    for pattern, vietnamese in MESSAGES:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return vietnamese.format(*match.groups())
    return message


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for english, vietnamese in pairs:
        text = text.replace(english, vietnamese)
    return text
