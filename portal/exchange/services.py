import hashlib
import re
import secrets
import time
import zipfile
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from portal.audit.services import batch
from portal.db import utcnow
from portal.errors import DomainError
from portal.exchange.exporting import exported_rows, write_workbook
from portal.exchange.iati import portfolio_activities
from portal.exchange.importing import ImportReport, read_workbook
from portal.exchange.models import IatiPublication
from portal.exchange.queries import publication_folder
from portal.exchange.sheets import SHEETS_BY_NAME
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


def import_workbook(path, *, dry_run: bool = False, actor=None, progress=None) -> ImportReport:
    """Validate a portfolio workbook and, unless dry_run or anything is wrong, write it (flushed, not committed);
    `progress(sheet, rows_read, rows_written)` hears how far it got."""
    try:
        with nullcontext() if dry_run else batch("portfolio_workbook", "portfolio workbook"):
            return read_workbook(
                db.session,
                path,
                dry_run=dry_run,
                actor=actor,
                reporting_currency=current_app.config["REPORTING_CURRENCY"],
                progress=progress,
            )
    except (sa.exc.IntegrityError, sa.exc.DataError) as error:
        raise DomainError(None, _l("The database refused the workbook: %(error)s", error=error.orig)) from error


def report_json(report: ImportReport) -> dict:
    """A check's or import's report as JSON for its job, its messages written in the current language."""
    return {
        "ok": report.ok,
        "counts": {sheet: asdict(counts) for sheet, counts in report.counts.items()},
        "created": sum(counts.created for counts in report.counts.values()),
        "updated": sum(counts.updated for counts in report.counts.values()),
        "problems": [str(problem) for problem in report.problems],
        "problem_count": report.problem_count,
        "warnings": [str(warning) for warning in report.warnings],
    }


def workbook_rows(path) -> int | None:
    """How many rows the portfolio sheets of a workbook have, as its sheets declare it (None if they do not)."""
    try:
        workbook = load_workbook(path, read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return None
    try:
        sizes = [workbook[name].max_row for name in workbook.sheetnames if name in SHEETS_BY_NAME]
    finally:
        workbook.close()
    if any(size is None for size in sizes):
        return None
    return sum(max(size - 1, 0) for size in sizes)


def export_workbook(target, *, personal_data: bool, progress=None) -> None:
    """Write the whole portfolio to `target`; without personal_data the participants keep no names or e-mails.
    `progress` hears each sheet's rows written so far; export_rows gives their total."""
    write_workbook(db.session, target, personal_data=personal_data, progress=progress)


def export_rows(*, personal_data: bool) -> int:
    """How many rows export_workbook writes."""
    return exported_rows(db.session, personal_data=personal_data)


def upload_folder() -> Path:
    """Where uploaded workbooks wait to be checked and imported: EXCHANGE_UPLOAD_FOLDER, else the instance's."""
    return Path(current_app.config.get("EXCHANGE_UPLOAD_FOLDER") or Path(current_app.instance_path) / "exchange")


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


def publish_iati(actor) -> IatiPublication:
    """Publish the projects marked for IATI as a new dated file in the publication folder, which the public
    addresses serve from now on (flushed, not committed); raises ReportingOrgMissing or MissingRate as the export
    does. A file whose record rolls back is never served."""
    xml = portfolio_activities(published_only=True)
    folder = publication_folder()
    folder.mkdir(parents=True, exist_ok=True)
    published_at = utcnow()
    name = f"iati-activities-{published_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}.xml"
    partial = folder / f".{name}.part"
    partial.write_bytes(xml)
    partial.replace(folder / name)
    publication = IatiPublication(
        published_at=published_at,
        published_by_id=actor.id if actor is not None else None,
        activities=xml.count(b"<iati-activity "),
        size=len(xml),
        sha256=hashlib.sha256(xml).hexdigest(),
        file_name=name,
    )
    db.session.add(publication)
    db.session.flush()
    return publication
