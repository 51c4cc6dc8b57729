"""Template filters writing figures the Vietnamese way, with the report's own formatter."""

from django import template

from compiler.report.vn_format import so as vn_number

register = template.Library()


@register.filter
def so(value):
    """3120 -> 3.120; text (a number typed as words) is shown as typed; blank -> –."""
    if value is None or value == "":
        return "–"
    return vn_number(value) if isinstance(value, (int, float)) else value
