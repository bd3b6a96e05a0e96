"""Checks on uploaded files (security.md S12): allowed extensions, contents that match them, a size limit.
The request as a whole is capped by MAX_CONTENT_LENGTH (413 page); check_upload() gives a message for a form."""

from pathlib import PurePath

from flask import current_app
from flask_babel import lazy_gettext as _l

#: what the first bytes of each accepted type must be; CSV is checked as text instead
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024


def _size(file_storage) -> int:
    stream = file_storage.stream
    position = stream.tell()
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(position)
    return size


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
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


def check_upload(file_storage, allowed=(".xlsx", ".csv"), max_bytes: int | None = None):
    """What is wrong with an uploaded file (a translatable message), or None when it may be read."""
    if file_storage is None or not file_storage.filename:
        return _l("Choose a file.")
    extension = PurePath(file_storage.filename).suffix.lower()
    if extension not in allowed:
        return _l("Only these kinds of file are accepted: %(kinds)s.", kinds=", ".join(allowed))
    limit = max_bytes or current_app.config["MAX_CONTENT_LENGTH"]
    size = _size(file_storage)
    if size > limit:
        return _l("The file is too large: at most %(mb)s MB.", mb=round(limit / 1024 / 1024, 1))
    if size == 0:
        return _l("The file is empty.")
    position = file_storage.stream.tell()
    head = file_storage.stream.read(TEXT_SAMPLE)
    file_storage.stream.seek(position)
    if extension == ".xlsx" and not head.startswith(ZIP_MAGIC):
        return _l("This file is not an Excel workbook (.xlsx), whatever its name says.")
    if extension == ".csv" and not _looks_like_text(head):
        return _l("This file is not a text (CSV) file, whatever its name says.")
    return None
