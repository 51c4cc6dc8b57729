"""The branch workbook contract: catalogue, layout, formulas, builder, reader and rules.

``addin`` and ``compiler`` depend on this package, never the reverse.

The names below are loaded on first use rather than at import, so the add-in
running in xlwings Lite (which reads the book through xlwings) never loads the
openpyxl file adapters it does not need.
"""

from importlib import import_module

_EXPORTS = {
    "build_workbook": "builder", "template_data": "builder",
    "Catalogue": "catalogue", "CatalogueError": "catalogue", "Indicator": "catalogue", "load_catalogue": "catalogue",
    "BranchData": "model", "Figure": "model", "figures": "model", "rate": "model", "term_value": "model",
    "term_years": "model",
    "BranchWorkbook": "reader", "WorkbookError": "reader", "parse_branch": "reader", "read_workbook": "reader",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
