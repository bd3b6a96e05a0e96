"""Registration lists (XLSX or CSV) imported into an event: read, map columns, preview, then all or nothing."""

import csv
import io
import json
import re
import secrets
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from babel import Locale
from openpyxl import load_workbook

from portal.audit.services import batch
from portal.db import utcnow
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.i18n import KOSOVO, LANGUAGES, country_name, is_country
from portal.i18n import lazy_gettext as _l
from portal.participants.models import (
    Attendance,
    AttendanceMode,
    AttendanceRole,
    Gender,
    Person,
    RegistrationUpload,
    Sector,
)
from portal.participants.queries import (
    clean,
    in_batches,
    name_key,
    organisation_key,
    partners_by_name,
    people_by_email,
    people_by_ids,
    people_by_name,
    registered_person_ids,
)
from portal.participants.rules import MERGED_FIELDS, attendance_problems
from portal.participants.services import new_person_ref, update_person
from portal.uploads import SpreadsheetLimits, check_spreadsheet, decode_text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
#: what a registration list may be: the rows, a header and some blank rows, of at most 200 columns
LIMITS = SpreadsheetLimits(
    max_bytes=MAX_BYTES, max_unpacked=64 * 2**20, max_rows=MAX_ROWS + 50, max_columns=200, max_strings=200_000
)
#: uploads left behind (never imported) are deleted after this long
UPLOAD_LIFETIME = timedelta(days=1)
#: one @, no spaces, a dot in the domain: enough to catch typing slips without a per-row DNS lookup
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

#: (field, label, required): what a column of the file can be
FIELDS = (
    ("first_name", _l("First name"), True),
    ("last_name", _l("Last name"), True),
    ("email", _l("E-mail address"), False),
    ("gender", _l("Gender"), False),
    ("organisation", _l("Organisation"), False),
    ("sector", _l("Sector"), False),
    ("country", _l("Country"), False),
    ("language", _l("Language"), False),
    ("role", _l("Role"), False),
    ("mode", _l("Mode"), False),
    ("attended", _l("Attended"), False),
    ("consent", _l("Consent"), False),
)
FIELD_NAMES = tuple(name for name, _, _ in FIELDS)

#: header words that suggest a field when the columns are first mapped
HEADER_HINTS = {
    "first_name": ("first name", "firstname", "first", "given name", "prénom", "prenom", "имя"),
    "last_name": ("last name", "lastname", "last", "surname", "family name", "nom", "фамилия"),
    "email": ("email", "e-mail", "e-mail address", "email address", "mail", "courriel"),
    "gender": ("gender", "sex", "genre"),
    "organisation": ("organisation", "organization", "institution", "organisme", "employer", "agency"),
    "sector": ("sector", "secteur"),
    "country": ("country", "pays", "nationality", "страна"),
    "language": ("language", "langue", "язык"),
    "role": ("role", "rôle", "function"),
    "mode": ("mode", "participation", "attendance mode"),
    "attended": ("attended", "present", "présent", "attendance"),
    "consent": ("consent", "consentement"),
}

GENDER_WORDS = {
    **{g.value: g for g in Gender},
    "f": Gender.FEMALE,
    "woman": Gender.FEMALE,
    "w": Gender.FEMALE,
    "m": Gender.MALE,
    "man": Gender.MALE,
    "non-binary": Gender.OTHER,
    "nonbinary": Gender.OTHER,
    "diverse": Gender.OTHER,
    "prefer not to say": Gender.UNDISCLOSED,
    "not disclosed": Gender.UNDISCLOSED,
    "n/a": Gender.UNDISCLOSED,
}
SECTOR_WORDS = {
    **{s.value: s for s in Sector},
    "international org": Sector.INTERNATIONAL_ORG,
    "international organisation": Sector.INTERNATIONAL_ORG,
    "international organization": Sector.INTERNATIONAL_ORG,
    "io": Sector.INTERNATIONAL_ORG,
    "un": Sector.INTERNATIONAL_ORG,
    "academia and civil society": Sector.ACADEMIA_CIVIL_SOCIETY,
    "academia": Sector.ACADEMIA_CIVIL_SOCIETY,
    "civil society": Sector.ACADEMIA_CIVIL_SOCIETY,
    "ngo": Sector.ACADEMIA_CIVIL_SOCIETY,
    "private sector": Sector.PRIVATE_SECTOR,
    "private": Sector.PRIVATE_SECTOR,
    "public sector": Sector.GOVERNMENT,
    "public": Sector.GOVERNMENT,
}
ROLE_WORDS = {**{r.value: r for r in AttendanceRole}, "organizer": AttendanceRole.ORGANISER}
MODE_WORDS = {
    **{m.value: m for m in AttendanceMode},
    "in person": AttendanceMode.IN_PERSON,
    "in-person": AttendanceMode.IN_PERSON,
    "on site": AttendanceMode.IN_PERSON,
    "onsite": AttendanceMode.IN_PERSON,
    "on-site": AttendanceMode.IN_PERSON,
    "remote": AttendanceMode.ONLINE,
    "virtual": AttendanceMode.ONLINE,
}
YES = {"yes", "y", "true", "1", "x", "oui"}
NO = {"no", "n", "false", "0", "non"}
LANGUAGE_WORDS = {
    **{code: code for code in LANGUAGES},
    "english": "en",
    "french": "fr",
    "russian": "ru",
    "français": "fr",
    "русский": "ru",
}


