"""A rich progress bar for ``baocao compile``, on a terminal only.

When the output is not a terminal (a pipe, a log file, the tests) nothing is
drawn. The bar starts at the first report of progress, that is after the
reading processes exist, so no process is forked while its thread runs.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from .pipeline import Progress

PHASES = {"doc": "Đọc và kiểm tra sổ báo cáo", "ghi": "Ghi sổ tổng hợp và báo cáo"}


@contextmanager
def progress_bar() -> Iterator[Progress | None]:
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
              console=Console(stderr=True), transient=True)
    tasks: dict[str, int] = {}

    def update(phase: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()
        if phase not in tasks:
            tasks[phase] = bar.add_task(PHASES[phase], total=total)
        bar.update(tasks[phase], completed=done, total=total)

    try:
        yield update
    finally:
        if tasks:
            bar.stop()
