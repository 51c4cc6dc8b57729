"""What ``baocao compile`` prints at the end, in Vietnamese. Pure."""

from __future__ import annotations

from .completeness import ATTENTION, STATUS_DATA_ERRORS, STATUSES
from .pipeline import CompileResult
from .report.vn_format import so

#: Files listed one by one under "Cần xem lại" before "và N mục khác".
LIST_LIMIT = 20


def summary_lines(result: CompileResult) -> list[str]:
    comp = result.completeness
    lines = [f"Đã đọc {so(result.files)} tệp sổ báo cáo của {result.top.name}, nhiệm kỳ {result.term}, "
             f"kỳ báo cáo {result.period.label}.", "Tình hình nộp:"]
    counts, nested = comp.counts, comp.nested
    for status in STATUSES:
        if counts[status] or nested[status]:
            line = f"  {status}: {so(counts[status])}"
            if nested[status]:
                line += f" (trong các sổ tổng hợp cấp dưới: {so(nested[status])})"
            if status == STATUS_DATA_ERRORS:
                line += (" — vẫn đưa vào tổng hợp (--include-errors)" if comp.include_errors else
                         " — không đưa vào tổng hợp; dùng --include-errors để đưa vào")
            lines.append(line)
    lines.append(f"Số công đoàn cơ sở có số liệu trong tổng hợp: {so(comp.unit_count)}/{so(result.expected_units)}.")
    lines.append(f"Sổ số liệu riêng của {result.top.name}: {result.own} (chỉ tiêu Nghị quyết, công việc và nội dung "
                 "riêng; không cộng vào số của các công đoàn cơ sở)." if result.own else
                 f"Không có sổ số liệu riêng của {result.top.name} (mã {result.top.code}, cấp “Công đoàn cấp trên”): "
                 "sổ tổng hợp không có chỉ tiêu Nghị quyết.")
    attention = [r for r in comp.rows if r.status in ATTENTION]
    if attention:
        lines.append("Cần xem lại:")
        for r in attention[:LIST_LIMIT]:
            who = " ".join(filter(None, (r.unit_code, f"({r.entry.path})" if r.entry else "")))
            lines.append(f"  - {who}: {r.status}. {r.note}".rstrip())
        if len(attention) > LIST_LIMIT:
            lines.append(f"  … và {so(len(attention) - LIST_LIMIT)} mục khác: xem trang Tình hình nộp.")
    lines.append("Kết quả:")
    lines.append(f"  - Sổ tổng hợp: {result.consolidated}")
    if result.report is not None:
        pdf = result.report.with_suffix(".pdf")
        lines.append(f"  - Báo cáo: {result.report}" + (f" (và {pdf})" if pdf.exists() else ""))
    if result.report_error:
        lines.append(f"  - Chưa viết được báo cáo: {result.report_error}")
    if result.removed:
        lines.append(f"  - Đã xóa {', '.join(result.removed)} của lần tổng hợp trước vì không còn khớp với sổ "
                     "tổng hợp mới.")
    if result.other_reports:
        lines.append(f"  - Lưu ý: {', '.join(result.other_reports)} lập từ sổ tổng hợp trước, có thể không khớp "
                     "với sổ mới; lập lại bằng lệnh baocao report nếu cần.")
    return lines
