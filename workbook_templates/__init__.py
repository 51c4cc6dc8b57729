"""The branch workbook contract: catalogue, layout, builder, reader and rules.

``addin`` and ``compiler`` depend on this package, never the reverse.
"""

from .builder import build_workbook, template_data
from .catalogue import Catalogue, CatalogueError, Indicator, load_catalogue
from .model import BranchData, Figure, figures, rate, term_value, term_years
from .reader import BranchWorkbook, WorkbookError, parse_branch, read_workbook

__all__ = [
    "BranchData", "BranchWorkbook", "Catalogue", "CatalogueError", "Figure", "Indicator", "WorkbookError",
    "build_workbook", "figures", "load_catalogue", "parse_branch", "rate", "read_workbook", "template_data",
    "term_value", "term_years",
]
