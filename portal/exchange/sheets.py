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
from portal.dialogues.models import (
    ActionPlan,
    ActionPlanDomain,
    ActionPlanPriority,
    Chairmanship,
    Dialogue,
    DialogueGroup,
    DialogueGroupMember,
    DialogueMember,
    GroupKind,
    GroupRole,
    MemberStatus,
    action_plan_dialogues,
)
from portal.dialogues.rules import Period, chairmanship_problems, group_name_problems, listed_once_problems
from portal.events.models import Event, EventMode, EventType, event_partners
from portal.events.rules import head_count_problems, place_problems
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.funding.rules import amount_problems, expenditure_year_problems, ref_problems
from portal.i18n import is_country, is_currency
from portal.i18n import lazy_gettext as _l
from portal.initiatives import rules as initiative_rules
from portal.initiatives.models import (
    CollectionCycle,
    Initiative,
    InitiativeCountry,
    InitiativeStatus,
    Review,
    initiative_priorities,
)
from portal.organisation import rules as organisation_rules
from portal.organisation.models import MemberState, OrganisationYear
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
from portal.projects.models import (
    Deliverable,
    DeliverableStatus,
    ImplementerRole,
    IndicatorResult,
    Project,
    ProjectCountry,
    ProjectGcmObjective,
    ProjectIndicator,
    ProjectOutput,
    ProjectPartner,
    ProjectStatus,
    project_dialogues,
    project_priorities,
    project_thematic_areas,
)
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


class GcmObjectiveKind(Kind):
    """The number of an objective of the Global Compact for Migration (projects.rules)."""

    def parse(self, raw):
        text = _text(raw)
        if text is None:
            return None
        if problems := project_rules.gcm_objective_problems([text]):
            raise CellError(problems[0][1])
        return text


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
#: a list position, as the forms take it
POSITION = Integer(0, 999)
#: a count of staff; the organisation's rules refuse negative ones with the form's message
STAFF = Integer(-(10**9), 10**9)
COUNTRY = CountryKind()
CURRENCY = CurrencyKind()
GCM_OBJECTIVE = GcmObjectiveKind()
#: an output's number in its project, an indicator's in its output, as the forms take them
RESULT_NUMBER = Integer(1, 999)
#: a baseline, target or actual value (projects.models.Measure); the projects' rules refuse negative ones
MEASURE = DecimalKind(2, Decimal(10) ** 12)


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
    #: a domain rule that waits until the whole workbook is read, for what the later sheets may change:
    #: (session, ids, rows) -> [(row number, column, message)], where rows maps the identity of each of the sheet's
    #: valid rows to its row number
    settle: Callable | None = None
    #: (parent attribute, attribute) of a bulk sheet's column whose values are unique within the parent in the
    #: database: new and changed values are written first as unused negative ones, then set once the sheet is
    #: written, so that rows may swap theirs
    renumbered: tuple[str, str] | None = None
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


def _members_where(condition, owner_column, item_column, join=None):
    """_members, keeping the pairs that meet `condition` (one status, one role)."""
    select = _members(owner_column, item_column, join)

    def where(ids):
        return select(ids).where(condition)

    return where


def _dialogue_states(status: MemberStatus):
    return _members_where(
        sa.and_(DialogueMember.status == status, DialogueMember.country.is_not(None)),
        DialogueMember.dialogue_id,
        DialogueMember.country,
    )


def _dialogue_organisations(status: MemberStatus):
    return _members_where(
        DialogueMember.status == status,
        DialogueMember.dialogue_id,
        Partner.ref,
        (Partner, Partner.id == DialogueMember.partner_id),
    )


def _group_states(role: GroupRole):
    return _members_where(
        sa.and_(DialogueGroupMember.role == role, DialogueGroupMember.country.is_not(None)),
        DialogueGroupMember.group_id,
        DialogueGroupMember.country,
    )


