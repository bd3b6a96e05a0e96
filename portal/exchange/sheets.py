"""The portfolio workbook's sheets and columns (workbook.md), and how one cell becomes a value and back."""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property

import sqlalchemy as sa

from portal.db import utcnow
from portal.dialogues import rules as dialogue_rules
from portal.dialogues.models import Chairmanship, Dialogue, DialogueMember
from portal.dialogues.rules import Period, chairmanship_problems
from portal.events.models import Event, EventMode, EventType, event_partners
from portal.events.rules import head_count_problems, place_problems
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.funding.rules import amount_problems, expenditure_year_problems, ref_problems
from portal.i18n import is_country, is_currency
from portal.i18n import lazy_gettext as _l
from portal.participants.models import (
    Attendance,
    AttendanceMode,
    AttendanceRole,
    Gender,
    Person,
    PersonEmail,
    Sector,
    email_key,
)
from portal.participants.personal_data import ERASED_MESSAGE
from portal.participants.rules import attendance_problems, email_problems
from portal.partners.models import Partner, PartnerType
from portal.partners.rules import iati_ref_problems
from portal.projects import rules as project_rules
from portal.projects.models import Project, ProjectCountry, ProjectStatus, project_thematic_areas
from portal.reference.models import MIGRATION_SECTOR, DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea
from portal.reference.rules import dac_sector_problems, duty_station_problems, rate_problems, sector_codes
from portal.rules import Problem, code_key, period_problems

TRUE = frozenset({"yes", "true", "1"})
FALSE = frozenset({"no", "false", "0"})
_DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")
_INTEGER_TEXT = re.compile(r"-?\d+")
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
#: characters that make a spreadsheet read a text cell as a formula (or hide what follows)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell that cannot become a value; `message` says why, for the import report."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _text(raw) -> str | None:
    """The cell as text, whatever its type; numbers written as text if they are whole."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime):
        raw = raw.date() if raw.time() == datetime.min.time() else raw
    value = str(raw).strip()
    return value or None


class Kind:
    """How a column's cells are read (parse) and written (to_cell); values are plain Python values."""

    def parse(self, raw):
        return _text(raw)

    def to_cell(self, value):
        return value


class Text(Kind):
    def __init__(self, length: int | None = None):
        self.length = length

    def parse(self, raw):
        value = _text(raw)
        if value is not None and self.length and len(value) > self.length:
            raise CellError(_l("longer than %(n)d characters", n=self.length))
        return value


class Integer(Kind):
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def parse(self, raw):
        if isinstance(raw, bool):
            raise CellError(_l("not a whole number: %(value)s", value=_text(raw)))
        if raw is None:
            return None
        if isinstance(raw, int):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        else:
            text = _text(raw)
            if text is None:
                return None
            if not _INTEGER_TEXT.fullmatch(text):
                raise CellError(_l("not a whole number: %(value)s", value=text))
            value = int(text)
        if not self.low <= value <= self.high:
            raise CellError(_l("must be a whole number from %(low)d to %(high)d", low=self.low, high=self.high))
        return value