def _word(value: str) -> str:
    return clean(value).casefold().replace("_", " ")


def _lookup(words: dict, value: str):
    text = _word(value)
    return words.get(text, words.get(text.replace(" ", "_")))


_COUNTRY_NAMES: dict[str, str] | None = None


def _country_code(value: str) -> str | None:
    global _COUNTRY_NAMES
    text = clean(value)
    if len(text) == 2 and is_country(text):
        return text.upper()
    if _COUNTRY_NAMES is None:
        names = {name.casefold(): code for code, name in Locale.parse("en").territories.items() if is_country(code)}
        _COUNTRY_NAMES = {**names, "kosovo": KOSOVO, "kosovo*": KOSOVO}
    return _COUNTRY_NAMES.get(text.casefold())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_file(filename: str, content: bytes) -> None:
    """Refuse what is not a registration list: the upload check of every spreadsheet, with LIMITS."""
    problem = check_spreadsheet(filename, io.BytesIO(content), LIMITS)
    if problem:
        raise DomainError("file", problem)


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-empty rows of the file's first sheet, each row with its number as a spreadsheet shows
    it."""
    check_file(filename, content)
    raw = _xlsx_rows(content) if filename.lower().endswith(".xlsx") else _csv_rows(content)
    rows = [(number, [_cell_text(v) for v in values]) for number, values in raw]
    rows = [(number, values) for number, values in rows if any(values)]
    if not rows:
        raise DomainError("file", _l("The file has no rows."))
    (_, header), body = rows[0], rows[1:]
    if len(body) > MAX_ROWS:
        raise DomainError("file", _l("The file has more than %(n)d rows.", n=MAX_ROWS))
    width = len(header)
    return header, [(number, (values + [""] * width)[:width]) for number, values in body]


def _xlsx_rows(content: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise DomainError("file", _l("The workbook could not be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(values)))
            if len(rows) > MAX_ROWS + 50:
                break
        return rows
    finally:
        workbook.close()


def _csv_rows(content: bytes):
    text = decode_text(content)
    if text is None:
        raise DomainError("file", _l("Save the CSV file as UTF-8."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if len(row) > LIMITS.max_columns:
                raise DomainError("file", _l("A row of the file has more than %(n)s cells.", n=LIMITS.max_columns))
            rows.append((number, row))
    except csv.Error as error:
        raise DomainError("file", _l("The CSV file could not be read.")) from error
    return rows


def guess_mapping(header: list[str]) -> dict[str, int]:
    """A first mapping from the header's words; the user checks and corrects it."""
    mapping = {}
    for index, title in enumerate(header):
        text = _word(title)
        for name, hints in HEADER_HINTS.items():
            if name not in mapping and text in hints:
                mapping[name] = index
                break
    return mapping


def clean_mapping(raw: dict, width: int) -> dict[str, int]:
    """Keep the fields mapped to an existing column; each column serves one field at most."""
    mapping, used = {}, set()
    for name in FIELD_NAMES:
        try:
            index = int(raw.get(name))
        except (TypeError, ValueError):
            continue
        if 0 <= index < width and index not in used:
            mapping[name] = index
            used.add(index)
    return mapping


def missing_fields(mapping: dict[str, int]) -> list[str]:
    return [name for name, _, required in FIELDS if required and name not in mapping]


#: what a matched person's record may be updated with from the list, when the file says something else: the
#: fields an officer chooses between when two records become one
COMPARED_FIELDS = MERGED_FIELDS
FIELD_LABELS = {name: label for name, label, _ in FIELDS}