def _check_dialogue_members(values):
    """A state or an organisation has one status in a dialogue (dialogues.rules)."""
    states = ("members", "observers", "focus_countries")
    organisations = ("member_organisations", "observer_organisations")
    return listed_once_problems({name: values[name] for name in states}) + listed_once_problems(
        {name: values[name] for name in organisations}
    )


def _check_group_members(values):
    """A state has one role in a group (dialogues.rules)."""
    return listed_once_problems({name: values[name] for name in ("chairs", "co_chairs", "states")})


def _group_name_rule(session, ids, stored):
    """A dialogue's groups have different names whatever their case, stored or on earlier rows; a row with a stored
    group's dialogue and name is that group."""
    names: dict[tuple, str] = {}
    query = sa.select(DialogueGroup.dialogue_id, DialogueGroup.name)
    for dialogue_id, name in session.execute(query):
        names[(dialogue_id, code_key(name))] = name

    def check(values):
        name = values["name"]
        other = names.setdefault((ids["dialogues"][values["dialogue"]], code_key(name)), name)
        return group_name_problems(name, {code_key(other)} if other != name else ())

    return check


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


def _implementer_taken(values):
    return _on("partner", project_rules.implementer_problems(values["partner"], {values["partner"]}))


def _lead_rule(session, ids, stored):
    """A project has one lead implementer, stored or on an earlier row. A row with a stored implementer's identity
    replaces that one."""
    roles: dict[int, dict[int, ImplementerRole]] = defaultdict(dict)
    for project_id, partner_id, role in session.execute(
        sa.select(ProjectPartner.project_id, ProjectPartner.partner_id, ProjectPartner.role)
    ):
        roles[project_id][partner_id] = role

    def check(values):
        known = roles[ids["projects"][values["project"]]]
        partner = ids["partners"][values["partner"]]
        others = [role for other, role in known.items() if other != partner]
        problems = project_rules.lead_problems(values["role"], others)
        if not problems:
            known[partner] = values["role"]
        return problems

    return check


def _check_deliverable(values):
    return project_rules.deliverable_problems(values["status"], values["delivered_on"])


def _deliverable_ref_taken(values):
    return project_rules.deliverable_ref_problems(values["ref"], {values["ref"]})


def _check_indicator(values):
    return project_rules.measure_problems({name: values[name] for name in ("baseline", "target")})


def _check_result(values):
    return project_rules.measure_problems({"actual": values["actual"]})


def _result_year_taken(values):
    return project_rules.result_taken_problems(values["year"], {values["year"]})


def _project_periods(session, ids) -> dict[str, Period]:
    """The period of each project (code), stored or on the workbook's valid rows so far; kept in `ids` as
    _plans_of keeps its maps."""
    key = "period of projects"
    if key not in ids:
        query = sa.select(Project.code, Project.start_date, Project.end_date)
        ids[key] = {code: (start, end) for code, start, end in session.execute(query)}
    return ids[key]


#: the project (code) of each stored output and indicator, by ref
_PROJECT_OF = {
    "project_outputs": lambda: sa.select(ProjectOutput.ref, Project.code).join(ProjectOutput.project),
    "indicators": lambda: sa.select(ProjectIndicator.ref, Project.code).join(
        Project, Project.id == ProjectIndicator.project_id
    ),
}


def _projects_of(session, ids, sheet: str) -> dict[str, str]:
    """The project (code) of each output or indicator (ref), stored or on the workbook's valid rows so far; kept in
    `ids` as _plans_of keeps its maps."""
    key = f"project of {sheet}"
    if key not in ids:
        ids[key] = dict(session.execute(_PROJECT_OF[sheet]()).all())
    return ids[key]


