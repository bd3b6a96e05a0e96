"""A workbook's rows as openpyxl's read-only reader gives them, read by python-calamine (fifteen times faster).

calamine differs from openpyxl in a few ways. An empty cell is empty text, a whole number a float: rows are
evened out here. A formula cell is its last result, an error cell is empty and every number is a double, where
openpyxl gives the formula's text, the error's text and a long whole number's every digit: a sheet holding any of
those (hand-made workbooks; the export writes none) is read by openpyxl itself.

calamine holds a whole sheet in memory, some 80 bytes a cell: a big sheet is read in slices of rows, each a small
workbook of its own in a temporary file, so that a million rows need no more memory than a few thousand."""

import re
import tempfile
import zipfile
from collections.abc import Iterator
from posixpath import dirname, join, normpath

import python_calamine
from lxml import etree
from openpyxl import load_workbook as openpyxl_workbook
from openpyxl.utils.exceptions import InvalidFileException

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
#: a sheet's XML beyond this size is read in slices of about this size (some 100,000 cells)
SLICE_BYTES = 8 * 2**20
_CHUNK = 2**20
#: what calamine reads otherwise than openpyxl: a formula or an error cell, and a number whose whole part may be
#: longer than a double keeps (2**53 has 16 digits); the marks are searched as plain bytes, many times faster
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"', b"t='e'")
_LONG_NUMBER = re.compile(rb"v>\s*-?(?:\d{17}|9\d{15})")
_SHEET_DATA = re.compile(rb"<((?:\w+:)?)sheetData\b[^>]*?(/?)>")
#: a slice keeps its rows' numbers; the sheet's declared size would make calamine reserve room for all of them
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*>")
_EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


class NotAWorkbook(Exception):
    """The file is no .xlsx workbook that can be read."""


class Workbook:
    """An open workbook: its sheet names, and each sheet's rows (tuples, the header first)."""

    def __init__(self, path):
        self.path = path
        self._archive = None
        try:
            self._archive = zipfile.ZipFile(path)
            self._parts = _sheet_parts(self._archive)
            self._calamine = python_calamine.CalamineWorkbook.from_path(str(path))
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError, python_calamine.CalamineError):
            if self._archive is not None:
                self._archive.close()
            raise NotAWorkbook(path) from None
        self.sheetnames = list(self._parts)

    def rows(self, name: str) -> Iterator[tuple]:
        """The sheet's rows from the first, as openpyxl's read-only reader gives their values."""
        part = self._parts[name]
        if self._archive.getinfo(part).file_size <= SLICE_BYTES:
            if _read_otherwise(self._archive.read(part)):
                with open(self.path, "rb") as file:
                    yield from _openpyxl_rows(file, name, 0)
            else:
                yield from _calamine_rows(self._calamine, name, 0)
            return
        done = 0
        with self._archive.open(part) as stream:
            for xml in _slices(stream):
                with tempfile.TemporaryFile() as file:
                    otherwise = _read_otherwise(xml)
                    self._write_slice(file, part, xml)
                    del xml  # it is in the file now
                    file.seek(0)
                    rows = _openpyxl_rows(file, name, done) if otherwise else _calamine_slice(file, name, done)
                    for row in rows:
                        done += 1
                        yield row

    def _write_slice(self, file, part: str, xml: bytes) -> None:
        """A workbook like this one whose sheet `part` holds only these rows and whose other sheets are empty."""
        others = set(self._parts.values()) - {part}
        with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as target:
            for info in self._archive.infolist():
                if info.filename == part:
                    target.writestr(info.filename, xml)
                elif info.filename in others:
                    target.writestr(info.filename, _EMPTY_SHEET)
                else:
                    target.writestr(info.filename, self._archive.read(info))

    def close(self) -> None:
        self._calamine.close()
        self._archive.close()


def load_workbook(path) -> Workbook:
    """Open the .xlsx workbook at `path`; NotAWorkbook when it is none."""
    return Workbook(path)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name and the archive member holding its cells, in the workbook's order."""
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), _XML)
    relations = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), _XML)
    targets = {relation.get("Id"): relation.get("Target", "") for relation in relations.iter(_RELATIONSHIPS)}
    parts = {}
    for sheet in workbook.iter("{*}sheet"):
        target = targets.get(sheet.get(_RELATION_ID), "")
        part = target.lstrip("/") if target.startswith("/") else normpath(join(dirname("xl/workbook.xml"), target))
        if part in archive.NameToInfo:
            parts[sheet.get("name")] = part
    return parts


def _read_otherwise(xml: bytes) -> bool:
    """Whether the sheet's XML holds a cell that calamine reads otherwise than openpyxl."""
    return bool(_LONG_NUMBER.search(xml)) or any(mark in xml for mark in _FORMULA_OR_ERROR)


def _slices(stream) -> Iterator[bytes]:
    """The sheet's XML as sheets of their own holding about SLICE_BYTES of its rows each, cut between rows."""
    head = b""
    while (start := _SHEET_DATA.search(head)) is None:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return
        head += chunk
    prefix, empty = start.groups()
    if empty:
        return
    text, head = head[start.end() :], _DIMENSION.sub(b"", head[: start.end()])
    row_end, data_end = b"</" + prefix + b"row>", b"</" + prefix + b"sheetData>"
    foot = data_end + b"</" + prefix + b"worksheet>"
    exhausted, wanted = False, SLICE_BYTES
    while True:
        chunks, size = [text], len(text)
        while not exhausted and size < wanted:
            chunk = stream.read(_CHUNK)
            exhausted = not chunk
            chunks.append(chunk)
            size += len(chunk)
        text = b"".join(chunks)
        del chunks
        end = text.find(data_end)
        if end >= 0:
            text, exhausted = text[:end], True
        cut = text.rfind(row_end, 0, SLICE_BYTES)
        if cut < 0:
            cut = text.find(row_end)
        if exhausted and (cut < 0 or len(text) <= SLICE_BYTES):
            yield b"".join((head, text, foot))
            return
        if cut < 0:
            # a row longer than a slice: read on to its end
            wanted = size + _CHUNK
            continue
        cut += len(row_end)
        # popped as it is yielded: the reader may let go of the slice while it reads the rows in it
        piece = [b"".join((head, memoryview(text)[:cut], foot))]
        text, wanted = text[cut:], SLICE_BYTES
        yield piece.pop()


def _calamine_rows(workbook, name: str, done: int) -> Iterator[tuple]:
    """calamine's rows as openpyxl's, `done` rows of the sheet being read already: empty cells None, whole numbers
    int, and the rows and columns before the data."""
    sheet = workbook.get_sheet_by_name(name)
    if sheet.start is None:
        return
    top, left = sheet.start
    yield from ((),) * (top - done)
    before = (None,) * left
    for row in sheet.to_python():
        yield before + tuple(
            None if value == "" else int(value) if type(value) is float and value.is_integer() else value
            for value in row
        )


def _calamine_slice(file, name: str, done: int) -> Iterator[tuple]:
    with python_calamine.CalamineWorkbook.from_filelike(file) as workbook:
        yield from _calamine_rows(workbook, name, done)


def _openpyxl_rows(file, name: str, done: int) -> Iterator[tuple]:
    """openpyxl's rows of the sheet in the workbook `file` (binary), `done` rows of it being read already."""
    try:
        workbook = openpyxl_workbook(file, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise NotAWorkbook(file) from error
    try:
        worksheet = workbook[name]
        worksheet.reset_dimensions()
        yield from worksheet.iter_rows(min_row=done + 1, values_only=True)
    finally:
        workbook.close()
