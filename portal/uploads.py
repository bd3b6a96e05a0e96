"""The one check of uploaded spreadsheets (security.md S12), made before anything parses them: the kind of file and
whether its bytes are of that kind, its size, and for a workbook what it unpacks to and the shape of its sheets.

The parts' XML is streamed, not loaded: a sheet's declared dimension is checked first, then its rows and the cells
of each row are counted as they come, and the check stops at the first limit passed. A small file that unpacks to
gigabytes, a row of millions of cells or millions of shared strings is so refused with a message, and never
reaches openpyxl (which keeps a whole row, and every shared string, in memory); so is a part that is not
well-formed XML or declares a document type (entity expansion, external entities: spreadsheets have no DTD).
MAX_CONTENT_LENGTH caps the request as a whole (the 413 page)."""

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from flask_babel import format_number
from lxml import etree
from openpyxl.utils.cell import range_boundaries

from portal.i18n import lazy_gettext as _l

ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024
#: how much of an XML part is read to find a document type declaration before parsing it
PROLOG = 4096
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
    except _Refused as refused:
        return refused.message
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
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


class _Refused(Exception):
    """A part of the workbook is refused; `message` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _check_part(archive: zipfile.ZipFile, name: str, limits: SpreadsheetLimits):
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return _check_sheet(archive, name, limits)
    if name == "xl/sharedStrings.xml" and limits.max_strings is not None:
        if _count(archive, name, f"{_MAIN}si", limits.max_strings) > limits.max_strings:
            return _l("The workbook holds more than %(n)s different texts.", n=format_number(limits.max_strings))
    elif name.endswith((".xml", ".rels", ".vml")):
        for _ in _elements(archive, name, None):
            pass
    return None


def _elements(archive: zipfile.ZipFile, name: str, tags):
    """The part's elements of these tags (None: all), as their ends are read; each is cleared once the caller has
    seen it. _Refused when the part is not well-formed XML or declares a document type."""
    with archive.open(name) as source:
        if b"<!DOCTYPE" in source.read(PROLOG):
            raise _Refused(_l("The workbook's part %(part)s declares a document type.", part=name))
    with archive.open(name) as source:
        parsed = etree.iterparse(
            source, events=("end",), tag=tags, resolve_entities=False, no_network=True, load_dtd=False
        )
        try:
            for number, (_, element) in enumerate(parsed):
                if number == 0:
                    info = element.getroottree().docinfo
                    if info.doctype or info.internalDTD is not None:
                        raise _Refused(_l("The workbook's part %(part)s declares a document type.", part=name))
                yield element
                element.clear(keep_tail=False)
                if element.tag in (f"{_MAIN}row", f"{_MAIN}si"):
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError:
            raise _Refused(_l("The workbook is damaged: its part %(part)s cannot be read.", part=name)) from None


def _check_sheet(archive, name, limits):
    too_many_rows = _l("A sheet of the workbook has more than %(n)s rows.", n=format_number(limits.max_rows))
    too_many_cells = _l("A row of the workbook has more than %(n)s cells.", n=format_number(limits.max_columns))
    rows = cells = 0
    for element in _elements(archive, name, (f"{_MAIN}dimension", f"{_MAIN}c", f"{_MAIN}row")):
        if element.tag == f"{_MAIN}c":
            cells += 1
            if cells > limits.max_columns:
                return too_many_cells
        elif element.tag == f"{_MAIN}row":
            rows, cells = rows + 1, 0
            if rows > limits.max_rows:
                return too_many_rows
        else:
            # what the sheet says of itself comes first: a sheet declared a million rows long is refused at once
            try:
                _, _, last_column, last_row = range_boundaries(element.get("ref", ""))
            except (ValueError, TypeError):
                continue
            if last_row is not None and last_row > limits.max_rows:
                return too_many_rows
            if last_column is not None and last_column > limits.max_columns:
                return too_many_cells
    return None


def _count(archive, name, tag, limit) -> int:
    """How many elements of `tag` the part has, counting no further than one past `limit`."""
    found = 0
    for found, _ in enumerate(_elements(archive, name, (tag,)), start=1):
        if found > limit:
            break
    return found


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}"


def decode_text(content: bytes) -> str | None:
    """A text file's content: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text"), or else
    Windows-1252 (Latin-1 as Windows writes it); None when it is none of these."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_like_text(head: bytes) -> bool:
    """Not a binary file: a UTF-16 byte-order mark, or no NUL byte (its encoding is the reader's to judge)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return b"\x00" not in head and not head.startswith(ZIP_MAGIC)