def _noting_project_periods(rule):
    """The projects' rule, keeping within a stored project's period the years its indicators have actual values for
    (projects.rules), and noting the period of each valid row for the results sheets' rules."""

    def noting(session, ids, stored):
        check = rule(session, ids, stored)
        periods = _project_periods(session, ids)
        years = defaultdict(set)
        query = sa.select(Project.code, IndicatorResult.year).join(
            IndicatorResult, IndicatorResult.project_id == Project.id
        )
        for code, year in session.execute(query.distinct()):
            years[code].add(year)

        def noted(values):
            code, start, end = values["code"], values["start_date"], values["end_date"]
            problems = project_rules.actual_years_problems(years.get(code, ()), start, end) or check(values)
            if not problems:
                periods[code] = (start, end)
            return problems

        return noted

    return noting


#: the parent (project code, output ref) and number of each stored output and indicator, by ref
_NUMBERED = {
    "project_outputs": lambda: sa.select(ProjectOutput.ref, Project.code, ProjectOutput.number).join(
        ProjectOutput.project
    ),
    "indicators": lambda: sa.select(ProjectIndicator.ref, ProjectOutput.ref, ProjectIndicator.number).join(
        ProjectIndicator.output
    ),
}


def _claimed(ids, sheet: str) -> dict:
    """Parent -> number -> ref, for the workbook's valid rows so far; kept in `ids` as _plans_of keeps its maps."""
    return ids.setdefault(f"numbers of {sheet}", defaultdict(dict))


def _number_rule(claimed: dict, parent, ref: str, number: int) -> list[Problem]:
    """A number is used once within its parent (projects.rules) among the earlier rows; the stored records that
    the workbook leaves out are seen once the sheet is read (_numbers_settle)."""
    known = claimed[parent]
    problems = project_rules.number_problems(number, known)
    if not problems:
        known[number] = ref
    return problems


def _numbers_settle(sheet: str):
    """Once the sheet is read: a row's number is not kept by a stored record of its parent that the workbook leaves
    out (or refuses); the stored records on the sheet's valid rows take their new numbers, so that rows may swap."""

    def settle(session, ids, rows):
        claimed = _claimed(ids, sheet)
        problems = []
        for ref, parent, number in session.execute(_NUMBERED[sheet]()):
            other = claimed.get(parent, {}).get(number)
            if (ref,) not in rows and other is not None and (other,) in rows:
                problems += [
                    (rows[(other,)], column, message)
                    for column, message in project_rules.number_problems(number, {number})
                ]
        return problems

    return settle


def _output_rule(session, ids, stored):
    """An output stays in its project and has a number of its own there; a row with a stored output's ref is that
    output."""
    projects = _projects_of(session, ids, "project_outputs")
    claimed = _claimed(ids, "project_outputs")

    def check(values):
        ref, project = values["ref"], values["project"]
        problems = project_rules.stays_with_problems("project", ref, project, projects.get(ref))
        problems = problems or _number_rule(claimed, project, ref, values["number"])
        if not problems:
            projects[ref] = project
        return problems

    return check


def _indicator_rule(session, ids, stored):
    """An indicator is in its output's project, stays with its output and has a number of its own there; a row with
    a stored indicator's ref is that indicator."""
    output_projects = _projects_of(session, ids, "project_outputs")
    projects = _projects_of(session, ids, "indicators")
    query = sa.select(ProjectIndicator.ref, ProjectOutput.ref).join(ProjectIndicator.output)
    outputs = dict(session.execute(query).all())
    claimed = _claimed(ids, "indicators")

    def check(values):
        ref, output, project = values["ref"], values["output"], values["project"]
        problems = project_rules.same_project_problems(output, project, output_projects.get(output))
        problems = problems or project_rules.stays_with_problems("output", ref, output, outputs.get(ref))
        problems = problems or _number_rule(claimed, output, ref, values["number"])
        if not problems:
            projects[ref] = project
        return problems

    return check


def _result_rule(session, ids, stored):
    """An actual value is in its indicator's project, for a year of that project's period (projects.rules), as the
    stored rows or the workbook's give them. A project or indicator whose row was refused is reported there."""
    projects = _projects_of(session, ids, "indicators")
    periods = _project_periods(session, ids)

    def check(values):
        indicator, project = values["indicator"], values["project"]
        problems = project_rules.same_project_problems(indicator, project, projects.get(indicator))
        if not problems and project in periods:
            problems = project_rules.result_period_problems(values["year"], *periods[project])
        return problems

    return check


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