@dataclass(frozen=True)
class Difference:
    """A field where the file says something else than the matched person's record, as both are shown."""

    field: str
    label: object
    record: str
    file: str


@dataclass
class Row:
    number: int
    values: dict
    status: str = "create"  # create, match, registered, reject
    person_id: int | None = None
    matched_by: str | None = None
    reasons: list = field(default_factory=list)
    #: the fields the file fills for this row (a blank cell says nothing, and differs from nothing)
    given: set = field(default_factory=set)
    #: for a matched person, where the file differs from the record
    differences: list[Difference] = field(default_factory=list)


@dataclass
class Preview:
    header: list[str]
    mapping: dict[str, int]
    rows: list[Row]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def rejected(self) -> list[Row]:
        return [row for row in self.rows if row.status == "reject"]

    @property
    def differing(self) -> list[Row]:
        """The matched rows whose file values differ from the person's record."""
        return [row for row in self.rows if row.differences]


def _parse(number: int, cells: list[str], mapping: dict[str, int], partners: dict[str, int]) -> Row:
    raw = {name: cells[index] for name, index in mapping.items()}
    values, reasons = {}, []
    values["first_name"] = clean(raw.get("first_name"))[:120]
    values["last_name"] = clean(raw.get("last_name"))[:120]
    if not values["first_name"]:
        reasons.append(_l("missing first name"))
    if not values["last_name"]:
        reasons.append(_l("missing last name"))
    email = clean(raw.get("email"))
    values["email"] = None
    if email and EMAIL.match(email) and len(email) <= 254:
        values["email"] = email
    elif email:
        reasons.append(_l("invalid e-mail address “%(value)s”", value=email[:80]))
    for name, words, default, message in (
        ("gender", GENDER_WORDS, Gender.UNDISCLOSED, _l("unknown gender “%(value)s”")),
        ("sector", SECTOR_WORDS, Sector.OTHER, _l("unknown sector “%(value)s”")),
        ("role", ROLE_WORDS, AttendanceRole.PARTICIPANT, _l("unknown role “%(value)s”")),
        ("mode", MODE_WORDS, None, _l("unknown mode “%(value)s”")),
        ("language", LANGUAGE_WORDS, None, _l("unknown language “%(value)s”")),
    ):
        text = clean(raw.get(name))
        values[name] = _lookup(words, text) if text else default
        if text and values[name] is None:
            reasons.append(message % {"value": text[:40]})
    country = clean(raw.get("country"))
    values["country"] = _country_code(country) if country else None
    if country and values["country"] is None:
        reasons.append(_l("unknown country “%(value)s”", value=country[:60]))
    for name in ("attended", "consent"):
        text = _word(raw.get(name) or "")
        if text and text not in YES | NO:
            reasons.append(_l("“%(value)s” is not yes or no", value=text[:20]))
        values[name] = text in YES
    organisation = clean(raw.get("organisation"))[:255]
    values["organisation"] = organisation
    values["organisation_id"] = partners.get(organisation.casefold()) if organisation else None
    values["organisation_name"] = None if values["organisation_id"] else organisation or None
    given = {name for name, text in raw.items() if clean(text)}
    return Row(number, values, "reject" if reasons else "create", reasons=reasons, given=given)


