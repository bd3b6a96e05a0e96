"""The one check of uploaded spreadsheets (security.md S12), made before anything parses them: the kind of file and
whether its bytes are of that kind, its size, and for a workbook what it unpacks to and the shape of its sheets.

The sheets' XML is streamed, not loaded: rows and the cells of each row are counted as they come, and the check
stops at the first limit passed. A small file that unpacks to gigabytes, a row of millions of cells or millions
of shared strings is so refused with a message, and never reaches openpyxl (which keeps a whole row, and every
shared string, in memory). MAX_CONTENT_LENGTH caps the request as a whole (the 413 page)."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from flask_babel import format_number
from flask_babel import lazy_gettext as _l
from lxml import etree

ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class SpreadsheetLimits:
    """How large an upload may be, packed and unpacked, and how many rows and columns a sheet may have."""

    max_bytes: int
    #: the sum of the unpacked sizes of a workbook's parts
    max_unpacked: int
    #: rows in one sheet, the header and blank rows included
    max_rows: int
    #: cells in one row
    max_columns: int
    #: files inside a workbook
    max_parts: int = 1_000
    #: different strings in a workbook (its shared strings)
    max_strings: int | None = None
    kinds: tuple[str, ...] = (".xlsx", ".csv")


def check_spreadsheet(filename: str | None, stream, limits: SpreadsheetLimits):
    """What is wrong with an uploaded spreadsheet (a translatable message), or None when it may be parsed. The
    stream (seekable, binary) is left at its start."""
    try:
        return _check(filename, stream, limits)
    finally:
        stream.seek(0)


def _check(filename, stream, limits):
    if not filename:
        return _l("Choose a file.")
    extension = PurePath(filename).suffix.lower()
    if extension not in limits.kinds:
        return _l("Only these kinds of file are accepted: %(kinds)s.", kinds=", ".join(limits.kinds))
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        return _l("The file is empty.")
    if size > limits.max_bytes:
        return _l("The file is too large: at most %(mb)s MB.", mb=_megabytes(limits.max_bytes))
    head = stream.read(TEXT_SAMPLE)
    stream.seek(0)
    if extension == ".csv":
        return None if _looks_like_text(head) else _l("This file is not a text (CSV) file, whatever its name says.")
    not_a_workbook = _l("This file is not an Excel workbook (.xlsx), whatever its name says.")
    if not head.startswith(ZIP_MAGIC):
        return not_a_workbook
    try:
        with zipfile.ZipFile(stream) as archive:
            return _check_workbook(archive, limits) if "xl/workbook.xml" in archive.namelist() else not_a_workbook
    except (zipfile.BadZipFile, zipfile.LargeZipFile, etree.XMLSyntaxError, EOFError, OSError):
        return not_a_workbook


def _check_workbook(archive: zipfile.ZipFile, limits: SpreadsheetLimits):
    parts = archive.infolist()
    if len(parts) > limits.max_parts:
        return _l("The workbook has too many parts to be a spreadsheet.")
    # zipfile never unpacks more than a part declares, so the declared sizes bound what reading can cost
    if sum(part.file_size for part in parts) > limits.max_unpacked:
        return _l(
            "The workbook unpacks to more than %(mb)s MB: split it or remove what is not needed.",
            mb=_megabytes(limits.max_unpacked),
        )
    for part in parts:
        problem = _check_part(archive, part.filename, limits)
        if problem:
            return problem
    return None


def _check_part(archive: zipfile.ZipFile, name: str, limits: SpreadsheetLimits):
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return _check_sheet(archive, name, limits)
    strings = limits.max_strings
    if (
        name == "xl/sharedStrings.xml"
        and strings is not None
        and _count(archive, name, f"{_MAIN}si", strings) > strings
    ):
        return _l("The workbook holds more than %(n)s different texts.", n=format_number(strings))
    return None


def _elements(archive: zipfile.ZipFile, name: str, tags):
    """The part's elements of these tags, as their ends are read; each is cleared once the caller has seen it."""
    with archive.open(name) as source:
        for _, element in etree.iterparse(
            source, events=("end",), tag=tags, resolve_entities=False, no_network=True, huge_tree=False
        ):
            yield element
            element.clear(keep_tail=False)
            if element.tag == f"{_MAIN}row":
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]


def _check_sheet(archive, name, limits):
    rows = cells = 0
    for element in _elements(archive, name, (f"{_MAIN}c", f"{_MAIN}row")):
        if element.tag == f"{_MAIN}c":
            cells += 1
            if cells > limits.max_columns:
                return _l("A row of the workbook has more than %(n)s cells.", n=format_number(limits.max_columns))
            continue
        rows, cells = rows + 1, 0
        if rows > limits.max_rows:
            return _l("A sheet of the workbook has more than %(n)s rows.", n=format_number(limits.max_rows))
    return None


def _count(archive, name, tag, limit) -> int:
    """How many elements of `tag` the part has, counting no further than one past `limit`."""
    found = 0
    for found, element in enumerate(_elements(archive, name, (tag,)), start=1):
        if found > limit:
            break
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]
    return found


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head or head.startswith(ZIP_MAGIC):
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            return True  # the sample cut a character in two
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