def _project_priorities_settle(session, ids, rows):
    """Once the workbook is read: a project's row keeps, among its dialogues, one whose action plan holds each stored
    priority that the workbook leaves out and that the project is mapped to (projects.rules.priority_problems), the
    plans and their dialogues as the workbook leaves them. The plan_priorities sheet's rows judge their own mappings
    (_priority_rule), seeing the projects' dialogues as the workbook leaves them."""
    in_workbook = ids.get("priorities in the workbook", ())
    domain_plans = _plans_of(session, ids, "plan_domains")
    plan_dialogues = _dialogues_of(session, ids, "action_plans")
    project_dialogues = _dialogues_of(session, ids, "projects")
    query = (
        sa.select(
            Project.code,
            ActionPlanPriority.ref,
            ActionPlanPriority.code,
            ActionPlanPriority.title,
            ActionPlanDomain.ref,
        )
        .join(project_priorities, project_priorities.c.project_id == Project.id)
        .join(ActionPlanPriority, ActionPlanPriority.id == project_priorities.c.priority_id)
        .join(ActionPlanDomain, ActionPlanDomain.id == ActionPlanPriority.domain_id)
    )
    #: project code -> (name, the dialogues whose plan holds it) of each priority it stays mapped to
    mapped = defaultdict(list)
    for project, ref, code, title, domain in session.execute(query):
        dialogues = plan_dialogues.get(domain_plans.get(domain))
        if (project,) in rows and ref not in in_workbook and dialogues:
            mapped[project].append((code or title, dialogues))
    return [
        (rows[(project,)], "dialogue", message)
        for project, priorities in mapped.items()
        for _, message in project_rules.priority_problems(project_dialogues[project], priorities)
    ]


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


def _check_plan(values):
    return dialogue_rules.plan_period_problems(values["valid_from"], values["valid_until"])


def _check_priority(values):
    return dialogue_rules.champion_problems(values["champion"])


#: where the initiatives' rules name a form field, the workbook's column
_INITIATIVE_COLUMNS = {"priority_ids": "priorities", "cycle_id": "cycle", "reason": "return_reason"}


def _initiative_columns(problems: list[Problem]) -> list[Problem]:
    return [(_INITIATIVE_COLUMNS.get(name, name), message) for name, message in problems]


def _check_initiative(values):
    """The rules within an initiative's row: countries, budget, dates and review state (its priorities and cycle
    are checked against its plan by _initiative_rule)."""
    problems = initiative_rules.countries_problems(values["countries"])
    problems += initiative_rules.budget_problems(values["budget"], values["currency"])
    problems += period_problems(values["start_date"], values["end_date"])
    problems += initiative_rules.review_state_problems(values["review"], values["return_reason"])
    return _initiative_columns(problems)


def _stamp_review(fields, actor, creating):
    """A review state that the workbook sets is recorded as the importing user's, now (users are not in the
    workbook); a submitted initiative has no reviewer."""
    if "review" not in fields:
        return {}
    if fields["review"] == Review.SUBMITTED:
        return {"reviewed_by_id": None, "reviewed_at": None}
    return {"reviewed_by_id": actor.id if actor is not None else None, "reviewed_at": utcnow()}


#: the action plan of each stored domain, priority and cycle, by ref
_PLAN_OF = {
    "plan_domains": lambda: sa.select(ActionPlanDomain.ref, ActionPlan.ref).join(ActionPlanDomain.plan),
    "plan_priorities": lambda: (
        sa.select(ActionPlanPriority.ref, ActionPlan.ref).join(ActionPlanPriority.domain).join(ActionPlanDomain.plan)
    ),
    "collection_cycles": lambda: sa.select(CollectionCycle.ref, ActionPlan.ref).join(CollectionCycle.plan),
}