def build_preview(
    event: Event, header: list[str], rows: list[tuple[int, list[str]]], mapping: dict[str, int]
) -> Preview:
    """What the import would do with each row: create a person, match an existing one, or reject it (why)."""
    partners = partners_by_name()
    parsed = [_parse(number, cells, mapping, partners) for number, cells in rows]
    seen_email, seen_name = {}, {}
    for row in parsed:
        if row.status == "reject":
            continue
        email_key = row.values["email"].lower() if row.values["email"] else None
        org = organisation_key(row.values["organisation_id"], row.values["organisation_name"])
        key = (name_key(row.values["first_name"], row.values["last_name"]), org) if org else None
        earlier = seen_email.get(email_key) if email_key else None
        earlier = earlier or (seen_name.get(key) if key else None)
        if earlier:
            row.status = "reject"
            row.reasons.append(_l("the same person as row %(row)d", row=earlier))
            continue
        if email_key:
            seen_email[email_key] = row.number
        if key:
            seen_name[key] = row.number
    valid = [row for row in parsed if row.status != "reject"]
    by_email = people_by_email({row.values["email"].lower() for row in valid if row.values["email"]})
    by_name = people_by_name({row.values["last_name"].casefold() for row in valid})
    registered = registered_person_ids(event.id)
    matched = {}
    for row in valid:
        email_key = row.values["email"].lower() if row.values["email"] else None
        org = organisation_key(row.values["organisation_id"], row.values["organisation_name"])
        if email_key and email_key in by_email:
            row.person_id, row.matched_by = by_email[email_key], "email"
        elif org and (name_key(row.values["first_name"], row.values["last_name"]), org) in by_name:
            row.person_id = by_name[(name_key(row.values["first_name"], row.values["last_name"]), org)]
            row.matched_by = "name"
        if row.person_id and row.person_id in matched:
            row.reasons.append(_l("the same person as row %(row)d", row=matched[row.person_id]))
            row.status, row.person_id = "reject", None
        elif row.person_id:
            matched[row.person_id] = row.number
            # the attendance rule: a person is registered once; the list leaves them as they are
            row.status = "registered" if attendance_problems(row.person_id, registered) else "match"
    matched_rows = [row for row in parsed if row.person_id]
    people = people_by_ids({row.person_id for row in matched_rows})
    for row in matched_rows:
        row.differences = differences(people[row.person_id], row)
    return Preview(header, mapping, parsed)


def _file_value(row: Row, name: str):
    """The row's value of a compared field, as the record holds it."""
    if name == "organisation":
        return row.values["organisation_id"], row.values["organisation_name"]
    return row.values[name]


def _record_value(person: Person, name: str):
    if name == "organisation":
        return person.organisation_id, person.organisation_name
    return getattr(person, name)


def _same(name: str, record, file) -> bool:
    if name in ("first_name", "last_name"):
        return clean(record).casefold() == clean(file).casefold()
    if name == "email":
        return (record or "").strip().lower() == (file or "").strip().lower()
    if name == "organisation":
        return record[0] == file[0] and clean(record[1]).casefold() == clean(file[1]).casefold()
    return record == file


def _shown(name: str, value, person: Person | None = None, row: Row | None = None) -> str:
    if name == "organisation":
        return person.organisation_label if person is not None else row.values["organisation"]
    if name == "country":
        return country_name(value)
    if name == "language":
        return LANGUAGES.get(value, value or "")
    if name == "consent":
        return str(_l("yes") if value else _l("no"))
    if hasattr(value, "label"):
        return str(value.label)
    return value or ""


def differences(person: Person, row: Row) -> list[Difference]:
    """Where the row's filled cells say something else than the person's record (names compared whatever their
    case; an e-mail address only when the person was matched by name, as matching by e-mail found the address)."""
    found = []
    for name in COMPARED_FIELDS:
        if name not in row.given or (name == "email" and row.matched_by == "email"):
            continue
        record, file = _record_value(person, name), _file_value(row, name)
        if not _same(name, record, file):
            label = FIELD_LABELS[name]
            found.append(Difference(name, label, _shown(name, record, person=person), _shown(name, file, row=row)))
    return found


def chosen_updates(form) -> set[int]:
    """The rows whose person the officer chose to update from the file (update-<row>=update; keep by default)."""
    rows = set()
    for key, value in form.items():
        name, _, number = key.partition("-")
        if name == "update" and value == "update" and number.isdecimal() and len(number) < 7:
            rows.add(int(number))
    return rows


def _updated_values(person: Person, row: Row) -> dict:
    """The person's values, with those where the file differs taken from the file."""
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "gender": person.gender,
        "email": person.email,
        "organisation_id": person.organisation_id,
        "organisation_name": person.organisation_name,
        "sector": person.sector,
        "country": person.country,
        "language": person.language,
        "consent": person.consent,
    }
    for difference in row.differences:
        if difference.field == "organisation":
            data["organisation_id"] = row.values["organisation_id"]
            data["organisation_name"] = row.values["organisation_name"]
        else:
            data[difference.field] = row.values[difference.field]
    return data


def _update_people(rows: list[Row], *, actor) -> int:
    """Update each chosen person's record through the participants' one write path; a refusal names its row."""
    people = people_by_ids({row.person_id for row in rows})
    for row in rows:
        try:
            update_person(people[row.person_id], _updated_values(people[row.person_id], row), actor=actor)
        except DomainError as error:
            raise DomainError(None, _l("Row %(n)d: %(message)s", n=row.number, message=error.message)) from None
    return len(rows)