class DateKind(Kind):
    def parse(self, raw):
        if isinstance(raw, datetime):
            if raw.time() != datetime.min.time():
                raise CellError(_l("a date without a time is expected"))
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = _text(raw)
        if text is None:
            return None
        try:
            if not _DATE_TEXT.fullmatch(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise CellError(_l("not a date (YYYY-MM-DD): %(value)s", value=text)) from None


class DecimalKind(Kind):
    """An exact decimal: number cells go through their shortest text form, never through float arithmetic. Its sign
    is the domain rules' to judge (funding.rules, reference.rules), with the forms' messages."""

    def __init__(self, places: int, high: Decimal):
        self.places, self.high = places, high
        self.quantum = Decimal(1).scaleb(-places)

    def parse(self, raw):
        if raw is None:
            return None
        if isinstance(raw, bool):
            raise CellError(_l("not an amount: %(value)s", value=_text(raw)))
        if isinstance(raw, int | float):
            if isinstance(raw, float) and not math.isfinite(raw):
                raise CellError(_l("not an amount: %(value)s", value=raw))
            value = Decimal(str(raw))
        else:
            text = _text(raw)
            if text is None:
                return None
            if not _DECIMAL_TEXT.fullmatch(text):
                raise CellError(_l("not an amount (digits and a '.' decimal point): %(value)s", value=text))
            value = Decimal(text)
        if abs(value) >= self.high:
            raise CellError(_l("too large"))
        try:
            exact = value.quantize(self.quantum) == value
        except InvalidOperation:
            exact = False
        if not exact:
            raise CellError(_l("at most %(n)d decimal places", n=self.places))
        return value

    def to_cell(self, value):
        if value is None:
            return None
        value = Decimal(value)
        # a number cell holds a double: more digits than it keeps exactly are written as text
        return value if len(value.normalize().as_tuple().digits) <= 15 else str(value)


class BooleanKind(Kind):
    def __init__(self, blank: bool | None = None):
        #: what a blank cell, or a column left out, means
        self.blank = blank

    def parse(self, raw):
        if isinstance(raw, bool):
            return raw
        text = _text(raw)
        if text is None:
            return self.blank
        text = text.lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise CellError(_l("not yes/no, true/false or 1/0: %(value)s", value=text))

    def to_cell(self, value):
        return None if value is None else ("yes" if value else "no")


class SectorsKind(Kind):
    """DAC 5-digit sector codes separated by spaces (reference.rules); blank, or the column left out, is 15190."""

    def parse(self, raw):
        text = sector_codes(_text(raw))
        if not text:
            return MIGRATION_SECTOR
        if problems := dac_sector_problems(text):
            raise CellError(problems[0][1])
        return text


class CountryKind(Kind):
    def parse(self, raw):
        text = _text(raw)
        if text is None:
            return None
        if not is_country(text) or len(text) != 2:
            raise CellError(_l("not an ISO 3166 country code: %(value)s", value=text))
        return text.upper()


class CurrencyKind(Kind):
    def parse(self, raw):
        text = _text(raw)
        if text is None:
            return None
        if not is_currency(text):
            raise CellError(_l("not an ISO 4217 currency code: %(value)s", value=text))
        return text.upper()


class EnumKind(Kind):
    def __init__(self, enum):
        self.enum = enum

    def parse(self, raw):
        text = _text(raw)
        if text is None:
            return None
        try:
            return self.enum(text.lower())
        except ValueError:
            allowed = ", ".join(member.value for member in self.enum)
            raise CellError(_l("%(value)s is not one of: %(allowed)s", value=text, allowed=allowed)) from None

    def to_cell(self, value):
        return None if value is None else str(value)


class Ref(Text):
    """The ref or code of a row in another sheet (or already in the database)."""

    def __init__(self, target: str):
        super().__init__(40)
        self.target = target


class ListOf(Kind):
    """Several values in one cell, separated by ';'; kept as a sorted tuple without repeats."""

    def __init__(self, item: Kind):
        self.item = item

    def parse(self, raw):
        text = _text(raw)
        if text is None:
            return ()
        values = set()
        for part in text.split(";"):
            if part.strip():
                try:
                    values.add(self.item.parse(part))
                except CellError as error:
                    raise CellError(
                        _l("list item %(item)s: %(message)s", item=part.strip(), message=error.message)
                    ) from None
        return tuple(sorted(values))

    def to_cell(self, value):
        return "; ".join(value) if value else None


TEXT = Text()
DATE = DateKind()
YEAR = Integer(1900, 2200)
#: a head count; the events' rule says which counts an event may declare
COUNT = Integer(-(10**15), 10**15)
AMOUNT = DecimalKind(2, Decimal(10) ** 12)
RATE = DecimalKind(8, Decimal(10) ** 10)
BOOLEAN = BooleanKind()
#: yes or no, where blank means no
FLAG = BooleanKind(blank=False)
SECTORS = SectorsKind()
COUNTRY = CountryKind()
CURRENCY = CurrencyKind()


@dataclass(frozen=True)
class Column:
    """One column: its name in the workbook, how cells read, and where the value lives in the database.

    `attr` is a model attribute (for a Ref: the foreign key, e.g. `region_id`; for a list: the relationship or
    the property the list is assigned to); `members` selects (owner id, item) pairs for a list column."""

    name: str
    kind: Kind
    attr: str
    required: bool = False
    members: Callable | None = None

    @cached_property
    def is_list(self) -> bool:
        return isinstance(self.kind, ListOf)

    @cached_property
    def target(self) -> str | None:
        kind = self.kind.item if self.is_list else self.kind
        return kind.target if isinstance(kind, Ref) else None


@dataclass(frozen=True)
class Sheet:
    """One sheet: the model it fills, the columns that identify a row, and the rules across columns."""

    name: str
    model: type
    identity: tuple[str, ...]
    columns: tuple[Column, ...]
    #: (currency column, year or date column) whose exchange rate the reports need
    rate: tuple[str, str] | None = None
    #: a sheet with a row per person or per attendance, left out of exports without personal data: with small
    #: events even a person's gender and country can say who they are, and managers see counts, never people
    personal: bool = False
    #: the domain's rules within a row: values -> [(column, message)]
    check: Callable | None = None
    #: the domain's rule a row breaks when an earlier row has its identity: values -> [(column, message)]; without
    #: one, the import says that the identity appears on an earlier row
    duplicate: Callable | None = None
    #: a domain rule across rows, seeing the stored rows and the workbook's earlier ones:
    #: (session, ids, stored) -> (values -> [(column, message)]), made once per validation of the sheet;
    #: stored(keys) gives the stored rows with these identities, in the workbook's terms
    rule: Callable | None = None
    #: creations by bulk insert (sheets without list columns)
    bulk: bool = field(default=True)
    #: extra database fields to set when these fields change: (fields, actor, creating) -> extra fields
    stamp: Callable | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _text_col(name, model, attr=None, required=False):
    attr = attr or name
    length = getattr(model.__table__.c[attr].type, "length", None)
    return Column(name, Text(length), attr, required)


def _code_sheet(name, model, *more: Column):
    columns = (_text_col("code", model, required=True), _text_col("name", model, required=True))
    return Sheet(name, model, ("code",), (*columns, _text_col("name_fr", model), _text_col("name_ru", model), *more))


def _members(owner_column, item_column, join=None):
    """A function giving the select of (owner id, item) pairs for some owner ids."""

    def select(ids):
        stmt = sa.select(owner_column, item_column)
        if join is not None:
            stmt = stmt.join(*join)
        return stmt.where(owner_column.in_(ids))

    return select


def _on(column: str, problems: list[Problem]) -> list[Problem]:
    """A rule's problems, placed on the workbook column that holds what the form calls otherwise."""
    return [(column, message) for _, message in problems]


def _check_period(values):
    return period_problems(values["start_date"], values["end_date"])


def _check_duty_station(values):
    return duty_station_problems(values["opened_on"], values["closed_on"])


def _check_rate(values):
    return rate_problems(values["rate"])


def _check_iati_ref(values):
    return iati_ref_problems(values["iati_ref"])


def _iati_ref_rule(session, ids, stored):
    """A partner's organisation identifier is no other partner's, stored or on an earlier row. One that a stored
    partner gives up is free only once the workbook is in, as its new rows are written before the changed ones."""
    holders = dict(session.execute(sa.select(Partner.iati_ref, Partner.ref).where(Partner.iati_ref.is_not(None))).all())

    def check(values):
        ref, iati_ref = values["ref"], values["iati_ref"]
        if iati_ref is not None and holders.setdefault(iati_ref, ref) != ref:
            return iati_ref_problems(iati_ref, {iati_ref})
        return []

    return check


def _check_amount(values):
    return amount_problems(values["amount"])


def _check_event(values):
    return (
        period_problems(values["start_date"], values["end_date"])
        + place_problems(values["mode"], values["city"], values["country"])
        + head_count_problems(values)
    )


def _project_code_taken(values):
    code = values["code"]
    return project_rules.code_problems(code, {code_key(code)})


def _dialogue_code_taken(values):
    code = values["code"]
    return dialogue_rules.code_problems(code, {code_key(code)})


def _ref_taken(values):
    return ref_problems(values["ref"], {values["ref"]})


def _expenditure_year_taken(values):
    return expenditure_year_problems(values["year"], {values["year"]})


def _already_registered(values):
    return _on("participant", attendance_problems(values["participant"], {values["participant"]}))


def _chairmanship_rule(session, ids, stored):
    """A dialogue's chairmanship periods never overlap, whether stored or on earlier rows. A row with a stored
    chairmanship's identity replaces that one."""
    periods: dict[int, dict[tuple, Period]] = defaultdict(dict)
    stored = sa.select(Chairmanship.dialogue_id, Chairmanship.country, Chairmanship.start_date, Chairmanship.end_date)
    for dialogue_id, country, start_date, end_date in session.execute(stored):
        periods[dialogue_id][(country, start_date)] = (start_date, end_date)

    def check(values):
        known = periods[ids["dialogues"][values["dialogue"]]]
        key = (values["country"], values["start_date"])
        others = [period for other, period in known.items() if other != key]
        problems = chairmanship_problems(others, values["start_date"], values["end_date"])
        if not problems:
            known[key] = (values["start_date"], values["end_date"])
        return problems

    return check


def _code_rule(model, code_problems):
    """Codes differ in more than their case (portal.rules.code_key), from the stored ones and from earlier rows; a row
    with a stored code is that record."""

    def rule(session, ids, stored):
        by_key = {code_key(code): code for code in session.scalars(sa.select(model.code))}

        def check(values):
            code = values["code"]
            other = by_key.setdefault(code_key(code), code)
            return code_problems(code, {code_key(other)} if other != code else ())

        return check

    return rule


def _person_rule(session, ids, stored):
    """An erased person's row may come back as it was exported (erased), never with their data again. A row that
    changes a stored person's e-mail address may not give them another person's, stored or on an earlier row (new
    people may share one, as the form lets an officer create a person after seeing the match)."""
    refs = {(ref,) for ref in session.scalars(sa.select(Person.ref).where(Person.erased_at.is_not(None)))}
    erased = stored(refs) if refs else {}
    keys = dict(session.execute(sa.select(Person.ref, Person.email_key).where(Person.email_key.is_not(None))).all())
    #: how many people (stored, or as the earlier rows leave them) hold each e-mail key
    holders = Counter(keys.values())
    #: e-mail key -> the people who keep it as an alternative address (a merge keeps the address not taken)
    alternatives = defaultdict(set)
    kept = sa.select(Person.ref, PersonEmail.email_key).join(PersonEmail, PersonEmail.person_id == Person.id)
    for ref, key in session.execute(kept):
        alternatives[key].add(ref)

    def check(values):
        ref = values["ref"]
        old = erased.get((ref,))
        if old is not None and any(values[name] != old[name] for name in values):
            return [("ref", ERASED_MESSAGE)]
        key, old_key = email_key(values["email"]), keys.get(ref)
        if key == old_key:
            return []
        if ids["participants"][ref] > 0:
            problems = email_problems(values["email"], {key} if holders[key] or alternatives[key] - {ref} else ())
            if problems:
                return problems
        if old_key is not None:
            holders[old_key] -= 1
            del keys[ref]
        if key is not None:
            holders[key] += 1
            keys[ref] = key
        return []

    return check


def _attendance_rule(session, ids, stored):
    """An erased person's attendance may come back as it was exported, but they are registered for no other event."""
    erased = set(session.scalars(sa.select(Person.ref).where(Person.erased_at.is_not(None))))

    def check(values):
        ref = values["participant"]
        if ref not in erased or stored({(values["event"], ref)}):
            return []
        return _on("participant", attendance_problems(ref, (), erased=True))

    return check


def _stamp_person(fields, actor, creating):
    """The lower-cased e-mail key, and who recorded consent (or its withdrawal) when."""
    extra = {}
    if "email" in fields:
        extra["email_key"] = email_key(fields["email"])
    if "consent" in fields and (fields["consent"] or not creating):
        extra["consent_recorded_at"] = utcnow()
        extra["consent_recorded_by_id"] = actor.id if actor is not None else None
    return extra


SHEETS: tuple[Sheet, ...] = (
    _code_sheet("regions", Region),
    _code_sheet("thematic_areas", ThematicArea, Column("dac_sectors", SECTORS, "dac_sectors")),
    _code_sheet("donor_categories", DonorCategory),
    Sheet(
        "exchange_rates",
        ExchangeRate,
        ("currency", "year"),
        (
            Column("currency", CURRENCY, "currency", True),
            Column("year", YEAR, "year", True),
            Column("rate", RATE, "rate", True),
        ),
        check=_check_rate,
    ),
    Sheet(
        "duty_stations",
        DutyStation,
        ("ref",),
        (
            _text_col("ref", DutyStation, required=True),
            _text_col("city", DutyStation, required=True),
            _text_col("city_fr", DutyStation),
            _text_col("city_ru", DutyStation),
            Column("country", COUNTRY, "country", True),
            Column("opened_on", DATE, "opened_on"),
            Column("closed_on", DATE, "closed_on"),
        ),
        check=_check_duty_station,
    ),
    Sheet(
        "partners",
        Partner,
        ("ref",),
        (
            _text_col("ref", Partner, required=True),
            _text_col("name", Partner, required=True),
            _text_col("acronym", Partner),
            Column("type", EnumKind(PartnerType), "type", True),
            Column("donor_category", Ref("donor_categories"), "donor_category_id"),
            Column("country", COUNTRY, "country"),
            _text_col("iati_ref", Partner),
        ),
        check=_check_iati_ref,
        rule=_iati_ref_rule,
    ),
    Sheet(
        "dialogues",
        Dialogue,
        ("code",),
        (
            _text_col("code", Dialogue, required=True),
            _text_col("name", Dialogue, required=True),
            _text_col("acronym", Dialogue),
            Column("region", Ref("regions"), "region_id"),
            Column("secretariat", Ref("partners"), "secretariat_id"),
            Column(
                "members",
                ListOf(COUNTRY),
                "members",
                members=_members(DialogueMember.dialogue_id, DialogueMember.country),
            ),
            Column("started_on", DATE, "started_on"),
            _text_col("name_fr", Dialogue),
            _text_col("name_ru", Dialogue),
        ),
        duplicate=_dialogue_code_taken,
        rule=_code_rule(Dialogue, dialogue_rules.code_problems),
        bulk=False,
    ),
    Sheet(
        "chairmanships",
        Chairmanship,
        ("dialogue", "country", "start_date"),
        (
            Column("dialogue", Ref("dialogues"), "dialogue_id", True),
            Column("country", COUNTRY, "country", True),
            Column("start_date", DATE, "start_date", True),
            Column("end_date", DATE, "end_date"),
        ),
        check=_check_period,
        rule=_chairmanship_rule,
    ),
    Sheet(
        "projects",
        Project,
        ("code",),
        (
            _text_col("code", Project, required=True),
            _text_col("title", Project, required=True),
            _text_col("acronym", Project),
            Column("region", Ref("regions"), "region_id", True),
            Column(
                "thematic_areas",
                ListOf(Ref("thematic_areas")),
                "thematic_areas",
                members=_members(
                    project_thematic_areas.c.project_id,
                    ThematicArea.code,
                    (ThematicArea, ThematicArea.id == project_thematic_areas.c.thematic_area_id),
                ),
            ),
            Column(
                "countries",
                ListOf(COUNTRY),
                "countries",
                members=_members(ProjectCountry.project_id, ProjectCountry.country),
            ),
            Column("status", EnumKind(ProjectStatus), "status", True),
            Column("start_date", DATE, "start_date", True),
            Column("end_date", DATE, "end_date"),
            Column("currency", CURRENCY, "currency", True),
            Column("duty_station", Ref("duty_stations"), "duty_station_id"),
            Column("dialogue", Ref("dialogues"), "dialogue_id"),
            _text_col("description", Project),
            _text_col("title_fr", Project),
            _text_col("title_ru", Project),
            _text_col("description_fr", Project),
            _text_col("description_ru", Project),
            Column("iati_published", FLAG, "iati_published"),
        ),
        check=_check_period,
        duplicate=_project_code_taken,
        rule=_code_rule(Project, project_rules.code_problems),
        bulk=False,
    ),
    Sheet(
        "contributions",
        Contribution,
        ("ref",),
        (
            _text_col("ref", Contribution, required=True),
            Column("project", Ref("projects"), "project_id", True),
            Column("donor", Ref("partners"), "donor_id", True),
            Column("amount", AMOUNT, "amount", True),
            Column("currency", CURRENCY, "currency", True),
            Column("signed_on", DATE, "signed_on", True),
        ),
        rate=("currency", "signed_on"),
        check=_check_amount,
        duplicate=_ref_taken,
    ),
    Sheet(
        "expenditure",
        Expenditure,
        ("project", "year"),
        (
            Column("project", Ref("projects"), "project_id", True),
            Column("year", YEAR, "year", True),
            Column("amount", AMOUNT, "amount", True),
            Column("currency", CURRENCY, "currency", True),
        ),
        rate=("currency", "year"),
        check=_check_amount,
        duplicate=_expenditure_year_taken,
    ),
    Sheet(
        "revenue",
        Revenue,
        ("ref",),
        (
            _text_col("ref", Revenue, required=True),
            Column("year", YEAR, "year", True),
            Column("type", EnumKind(RevenueType), "type", True),
            Column("partner", Ref("partners"), "partner_id"),
            Column("amount", AMOUNT, "amount", True),
            Column("currency", CURRENCY, "currency", True),
        ),
        rate=("currency", "year"),
        check=_check_amount,
        duplicate=_ref_taken,
    ),
    Sheet(
        "events",
        Event,
        ("ref",),
        (
            _text_col("ref", Event, required=True),
            _text_col("title", Event, required=True),
            Column("type", EnumKind(EventType), "type", True),
            Column("start_date", DATE, "start_date", True),
            Column("end_date", DATE, "end_date", True),
            Column("mode", EnumKind(EventMode), "mode", True),
            _text_col("city", Event),
            Column("country", COUNTRY, "country"),
            Column("project", Ref("projects"), "project_id"),
            Column("dialogue", Ref("dialogues"), "dialogue_id"),
            Column(
                "partners",
                ListOf(Ref("partners")),
                "partners",
                members=_members(
                    event_partners.c.event_id, Partner.ref, (Partner, Partner.id == event_partners.c.partner_id)
                ),
            ),
            Column("in_person_count", COUNT, "in_person_count"),
            Column("online_count", COUNT, "online_count"),
            _text_col("title_fr", Event),
            _text_col("title_ru", Event),
        ),
        check=_check_event,
        bulk=False,
    ),
    Sheet(
        "participants",
        Person,
        ("ref",),
        (
            _text_col("ref", Person, required=True),
            _text_col("first_name", Person, required=True),
            _text_col("last_name", Person, required=True),
            Column("gender", EnumKind(Gender), "gender", True),
            _text_col("email", Person),
            Column("organisation", Ref("partners"), "organisation_id"),
            Column("sector", EnumKind(Sector), "sector", True),
            Column("country", COUNTRY, "country"),
            Column("consent", BOOLEAN, "consent", True),
        ),
        personal=True,
        stamp=_stamp_person,
        rule=_person_rule,
    ),
    Sheet(
        "attendance",
        Attendance,
        ("event", "participant"),
        (
            Column("event", Ref("events"), "event_id", True),
            Column("participant", Ref("participants"), "person_id", True),
            Column("role", EnumKind(AttendanceRole), "role", True),
            Column("mode", EnumKind(AttendanceMode), "mode"),
            Column("attended", BOOLEAN, "attended", True),
        ),
        personal=True,
        duplicate=_already_registered,
        rule=_attendance_rule,
    ),
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
#: sheets that other sheets point to, with the column that names their rows
REFERENCED = {c.target for s in SHEETS for c in s.columns if c.target}


def identity_attr(sheet: Sheet) -> str:
    """The database attribute of a referenced sheet's single identity column (`code` or `ref`)."""
    return sheet.column(sheet.identity[0]).attr


def needs_text_prefix(value: str) -> bool:
    return value.startswith(FORMULA_PREFIXES)