def _plans_of(session, ids, sheet: str) -> dict:
    """The action plan (ref) of each row of `sheet` (ref), stored or on the workbook's valid rows so far. Kept in
    `ids` under the sheet's name with a `plan of` prefix, so that the later sheets' rules see the earlier rows."""
    key = f"plan of {sheet}"
    if key not in ids:
        ids[key] = dict(session.execute(_PLAN_OF[sheet]()).all())
    return ids[key]


#: the dialogues (codes) of each stored action plan and project, every one listed even without dialogues
_DIALOGUES_OF = {
    "action_plans": lambda: (
        sa.select(ActionPlan.ref, Dialogue.code)
        .outerjoin(action_plan_dialogues, action_plan_dialogues.c.plan_id == ActionPlan.id)
        .outerjoin(Dialogue, Dialogue.id == action_plan_dialogues.c.dialogue_id)
    ),
    "projects": lambda: (
        sa.select(Project.code, Dialogue.code)
        .outerjoin(project_dialogues, project_dialogues.c.project_id == Project.id)
        .outerjoin(Dialogue, Dialogue.id == project_dialogues.c.dialogue_id)
    ),
}


def _dialogues_of(session, ids, sheet: str) -> dict[str, set[str]]:
    """The dialogues of each action plan (ref) or project (code), stored or on the workbook's valid rows so far;
    kept in `ids` as _plans_of keeps its maps."""
    key = f"dialogues of {sheet}"
    if key not in ids:
        found = defaultdict(set)
        for owner, code in session.execute(_DIALOGUES_OF[sheet]()):
            found[owner].update((code,) if code else ())
        ids[key] = dict(found)
    return ids[key]


def _noting_project_dialogues(rule):
    """The projects' rule, noting the dialogues of each valid row for the plan_priorities sheet's rule and the
    projects' settle."""

    def noting(session, ids, stored):
        check = rule(session, ids, stored)
        dialogues = _dialogues_of(session, ids, "projects")

        def noted(values):
            problems = check(values)
            if not problems:
                dialogues[values["code"]] = set(values["dialogue"])
            return problems

        return noted

    return noting


def _plan_rule(session, ids, stored):
    dialogues = _dialogues_of(session, ids, "action_plans")

    def check(values):
        dialogues[values["ref"]] = set(values["dialogues"])
        return []

    return check


def _noting_plans(sheet: str):
    """A rule that only notes each row's action plan, for the sheets read after it (domains, cycles)."""

    def rule(session, ids, stored):
        plans = _plans_of(session, ids, sheet)

        def check(values):
            plans[values["ref"]] = values["plan"]
            return []

        return check

    return rule


def _priority_rule(session, ids, stored):
    """A project is mapped only to priorities of the plans of dialogues it supports (projects.rules), as the stored
    rows or the workbook's give them. A plan or project whose row was refused is reported there."""
    domain_plans = _plans_of(session, ids, "plan_domains")
    plans = _plans_of(session, ids, "plan_priorities")
    plan_dialogues = _dialogues_of(session, ids, "action_plans")
    project_dialogues = _dialogues_of(session, ids, "projects")
    in_workbook = ids.setdefault("priorities in the workbook", set())

    def check(values):
        in_workbook.add(values["ref"])
        plan = plans[values["ref"]] = domain_plans.get(values["domain"])
        if plan not in plan_dialogues:
            return []
        priority = (values["code"] or values["title"], plan_dialogues[plan])
        return [
            ("projects", _l("list item %(item)s: %(message)s", item=project, message=message))
            for project in values["projects"]
            if project in project_dialogues
            for _, message in project_rules.priority_problems(project_dialogues[project], [priority])
        ]

    return check


