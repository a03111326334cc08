"""The report and the workbook. Importing reportlab defers what a report rarely needs
(PIL, two costly patterns): see `pdf_imports`."""

from .pdf_imports import defer

defer()
