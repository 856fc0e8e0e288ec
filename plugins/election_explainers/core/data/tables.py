"""Read a spreadsheet (CSV or XLSX) into rows of cells that know where they stand.

Electoral commissions publish results as CSV or Excel files; an import
reports every problem at its place, so each cell keeps its line (the CSV
line where its record starts, or the sheet's row) and its column (1 is A).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import MiB
from .problems import Problem

# A results table is a few kilobytes; a file this big is the wrong file.
MAX_TABLE_BYTES = 20 * MiB
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class Cell:
    value: Any  # str from a CSV; str, int, float, datetime or None from a sheet
    line: int
    column: int
    number_format: str = "General"  # a sheet's display format ("0.00%"): says how a number was shown

    @property
    def ref(self) -> str:
        """The spreadsheet's name for the cell, such as ``C7``."""
        return f"{column_letter(self.column)}{self.line}"

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value).strip()


@dataclass(frozen=True, slots=True)
class Table:
    path: str  # as shown in messages
    rows: list[list[Cell]]

    def problem(self, cell: Cell | None, message: str) -> Problem:
        line, column = (cell.line, cell.column) if cell is not None else (1, 1)
        return Problem(self.path, line, column, "", message)


class TableError(Exception):
    """The file cannot be read as a table at all."""


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(path: Path, shown: str, *, encoding: str = "utf-8-sig", sheet: str | None = None) -> Table:
    """The cells of ``path``: a CSV (any of , ; or tab between cells) or an Excel workbook."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TableError(f"{shown}: cannot read the file ({error.strerror or error})") from None
    if size > MAX_TABLE_BYTES:
        raise TableError(f"{shown}: the file is {size // MiB} MiB; a results table is far smaller")
    if path.suffix.lower() in XLSX_SUFFIXES:
        return Table(shown, _read_xlsx(path, shown, sheet))
    return Table(shown, _read_csv(path.read_bytes(), shown, encoding))


def _read_csv(raw: bytes, shown: str, encoding: str) -> list[list[Cell]]:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TableError(
            f"{shown}:{line}:1: the file is not {encoding} text; save it as CSV UTF-8, "
            "or name its encoding with --encoding (cp1251 for many Russian-language files)"
        ) from None
    except LookupError:
        raise TableError(f"unknown encoding {encoding!r}") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or too little text to tell: commas
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[list[Cell]] = []
    start = 1
    try:
        for record in reader:
            rows.append([Cell(value, start, index) for index, value in enumerate(record, 1)])
            start = reader.line_num + 1
    except csv.Error as error:
        raise TableError(f"{shown}:{reader.line_num}:1: not a readable CSV line ({error})") from None
    return rows


def _read_xlsx(path: Path, shown: str, sheet: str | None) -> list[list[Cell]]:
    from openpyxl import load_workbook  # only an Excel import needs it

    try:
        # data_only: the values a formula last computed, as the commission's reader saw them.
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(f"{shown}: not a readable Excel workbook ({error})") from None
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            raise TableError(f"{shown}: no sheet called {sheet!r}; the sheets are {', '.join(book.sheetnames)}")
        return [
            [Cell(cell.value, cell.row, cell.column, cell.number_format or "General") for cell in row]
            for row in worksheet.iter_rows()
        ]
    finally:
        book.close()