def _initiative_rule(session, ids, stored):
    """An initiative's cycle and priorities belong to its action plan (initiatives.rules), whether stored or in the
    workbook. The workbook records closed cycles too: only the forms submit in open ones. A cycle or priority whose
    plan is unknown is on a row reported already."""
    cycle_plans = _plans_of(session, ids, "collection_cycles")
    priority_plans = _plans_of(session, ids, "plan_priorities")

    def check(values):
        plan = values["plan"]
        own = {ref for ref in values["priorities"] if priority_plans.get(ref) in (plan, None)}
        problems = initiative_rules.cycle_plan_problems(cycle_plans.get(values["cycle"]) or plan, plan)
        problems += initiative_rules.priorities_problems(values["priorities"], own)
        return _initiative_columns(problems)

    return check


def _organisation_year_taken(values):
    return organisation_rules.year_taken_problems(values["year"], {values["year"]})


def _check_organisation_year(values):
    return organisation_rules.organisation_year_problems(values["employees"], values["nationalities"])


def _member_taken(values):
    return organisation_rules.member_taken_problems(values["country"], {values["country"]})


def _check_member_state(values):
    return organisation_rules.member_state_problems(values["country"], values["joined_year"], values["left_year"])


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
            Column("members", ListOf(COUNTRY), "members", members=_dialogue_states(MemberStatus.MEMBER)),
            Column("started_on", DATE, "started_on"),
            _text_col("name_fr", Dialogue),
            _text_col("name_ru", Dialogue),
            Column("observers", ListOf(COUNTRY), "observers", members=_dialogue_states(MemberStatus.OBSERVER)),
            Column(
                "focus_countries",
                ListOf(COUNTRY),
                "focus_countries",
                members=_dialogue_states(MemberStatus.FOCUS_COUNTRY),
            ),
            Column(
                "member_organisations",
                ListOf(Ref("partners")),
                "member_organisations",
                members=_dialogue_organisations(MemberStatus.MEMBER),
            ),
            Column(
                "observer_organisations",
                ListOf(Ref("partners")),
                "observer_organisations",
                members=_dialogue_organisations(MemberStatus.OBSERVER),
            ),
        ),
        check=_check_dialogue_members,
        duplicate=_dialogue_code_taken,
        rule=_code_rule(Dialogue, dialogue_rules.code_problems),
        bulk=False,
    ),
    Sheet(
        "action_plans",
        ActionPlan,
        ("ref",),
        (
            _text_col("ref", ActionPlan, required=True),
            _text_col("title", ActionPlan, required=True),
            _text_col("title_fr", ActionPlan),
            _text_col("title_ru", ActionPlan),
            Column(
                "dialogues",
                ListOf(Ref("dialogues")),
                "dialogues",
                True,
                members=_members(
                    action_plan_dialogues.c.plan_id,
                    Dialogue.code,
                    (Dialogue, Dialogue.id == action_plan_dialogues.c.dialogue_id),
                ),
            ),
            Column("valid_from", DATE, "valid_from"),
            Column("valid_until", DATE, "valid_until"),
        ),
        check=_check_plan,
        rule=_plan_rule,
        bulk=False,
    ),
    Sheet(
        "plan_domains",
        ActionPlanDomain,
        ("ref",),
        (
            _text_col("ref", ActionPlanDomain, required=True),
            Column("plan", Ref("action_plans"), "plan_id", True),
            Column("position", POSITION, "position", True),
            _text_col("title", ActionPlanDomain, required=True),
        ),
        rule=_noting_plans("plan_domains"),
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
        "dialogue_groups",
        DialogueGroup,
        ("dialogue", "name"),
        (
            Column("dialogue", Ref("dialogues"), "dialogue_id", True),
            _text_col("name", DialogueGroup, required=True),
            Column("kind", EnumKind(GroupKind), "kind", True),
            _text_col("name_fr", DialogueGroup),
            _text_col("name_ru", DialogueGroup),
            Column("chairs", ListOf(COUNTRY), "chairs", members=_group_states(GroupRole.CHAIR)),
            Column("co_chairs", ListOf(COUNTRY), "co_chairs", members=_group_states(GroupRole.CO_CHAIR)),
            Column("states", ListOf(COUNTRY), "states", members=_group_states(GroupRole.MEMBER)),
            Column(
                "organisations",
                ListOf(Ref("partners")),
                "organisations",
                members=_members(
                    DialogueGroupMember.group_id,
                    Partner.ref,
                    (Partner, Partner.id == DialogueGroupMember.partner_id),
                ),
            ),
        ),
        check=_check_group_members,
        rule=_group_name_rule,
        bulk=False,
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
            Column(
                "gcm_objectives",
                ListOf(GCM_OBJECTIVE),
                "gcm_objectives",
                members=_members(ProjectGcmObjective.project_id, ProjectGcmObjective.code),
            ),
            Column("status", EnumKind(ProjectStatus), "status", True),
            Column("start_date", DATE, "start_date", True),
            Column("end_date", DATE, "end_date"),
            Column("currency", CURRENCY, "currency", True),
            Column("duty_station", Ref("duty_stations"), "duty_station_id"),
            Column(
                "dialogue",
                ListOf(Ref("dialogues")),
                "dialogues",
                members=_members(
                    project_dialogues.c.project_id,
                    Dialogue.code,
                    (Dialogue, Dialogue.id == project_dialogues.c.dialogue_id),
                ),
            ),
            _text_col("description", Project),
            _text_col("title_fr", Project),
            _text_col("title_ru", Project),
            _text_col("description_fr", Project),
            _text_col("description_ru", Project),
            Column("iati_published", FLAG, "iati_published"),
        ),
        check=_check_period,
        duplicate=_project_code_taken,
        rule=_noting_project_periods(_noting_project_dialogues(_code_rule(Project, project_rules.code_problems))),
        settle=_project_priorities_settle,
        bulk=False,
    ),
    Sheet(
        "plan_priorities",
        ActionPlanPriority,
        ("ref",),
        (
            _text_col("ref", ActionPlanPriority, required=True),
            Column("domain", Ref("plan_domains"), "domain_id", True),
            Column("position", POSITION, "position", True),
            _text_col("code", ActionPlanPriority),
            _text_col("title", ActionPlanPriority, required=True),
            Column("champion", COUNTRY, "champion"),
            Column(
                "projects",
                ListOf(Ref("projects")),
                "projects",
                members=_members(
                    project_priorities.c.priority_id,
                    Project.code,
                    (Project, Project.id == project_priorities.c.project_id),
                ),
            ),
        ),
        check=_check_priority,
        rule=_priority_rule,
        bulk=False,
    ),
    Sheet(
        "collection_cycles",
        CollectionCycle,
        ("ref",),
        (
            _text_col("ref", CollectionCycle, required=True),
            Column("plan", Ref("action_plans"), "plan_id", True),
            _text_col("name", CollectionCycle, required=True),
            Column("is_open", BOOLEAN, "is_open", True),
        ),
        rule=_noting_plans("collection_cycles"),
    ),
    Sheet(
        "initiatives",
        Initiative,
        ("ref",),
        (
            _text_col("ref", Initiative, required=True),
            Column("plan", Ref("action_plans"), "plan_id", True),
            Column("cycle", Ref("collection_cycles"), "cycle_id", True),
            Column("actor", Ref("partners"), "actor_id", True),
            _text_col("title", Initiative, required=True),
            Column(
                "priorities",
                ListOf(Ref("plan_priorities")),
                "priorities",
                True,
                members=_members(
                    initiative_priorities.c.initiative_id,
                    ActionPlanPriority.ref,
                    (ActionPlanPriority, ActionPlanPriority.id == initiative_priorities.c.priority_id),
                ),
            ),
            Column(
                "countries",
                ListOf(COUNTRY),
                "countries",
                members=_members(InitiativeCountry.initiative_id, InitiativeCountry.country),
            ),
            Column("budget", AMOUNT, "budget"),
            Column("currency", CURRENCY, "currency"),
            Column("start_date", DATE, "start_date"),
            Column("end_date", DATE, "end_date"),
            Column("status", EnumKind(InitiativeStatus), "status", True),
            _text_col("source", Initiative),
            Column("review", EnumKind(Review), "review", True),
            _text_col("return_reason", Initiative),
        ),
        check=_check_initiative,
        rule=_initiative_rule,
        stamp=_stamp_review,
        bulk=False,
    ),
    Sheet(
        "organisation_facts",
        OrganisationYear,
        ("year",),
        (
            Column("year", YEAR, "year", True),
            Column("employees", STAFF, "employees"),
            Column("nationalities", STAFF, "nationalities"),
        ),
        check=_check_organisation_year,
        duplicate=_organisation_year_taken,
    ),
    Sheet(
        "member_states",
        MemberState,
        ("country",),
        (
            Column("country", COUNTRY, "country", True),
            Column("joined_year", YEAR, "joined_year", True),
            Column("left_year", YEAR, "left_year"),
        ),
        check=_check_member_state,
        duplicate=_member_taken,
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
        "project_partners",
        ProjectPartner,
        ("project", "partner"),
        (
            Column("project", Ref("projects"), "project_id", True),
            Column("partner", Ref("partners"), "partner_id", True),
            Column("role", EnumKind(ImplementerRole), "role", True),
        ),
        duplicate=_implementer_taken,
        rule=_lead_rule,
    ),
    Sheet(
        "deliverables",
        Deliverable,
        ("ref",),
        (
            _text_col("ref", Deliverable, required=True),
            Column("project", Ref("projects"), "project_id", True),
            _text_col("title", Deliverable, required=True),
            _text_col("title_fr", Deliverable),
            _text_col("title_ru", Deliverable),
            Column("due_on", DATE, "due_on", True),
            Column("status", EnumKind(DeliverableStatus), "status", True),
            Column("delivered_on", DATE, "delivered_on"),
            _text_col("notes", Deliverable),
        ),
        check=_check_deliverable,
        duplicate=_deliverable_ref_taken,
    ),
    Sheet(
        "project_outputs",
        ProjectOutput,
        ("ref",),
        (
            _text_col("ref", ProjectOutput, required=True),
            Column("project", Ref("projects"), "project_id", True),
            Column("number", RESULT_NUMBER, "number", True),
            _text_col("title", ProjectOutput, required=True),
            _text_col("title_fr", ProjectOutput),
            _text_col("title_ru", ProjectOutput),
        ),
        rule=_output_rule,
        settle=_numbers_settle("project_outputs"),
        renumbered=("project_id", "number"),
    ),
    Sheet(
        "indicators",
        ProjectIndicator,
        ("ref",),
        (
            _text_col("ref", ProjectIndicator, required=True),
            Column("project", Ref("projects"), "project_id", True),
            Column("output", Ref("project_outputs"), "output_id", True),
            Column("number", RESULT_NUMBER, "number", True),
            _text_col("text", ProjectIndicator, required=True),
            _text_col("text_fr", ProjectIndicator),
            _text_col("text_ru", ProjectIndicator),
            _text_col("unit", ProjectIndicator),
            Column("baseline", MEASURE, "baseline"),
            Column("target", MEASURE, "target"),
        ),
        check=_check_indicator,
        rule=_indicator_rule,
        settle=_numbers_settle("indicators"),
        renumbered=("output_id", "number"),
    ),
    Sheet(
        "indicator_results",
        IndicatorResult,
        ("indicator", "year"),
        (
            Column("project", Ref("projects"), "project_id", True),
            Column("indicator", Ref("indicators"), "indicator_id", True),
            Column("year", YEAR, "year", True),
            Column("actual", MEASURE, "actual", True),
            _text_col("comment", IndicatorResult),
        ),
        check=_check_result,
        duplicate=_result_year_taken,
        rule=_result_rule,
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