def _table_json(header: list[str], rows: list[tuple[int, list[str]]]) -> str:
    return json.dumps({"header": header, "rows": rows}, ensure_ascii=False)


def load_table(upload: RegistrationUpload) -> tuple[list[str], list[tuple[int, list[str]]]]:
    table = json.loads(upload.table)
    return table["header"], [(number, cells) for number, cells in table["rows"]]


def store_upload(event: Event, *, filename: str, content: bytes, actor) -> RegistrationUpload:
    """Read an uploaded list once and keep its rows until they are imported, with a first guess of the columns;
    leftovers older than a day are deleted."""
    header, rows = read_table(filename, content)
    db.session.execute(sa.delete(RegistrationUpload).where(RegistrationUpload.created_at < utcnow() - UPLOAD_LIFETIME))
    upload = RegistrationUpload(
        token=secrets.token_urlsafe(24),
        event=event,
        user_id=actor.id,
        filename=filename[-255:],
        table=_table_json(header, rows),
        mapping=json.dumps(guess_mapping(header)),
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def replace_file(upload: RegistrationUpload, *, filename: str, content: bytes) -> None:
    """Put a corrected file in place of the uploaded one; the column mapping stays when the header still fits."""
    header, rows = read_table(filename, content)
    upload.filename, upload.table = filename[-255:], _table_json(header, rows)
    upload.mapping = json.dumps(clean_mapping(load_mapping(upload), len(header)))
    db.session.flush()


def load_mapping(upload: RegistrationUpload) -> dict:
    try:
        return json.loads(upload.mapping or "{}")
    except ValueError:
        return {}


def save_mapping(upload: RegistrationUpload, raw: dict) -> dict[str, int]:
    """Store the columns chosen for each field."""
    header, _ = load_table(upload)
    mapping = clean_mapping(raw, len(header))
    upload.mapping = json.dumps(mapping)
    db.session.flush()
    return mapping


def preview_upload(upload: RegistrationUpload) -> Preview:
    """The preview of a stored upload with its stored mapping."""
    header, rows = load_table(upload)
    return build_preview(upload.event, header, rows, clean_mapping(load_mapping(upload), len(header)))


def _insert(model, rows: list[dict], log) -> list[int]:
    """Insert many rows in batches (bulk, for a 2,000-row list in seconds) and name them in the audit batch."""
    ids = []
    for chunk in in_batches(rows):
        ids += db.session.scalars(sa.insert(model).returning(model.id, sort_by_parameter_order=True), chunk).all()
    log.add(model.__name__, ids)
    return ids


def commit_upload(upload: RegistrationUpload, *, actor, updates: set[int] = frozenset()) -> dict[str, int]:
    """Import every row, or nothing when a row is rejected or a required column is not mapped. The matched people of
    the rows numbered in `updates` get the file's values where they differ; the others keep their records."""
    preview = preview_upload(upload)
    if missing_fields(preview.mapping):
        raise DomainError(None, _l("Choose the columns that hold the first and last names."))
    if preview.rejected:
        raise DomainError(
            None,
            _l(
                "Nothing was imported: %(n)d rows are rejected. Correct the file and upload it again.",
                n=len(preview.rejected),
            ),
        )
    event, now = upload.event, utcnow()
    new_people = [
        {
            "ref": new_person_ref(),
            "first_name": v["first_name"],
            "last_name": v["last_name"],
            "gender": v["gender"],
            "email": v["email"],
            "email_key": v["email"].lower() if v["email"] else None,
            "organisation_id": v["organisation_id"],
            "organisation_name": v["organisation_name"],
            "sector": v["sector"],
            "country": v["country"],
            "language": v["language"],
            "consent": v["consent"],
            "consent_recorded_at": now,
            "consent_recorded_by_id": actor.id,
        }
        for v in (row.values for row in preview.rows if row.status == "create")
    ]
    with batch("registration_list", f"event {event.ref}") as log:
        updated = _update_people([row for row in preview.differing if row.number in updates], actor=actor)
        created = iter(_insert(Person, new_people, log))
        attendances = [
            {
                "event_id": event.id,
                "person_id": next(created) if row.status == "create" else row.person_id,
                "role": row.values["role"],
                "mode": row.values["mode"],
                "attended": row.values["attended"],
            }
            for row in preview.rows
            if row.status != "registered"
        ]
        _insert(Attendance, attendances, log)
        db.session.delete(upload)
    return {**{status: preview.count(status) for status in ("create", "match", "registered")}, "updated": updated}
