import re
import secrets
import time
from contextlib import nullcontext
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.audit.services import batch
from portal.errors import DomainError
from portal.exchange.exporting import write_workbook
from portal.exchange.importing import ImportReport, read_workbook
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.uploads import SpreadsheetLimits, check_spreadsheet

#: how many times its size an uploaded workbook may unpack to (XML compresses about tenfold)
MAX_EXPANSION = 100
#: rows in one sheet, cells in one row and different texts an uploaded workbook may have (the widest sheet has 13
#: columns; a million rows is what the command line has been measured with)
MAX_ROWS = 1_100_000
MAX_COLUMNS = 100
MAX_STRINGS = 2_000_000
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
#: uploads waiting for confirmation longer than this are removed
UPLOAD_LIFETIME = 3600


def import_workbook(path, *, dry_run: bool = False, actor=None) -> ImportReport:
    """Validate a portfolio workbook and, unless dry_run or anything is wrong, write it (flushed, not committed)."""
    try:
        with nullcontext() if dry_run else batch("portfolio_workbook", "portfolio workbook"):
            return read_workbook(
                db.session,
                path,
                dry_run=dry_run,
                actor=actor,
                reporting_currency=current_app.config["REPORTING_CURRENCY"],
            )
    except (sa.exc.IntegrityError, sa.exc.DataError) as error:
        raise DomainError(None, _l("The database refused the workbook: %(error)s", error=error.orig)) from error


def export_workbook(target, *, personal_data: bool) -> None:
    """Write the whole portfolio to `target`; without personal_data the participants keep no names or e-mails."""
    write_workbook(db.session, target, personal_data=personal_data)


def upload_limits(max_size: int) -> SpreadsheetLimits:
    """What an uploaded portfolio workbook may be: `max_size` bytes, unpacking to at most MAX_EXPANSION times as
    much, sheets of at most MAX_ROWS rows and MAX_COLUMNS columns."""
    return SpreadsheetLimits(
        max_bytes=max_size,
        max_unpacked=max_size * MAX_EXPANSION,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_strings=MAX_STRINGS,
        kinds=(".xlsx",),
    )


def check_workbook_file(filename: str | None, stream, *, max_size: int) -> str | None:
    """Why an uploaded file cannot be a portfolio workbook (kind, size, what it unpacks to, its shape), or None."""
    return check_spreadsheet(filename, stream, upload_limits(max_size))


def store_upload(folder: Path, stream) -> str:
    """Keep an uploaded workbook until it is confirmed, under a random name; returns its token."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.xlsx"):
        if old.stat().st_mtime < time.time() - UPLOAD_LIFETIME:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    with (folder / f"{token}.xlsx").open("wb") as out:
        stream.seek(0)
        while chunk := stream.read(2**20):
            out.write(chunk)
    return token


def upload_path(folder: Path, token: str | None) -> Path | None:
    """The kept upload for a token, or None; the token never becomes a path unless it is one we made."""
    if not token or not _TOKEN.fullmatch(token):
        return None
    path = folder / f"{token}.xlsx"
    return path if path.is_file() else None


def discard_upload(folder: Path, token: str | None) -> None:
    """Remove a kept upload."""
    path = upload_path(folder, token)
    if path is not None:
        path.unlink(missing_ok=True)
