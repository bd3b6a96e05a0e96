"""Reading the portfolio workbook: a streaming validation pass, then (if nothing is wrong) a streaming write pass.

Rows are read with openpyxl's read-only reader and handled in batches. What stays in memory across rows is one
small entry per identity (to find duplicates and dangling references), never the rows: the valid ones wait in a
temporary file, batch by batch, for the write pass."""

import itertools
import pickle
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import sqlalchemy as sa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from portal.audit.services import current_batch
from portal.db import utcnow
from portal.exchange import store
from portal.exchange.sheets import REFERENCED, SHEETS, SHEETS_BY_NAME, CellError, Sheet, _text
from portal.i18n import lazy_gettext as _l

BATCH = 5000
#: batches written between two refreshes of the table's planner statistics (PostgreSQL)
ANALYZE_EVERY = 20
#: problems kept for the report; beyond this they are only counted
MAX_PROBLEMS = 10_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning), at a place as Excel shows it: sheet, row, column."""

    sheet: str | None
    row: int | None
    column: str | None
    message: object

    def __str__(self):
        place = ", ".join(str(part) for part in (self.sheet, self.row, self.column) if part is not None)
        return f"{place}: {self.message}" if place else str(self.message)


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    #: True once the workbook's rows were written to the session
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


def read_workbook(session, path, *, dry_run: bool, actor, reporting_currency: str) -> ImportReport:
    """Validate every sheet and row; unless dry_run or something is wrong, write them all (flush only)."""
    report = ImportReport()
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        report.add(Problem(None, None, None, _l("The file is not an Excel workbook (.xlsx).")))
        return report
    # the valid rows wait on disk between the passes: the workbook's XML is parsed only once
    spools: dict = {}
    try:
        for name in workbook.sheetnames:
            if name not in SHEETS_BY_NAME:
                report.warnings.append(Problem(name, None, None, _l("unknown sheet, ignored")))
        _Pass(session, report, actor=actor, reporting_currency=reporting_currency).validate(
            workbook, None if dry_run else spools
        )
        if report.ok and not dry_run:
            report.counts = {}
            _Pass(session, report, actor=actor, reporting_currency=reporting_currency, writing=True).write(spools)
            report.written = True
    finally:
        workbook.close()
        for spool in spools.values():
            spool.close()
    return report


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Pass:
    """One pass, sheet by sheet in dependency order: validating the workbook, or writing the validated rows."""

    def __init__(self, session, report, *, actor, reporting_currency, writing=False):
        self.session = session
        self.report = report
        self.actor = actor
        self.reporting_currency = reporting_currency
        self.writing = writing
        #: referenced sheet -> identity -> id (negative for rows only in the workbook, while validating)
        self.ids: dict[str, dict] = {}
        self.rates: set[tuple[str, int]] = set()
        #: (currency, year) -> where it is first used
        self.needed_rates: dict[tuple[str, int], tuple[str, int, str]] = {}
        self.spool = None

    def validate(self, workbook, spools: dict | None) -> None:
        """Check every row; keep the valid ones, in batches, in `spools` (one temporary file per sheet)."""
        model = SHEETS_BY_NAME["exchange_rates"].model
        self.rates = {
            (currency, year) for currency, year in self.session.execute(sa.select(model.currency, model.year))
        }
        for sheet in SHEETS:
            if sheet.name in REFERENCED:
                self.ids[sheet.name] = store.identities(self.session, sheet)
            if sheet.name in workbook.sheetnames:
                if spools is not None:
                    self.spool = spools[sheet.name] = tempfile.TemporaryFile()  # noqa: SIM115 - read_workbook closes it
                self._sheet(sheet, workbook[sheet.name])
        self._warn_missing_rates()

    def write(self, spools: dict) -> None:
        """Create and update the rows that validate() kept."""
        for sheet in SHEETS:
            spool = spools.get(sheet.name)
            if spool is not None:
                counts = self.report.counts.setdefault(sheet.name, SheetCounts())
                spool.seek(0)
                for number in itertools.count(1):
                    try:
                        batch = pickle.load(spool)  # noqa: S301 - our own temporary file, written above
                    except EOFError:
                        break
                    self._batch(sheet, batch, counts)
                    if number % ANALYZE_EVERY == 0:
                        self._refresh_statistics(sheet)
            if sheet.name in REFERENCED:
                self.ids[sheet.name] = store.identities(self.session, sheet)

    def _refresh_statistics(self, sheet: Sheet) -> None:
        # The whole import is one transaction, so PostgreSQL's planner would go on believing that a table it saw
        # empty is still empty and scan it for every batch's lookup; ANALYZE counts this transaction's own rows.
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(sa.text(f"ANALYZE {sheet.model.__table__.name}"))

    def _warn_missing_rates(self) -> None:
        for (currency, year), (sheet, row, column) in sorted(self.needed_rates.items(), key=lambda item: item[0]):
            if currency != self.reporting_currency and (currency, year) not in self.rates:
                self.report.warnings.append(
                    Problem(
                        sheet,
                        row,
                        column,
                        _l(
                            "no exchange rate for %(currency)s in %(year)s: the reports cannot convert this amount",
                            currency=currency,
                            year=year,
                        ),
                    )
                )

    def _problem(self, sheet: Sheet, row: int, column: str, message) -> None:
        self.report.add(Problem(sheet.name, row, column, message))

    def _header(self, sheet: Sheet, header) -> tuple[dict[str, int], set[str], set[int]]:
        index, unnamed = {}, set()
        for position, raw in enumerate(header):
            name = _text(raw)
            if name is None:
                unnamed.add(position)
            elif name not in {column.name for column in sheet.columns}:
                self._problem(sheet, 1, name, _l("unknown column"))
            elif name in index:
                self._problem(sheet, 1, name, _l("the column appears twice"))
            else:
                index[name] = position
        missing = {column.name for column in sheet.columns if column.name not in index}
        for column in sheet.columns:
            if column.required and column.name in missing:
                self._problem(sheet, 1, column.name, _l("required column is missing"))
        return index, missing, unnamed

    def _sheet(self, sheet: Sheet, worksheet) -> None:
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        index, missing, unnamed = self._header(sheet, header)
        counts = self.report.counts.setdefault(sheet.name, SheetCounts())
        rule = sheet.rule and sheet.rule(self.session, self.ids, partial(store.existing_rows, self.session, sheet))
        seen: set = set()
        batch = []
        for number, row in enumerate(rows, start=2):
            if all(_blank(value) for value in row):
                continue
            values, errors = self._parse(sheet, row, index, missing)
            errors += self._stray_cells(row, unnamed, len(header))
            errors += self._check_identity(sheet, values, errors, seen)
            errors += self._check_references(sheet, values, errors)
            if rule and not errors:
                errors += rule(values)
            if not errors:
                self._note_rates(sheet, number, values)
            if errors:
                counts.rejected += 1
                for column, message in errors:
                    self._problem(sheet, number, column, message)
                continue
            batch.append(values)
            if len(batch) >= BATCH:
                self._batch(sheet, batch, counts)
                batch = []
        if batch:
            self._batch(sheet, batch, counts)

    def _parse(self, sheet: Sheet, row, index, missing):
        values, errors = {}, []
        for column in sheet.columns:
            position = index.get(column.name)
            raw = row[position] if position is not None and position < len(row) else None
            try:
                value = column.kind.parse(raw)
            except CellError as error:
                errors.append((column.name, error.message))
                values[column.name] = None
                continue
            if column.required and value in (None, ()) and column.name not in missing:
                errors.append((column.name, _l("a value is required")))
            values[column.name] = value
        if sheet.check and not errors:
            errors += sheet.check(values)
        return values, errors

    @staticmethod
    def _stray_cells(row, unnamed, width):
        return [
            (get_column_letter(position + 1), _l("a value in a column without a name"))
            for position in (*unnamed, *range(width, len(row)))
            if position < len(row) and not _blank(row[position])
        ]

    def _check_identity(self, sheet: Sheet, values, errors, seen) -> list:
        """Note the row's identity; a second row with the same identity breaks the sheet's `duplicate` rule."""
        failed = {name for name, _ in errors}
        if failed & set(sheet.identity) or any(values[name] is None for name in sheet.identity):
            return []
        if sheet.name in REFERENCED:
            known = self.ids[sheet.name]
            known.setdefault(values[sheet.identity[0]], -1 - len(known))
        parts = []
        for name in sheet.identity:
            target = sheet.column(name).target
            parts.append(self.ids[target].get(values[name]) if target else values[name])
        if any(part is None for part in parts):
            return []
        # two integer parts (ids, years) are folded into one integer: a million pairs stay small in memory
        key = parts[0] * 2**40 + parts[1] if len(parts) == 2 and all(type(p) is int for p in parts) else tuple(parts)
        if key in seen:
            if sheet.duplicate is not None:
                return sheet.duplicate(values)
            return [
                (
                    sheet.identity[-1],
                    _l("the same %(identity)s appears on an earlier row", identity=" + ".join(sheet.identity)),
                )
            ]
        seen.add(key)
        return []

    def _check_references(self, sheet: Sheet, values, errors) -> list:
        failed = {name for name, _ in errors}
        problems = []
        for column in sheet.columns:
            if not column.target or column.name in failed or values[column.name] in (None, ()):
                continue
            known = self.ids[column.target]
            items = values[column.name] if column.is_list else (values[column.name],)
            unknown = [item for item in items if item not in known]
            if unknown:
                problems.append(
                    (
                        column.name,
                        _l(
                            "%(values)s: not in the %(sheet)s sheet nor in the database",
                            values="; ".join(unknown),
                            sheet=column.target,
                        ),
                    )
                )
        return problems

    def _note_rates(self, sheet: Sheet, number: int, values) -> None:
        if sheet.name == "exchange_rates":
            self.rates.add((values["currency"], values["year"]))
        if sheet.rate:
            currency_column, when_column = sheet.rate
            when = values[when_column]
            year = when.year if isinstance(when, date) else when
            self.needed_rates.setdefault((values[currency_column], year), (sheet.name, number, currency_column))

    def _batch(self, sheet: Sheet, batch: list[dict], counts: SheetCounts) -> None:
        """Compare a batch of valid rows with the database; when writing, create and update them."""
        keys = {tuple(values[name] for name in sheet.identity) for values in batch}
        existing = store.existing_rows(self.session, sheet, keys)
        creations, updates = [], []
        for values in batch:
            old = existing.get(tuple(values[name] for name in sheet.identity))
            if old is None:
                counts.created += 1
                creations.append(values)
                continue
            changed = [column for column in sheet.columns if values[column.name] != old[column.name]]
            if changed:
                counts.updated += 1
                updates.append((old["id"], values, changed))
            else:
                counts.unchanged += 1
        if self.spool is not None and self.report.ok:
            pickle.dump(batch, self.spool, protocol=pickle.HIGHEST_PROTOCOL)
        if self.writing:
            related = self._related(sheet, creations + [values for _, values, _ in updates])
            self._create(sheet, creations, related)
            self._update(sheet, updates, related)
            self.session.flush()

    def _related(self, sheet: Sheet, rows: list[dict]) -> dict:
        """The objects that the rows' list-of-reference columns point to, loaded at once."""
        related = {}
        for column in sheet.columns:
            if column.is_list and column.target:
                ids = {self.ids[column.target][item] for values in rows for item in values[column.name]}
                model = SHEETS_BY_NAME[column.target].model
                objects = self.session.scalars(sa.select(model).where(model.id.in_(ids))).all() if ids else []
                related[column.name] = {obj.id: obj for obj in objects}
        return related

    def _fields(self, sheet: Sheet, values, columns) -> dict:
        fields = {}
        for column in columns:
            if column.is_list:
                continue
            value = values[column.name]
            fields[column.attr] = self.ids[column.target][value] if column.target and value is not None else value
        return fields

    def _list(self, column, values, related):
        if column.target:
            return [related[column.name][self.ids[column.target][item]] for item in values[column.name]]
        return list(values[column.name])

    def _create(self, sheet: Sheet, creations: list[dict], related) -> None:
        if not creations:
            return
        if sheet.bulk:
            rows = []
            for values in creations:
                fields = self._fields(sheet, values, sheet.columns)
                if sheet.stamp:
                    fields.update(sheet.stamp(fields, self.actor, creating=True))
                rows.append(fields)
            ids = self.session.execute(sa.insert(sheet.model).returning(sheet.model.id), rows).scalars().all()
            log = current_batch(self.session)
            if log is not None:
                log.add(sheet.model.__name__, ids)
            return
        for values in creations:
            fields = self._fields(sheet, values, sheet.columns)
            if sheet.stamp:
                fields.update(sheet.stamp(fields, self.actor, creating=True))
            obj = sheet.model(**fields)
            for column in sheet.columns:
                if column.is_list:
                    setattr(obj, column.attr, self._list(column, values, related))
            self.session.add(obj)

    def _update(self, sheet: Sheet, updates: list[tuple], related) -> None:
        if not updates:
            return
        model = sheet.model
        objects = {
            obj.id: obj
            for obj in self.session.scalars(sa.select(model).where(model.id.in_([ident for ident, _, _ in updates])))
        }
        for ident, values, changed in updates:
            obj = objects[ident]
            fields = self._fields(sheet, values, changed)
            if sheet.stamp:
                fields.update(sheet.stamp(fields, self.actor, creating=False))
            for attr, value in fields.items():
                setattr(obj, attr, value)
            lists = [column for column in changed if column.is_list]
            for column in lists:
                setattr(obj, column.attr, self._list(column, values, related))
            if lists and not fields:
                # a change of list items alone is still a change of the row: its version goes up
                obj.updated_at = utcnow()
