"""Reading the portfolio workbook: a streaming validation pass, then (if nothing is wrong) a streaming write pass.

Rows are read with python-calamine (portal.exchange.reading) and handled in batches. What stays in memory across
rows is one small entry per identity that the workbook names (to find duplicates and dangling references), never the
rows, nor the database's identities that the workbook does not name: each batch looks up those it names. The valid
rows wait in a temporary file, batch by batch, for the write pass."""

import itertools
import pickle
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import sqlalchemy as sa
from openpyxl.utils import get_column_letter
from sqlalchemy.orm.exc import StaleDataError

from portal.audit.services import current_batch, record_updates
from portal.db import utcnow
from portal.exchange import store
from portal.exchange.reading import NotAWorkbook, load_workbook
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


def read_workbook(session, path, *, dry_run: bool, actor, reporting_currency: str, progress=None) -> ImportReport:
    """Validate every sheet and row; unless dry_run or something is wrong, write them all (flush only).
    `progress(sheet, rows_read, rows_written)` is called after every batch of rows and at each sheet's end."""
    report = ImportReport()
    try:
        workbook = load_workbook(path)
    except NotAWorkbook:
        report.add(Problem(None, None, None, _l("The file is not an Excel workbook (.xlsx).")))
        return report
    # the valid rows wait on disk between the passes: the workbook's XML is parsed only once
    spools: dict = {}
    try:
        for name in workbook.sheetnames:
            if name not in SHEETS_BY_NAME:
                report.warnings.append(Problem(name, None, None, _l("unknown sheet, ignored")))
        _Pass(session, report, actor=actor, reporting_currency=reporting_currency, progress=progress).validate(
            workbook, None if dry_run else spools
        )
        if report.ok and not dry_run:
            report.counts = {}
            _Pass(
                session, report, actor=actor, reporting_currency=reporting_currency, writing=True, progress=progress
            ).write(spools)
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

    def __init__(self, session, report, *, actor, reporting_currency, writing=False, progress=None):
        self.session = session
        self.progress = progress
        self.report = report
        self.actor = actor
        self.reporting_currency = reporting_currency
        self.writing = writing
        #: while validating: referenced sheet -> identity -> id (negative for rows only in the workbook)
        self.ids: dict[str, dict] = {}
        self.rates: set[tuple[str, int]] = set()
        #: (currency, year) -> where it is first used
        self.needed_rates: dict[tuple[str, int], tuple[str, int, str]] = {}
        self.spool = None
        #: sheets whose table held no row when the pass began: no batch of theirs can match a stored row
        self.empty: set[str] = set()
        #: while validating, for the sheets with a settle rule: identity -> row number of each valid row
        self.rows: dict[str, dict[tuple, int]] = {}
        #: while writing a sheet with a renumbered column: the parent, temporary value and value of the rows written
        #: so far with a temporary value
        self.renumbering: list[dict] = []

    def validate(self, workbook, spools: dict | None) -> None:
        """Check every row; keep the valid ones, in batches, in `spools` (one temporary file per sheet)."""
        model = SHEETS_BY_NAME["exchange_rates"].model
        self.rates = {
            (currency, year) for currency, year in self.session.execute(sa.select(model.currency, model.year))
        }
        for sheet in SHEETS:
            if sheet.name in REFERENCED:
                self.ids[sheet.name] = {}
            if sheet.name in workbook.sheetnames:
                self._note_empty(sheet)
                if spools is not None:
                    self.spool = spools[sheet.name] = tempfile.TemporaryFile()  # noqa: SIM115 - read_workbook closes it
                self._sheet(sheet, workbook.rows(sheet.name))
                self._tell(sheet)
        self._settle(workbook)
        self._warn_missing_rates()

    def write(self, spools: dict) -> None:
        """Create and update the rows that validate() kept."""
        for sheet in SHEETS:
            spool = spools.get(sheet.name)
            if spool is not None:
                self._note_empty(sheet)
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
                self._renumber(sheet)
                self._tell(sheet)

    def _settle(self, workbook) -> None:
        """Run the rules that wait for the whole workbook; then order the problems by sheet and row again."""
        for sheet in SHEETS:
            if sheet.settle and sheet.name in workbook.sheetnames:
                for number, column, message in sheet.settle(self.session, self.ids, self.rows[sheet.name]):
                    self._problem(sheet, number, column, message)
        order = {sheet.name: position for position, sheet in enumerate(SHEETS)}
        self.report.problems.sort(key=lambda problem: (order.get(problem.sheet, -1), problem.row or 0))

    def _renumber(self, sheet: Sheet) -> None:
        """Give the rows written with temporary values of the renumbered column their values (found through the
        unique index of parent and value)."""
        if not self.renumbering:
            return
        table = sheet.model.__table__
        parent, column = (table.c[attr] for attr in sheet.renumbered)
        statement = sa.update(table).where(parent == sa.bindparam("_parent"), column == sa.bindparam("_temporary"))
        self.session.connection().execute(statement.values({column.key: sa.bindparam("_value")}), self.renumbering)
        self.renumbering = []

    def _temporary(self, sheet: Sheet, fields: dict, parent) -> dict:
        """The fields to write first: a renumbered column's value replaced by an unused negative one, which
        _renumber changes to the value once the sheet is written (a stored row may still hold the value)."""
        if sheet.renumbered is None or sheet.renumbered[1] not in fields or sheet.name in self.empty:
            return fields
        attr = sheet.renumbered[1]
        temporary = -1 - len(self.renumbering)
        self.renumbering.append({"_parent": parent, "_temporary": temporary, "_value": fields[attr]})
        return {**fields, attr: temporary}

    def _note_empty(self, sheet: Sheet) -> None:
        if self.session.scalar(sa.select(sheet.model.id).limit(1)) is None:
            self.empty.add(sheet.name)
        else:
            self.empty.discard(sheet.name)

    def _tell(self, sheet: Sheet) -> None:
        """Let `progress` hear how many of the sheet's rows were read, and written, so far."""
        if self.progress is not None:
            counts = self.report.counts[sheet.name]
            read = counts.created + counts.updated + counts.unchanged + counts.rejected
            self.progress(sheet.name, read, counts.created + counts.updated if self.writing else 0)

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

    def _sheet(self, sheet: Sheet, rows) -> None:
        header = next(rows, None) or ()
        index, missing, unnamed = self._header(sheet, header)
        counts = self.report.counts.setdefault(sheet.name, SheetCounts())
        rule = sheet.rule and sheet.rule(self.session, self.ids, partial(store.existing_rows, self.session, sheet))
        # per column, once per sheet: (name, how cells read, position in the row, whether a value is required)
        plan = [
            (column.name, column.kind.parse, index.get(column.name), column.required and column.name not in missing)
            for column in sheet.columns
        ]
        seen: set = set()
        batch = []
        valid_rows = self.rows.setdefault(sheet.name, {}) if sheet.settle else None
        rows = ((number, row) for number, row in enumerate(rows, start=2) if not all(_blank(value) for value in row))
        while chunk := list(itertools.islice(rows, BATCH)):
            parsed = [(number, row, *self._parse(sheet, row, plan)) for number, row in chunk]
            self._look_up(sheet, [values for _, _, values, _ in parsed])
            for number, row, values, errors in parsed:
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
                if valid_rows is not None:
                    valid_rows[tuple(values[name] for name in sheet.identity)] = number
                batch.append(values)
                if len(batch) >= BATCH:
                    self._batch(sheet, batch, counts)
                    batch = []
        if batch:
            self._batch(sheet, batch, counts)

    def _look_up(self, sheet: Sheet, rows: list[dict]) -> None:
        """Learn the ids in the database of the identities that the rows name, as references or (a referenced
        sheet's rows) as their own, among those not known yet: one query per referenced sheet."""
        names = defaultdict(set)
        for column in sheet.columns:
            if column.target:
                target = column.target
            elif sheet.name in REFERENCED and column.name == sheet.identity[0]:
                target = sheet.name
            else:
                continue
            known = self.ids[target]
            for values in rows:
                value = values[column.name]
                for name in (value or ()) if column.is_list else (value,):
                    if name is not None and name not in known:
                        names[target].add(name)
        for target, wanted in names.items():
            self.ids[target].update(store.ids_of(self.session, SHEETS_BY_NAME[target], wanted))

    def _parse(self, sheet: Sheet, row, plan):
        values, errors = {}, []
        width = len(row)
        for name, parse, position, required in plan:
            try:
                value = parse(row[position] if position is not None and position < width else None)
            except CellError as error:
                errors.append((name, error.message))
                values[name] = None
                continue
            if required and value in (None, ()):
                errors.append((name, _l("a value is required")))
            values[name] = value
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
        if any(values[name] is None for name in sheet.identity) or (
            errors and {name for name, _ in errors} & set(sheet.identity)
        ):
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
        failed = {name for name, _ in errors} if errors else ()
        problems = []
        for column in sheet.columns:
            if not column.target or values[column.name] in (None, ()) or column.name in failed:
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
        existing = {}
        if sheet.name not in self.empty:
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
                updates.append((old, values, changed))
            else:
                counts.unchanged += 1
        if self.spool is not None and self.report.ok:
            pickle.dump(batch, self.spool, protocol=pickle.HIGHEST_PROTOCOL)
        if self.writing:
            ids = self._ids(sheet, creations + [values for _, values, _ in updates])
            self._create(sheet, creations, ids)
            self._update(sheet, updates, ids)
            self.session.flush()
        self._tell(sheet)

    def _ids(self, sheet: Sheet, rows: list[dict]) -> dict[str, dict]:
        """Referenced sheet -> identity -> id, for the identities that the rows refer to: one query per sheet."""
        names = defaultdict(set)
        for column in sheet.columns:
            if column.target:
                for values in rows:
                    value = values[column.name]
                    if column.is_list:
                        names[column.target].update(value)
                    elif value is not None:
                        names[column.target].add(value)
        return {target: store.ids_of(self.session, SHEETS_BY_NAME[target], refs) for target, refs in names.items()}

    def _related(self, sheet: Sheet, rows: list[dict], ids) -> dict:
        """The objects that the rows' list-of-reference columns point to, loaded at once."""
        related = {}
        for column in sheet.columns:
            if column.is_list and column.target:
                model = SHEETS_BY_NAME[column.target].model
                wanted = {ids[column.target][item] for values in rows for item in values[column.name]}
                objects = self.session.scalars(sa.select(model).where(model.id.in_(wanted))).all() if wanted else []
                related[column.name] = {obj.id: obj for obj in objects}
        return related

    @staticmethod
    def _fields(sheet: Sheet, values, columns, ids) -> dict:
        fields = {}
        for column in columns:
            if column.is_list:
                continue
            value = values[column.name]
            fields[column.attr] = ids[column.target][value] if column.target and value is not None else value
        return fields

    def _create(self, sheet: Sheet, creations: list[dict], ids) -> None:
        if not creations:
            return
        if sheet.bulk:
            # rows with the same columns go in one statement (a column left out takes its default)
            by_columns = defaultdict(list)
            for values in creations:
                fields = self._fields(sheet, values, sheet.columns, ids)
                if sheet.stamp:
                    fields.update(sheet.stamp(fields, self.actor, creating=True))
                parent = fields[sheet.renumbered[0]] if sheet.renumbered else None
                by_columns[frozenset(fields)].append(self._temporary(sheet, fields, parent))
            log = current_batch(self.session)
            for rows in by_columns.values():
                created = self._insert(sheet.model.__table__, rows)
                if log is not None:
                    log.add(sheet.model.__name__, created)
            return
        related = self._related(sheet, creations, ids)
        for values in creations:
            fields = self._fields(sheet, values, sheet.columns, ids)
            if sheet.stamp:
                fields.update(sheet.stamp(fields, self.actor, creating=True))
            obj = sheet.model(**fields)
            for column in sheet.columns:
                if column.is_list:
                    setattr(obj, column.attr, self._list(column, values, ids, related))
            self.session.add(obj)

    @staticmethod
    def _list(column, values, ids, related) -> list:
        if column.target:
            return [related[column.name][ids[column.target][item]] for item in values[column.name]]
        return list(values[column.name])

    def _insert(self, table: sa.Table, rows: list[dict]) -> list[int]:
        """Insert the rows (dicts of column values) with Core, not the ORM's bulk insert; their ids."""
        connection = self.session.connection()
        if connection.dialect.name != "postgresql":
            return connection.execute(sa.insert(table).returning(table.c.id), rows).scalars().all()
        # The ids are drawn from the sequence first, for a plain executemany that psycopg pipelines: INSERT ..
        # RETURNING is sent as long statements of many rows each, which psycopg parses anew, page by page.
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        numbers = sa.select(sa.func.nextval(sequence)).select_from(sa.func.generate_series(1, len(rows)))
        ids = connection.execute(numbers).scalars().all()
        for row, ident in zip(rows, ids, strict=True):
            row["id"] = ident
        connection.execute(sa.insert(table), rows)
        return ids

    def _update(self, sheet: Sheet, updates: list[tuple], ids) -> None:
        """Write the changed rows: with Core when only plain columns changed, else through the ORM, which stores a
        list as the model's relationship or property does."""
        plain, listed = [], []
        for update in updates:
            (listed if any(column.is_list for column in update[2]) else plain).append(update)
        if plain:
            self._update_plain(sheet, plain, ids)
        if listed:
            self._update_objects(sheet, listed, ids)

    def _update_plain(self, sheet: Sheet, updates: list[tuple], ids) -> None:
        """Write the rows with Core, one executemany per set of changed columns, each row to a new version (a row
        whose version changed meanwhile stops the import, as a stale edit form is refused); log them as the ORM's
        updates would be logged."""
        model = sheet.model
        table = model.__table__
        version = model.__mapper__.version_id_col
        after = {}
        for old, values, changed in updates:
            fields = self._fields(sheet, values, changed, ids)
            if sheet.stamp:
                fields.update(sheet.stamp(fields, self.actor, creating=False))
            after[old["id"]] = fields
        attrs = set().union(*after.values()) | ({version.key} if version is not None else set())
        if sheet.renumbered:
            attrs.add(sheet.renumbered[0])
        before = store.stored_fields(self.session, model, after, attrs)
        stale = StaleDataError(f"{table.name}: rows were changed or deleted while the workbook was imported")
        if len(before) != len(after):
            raise stale
        by_columns = defaultdict(list)
        for ident, fields in after.items():
            parent = before[ident][sheet.renumbered[0]] if sheet.renumbered else None
            params = {"_id": ident, **self._temporary(sheet, fields, parent)}
            if version is not None:
                params["_version"] = before[ident][version.key]
            by_columns[frozenset(fields)].append(params)
        connection = self.session.connection()
        for rows in by_columns.values():
            statement = sa.update(table).where(table.c.id == sa.bindparam("_id"))
            if version is not None:
                statement = statement.where(version == sa.bindparam("_version")).values({version.key: version + 1})
            result = connection.execute(statement, rows)
            if connection.dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
                raise stale
        record_updates(model.__name__, ((ident, before[ident], after[ident]) for ident in after), session=self.session)

    def _update_objects(self, sheet: Sheet, updates: list[tuple], ids) -> None:
        model = sheet.model
        related = self._related(sheet, [values for _, values, _ in updates], ids)
        objects = {
            obj.id: obj
            for obj in self.session.scalars(sa.select(model).where(model.id.in_([o["id"] for o, _, _ in updates])))
        }
        # one flush for all: each changed record gets one entry in the log
        with self.session.no_autoflush:
            for old, values, changed in updates:
                obj = objects[old["id"]]
                fields = self._fields(sheet, values, changed, ids)
                if sheet.stamp:
                    fields.update(sheet.stamp(fields, self.actor, creating=False))
                for attr, value in fields.items():
                    setattr(obj, attr, value)
                for column in changed:
                    if column.is_list:
                        setattr(obj, column.attr, self._list(column, values, ids, related))
                if not fields:
                    # a change of list items alone is still a change of the row: its version goes up
                    obj.updated_at = utcnow()
