import re

import sqlalchemy as sa

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea
from portal.reference.rules import dac_sector_problems, duty_station_problems, rate_problems
from portal.rules import enforce

#: the fields that must be unique together, and the form field a clash is reported on
UNIQUE = {
    Region: (("code",), "code"),
    ThematicArea: (("code",), "code"),
    DonorCategory: (("code",), "code"),
    ExchangeRate: (("currency", "year"), "year"),
    DutyStation: (("ref",), "ref"),
}

#: how the tables that may point at reference data are named to the reader
TABLE_LABELS = {
    "projects": _l("projects"),
    "project_thematic_areas": _l("projects"),
    "partners": _l("partners"),
    "dialogues": _l("dialogues"),
    "events": _l("events"),
}


def suggest_ref(column, prefix: str, width: int = 4) -> str:
    """The next free reference `prefix` + number (P-0001, P-0002 ...) for a unique text column."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [
        int(m.group(1))
        for ref in db.session.scalars(sa.select(column).where(column.like(f"{prefix}%")))
        if (m := pattern.fullmatch(ref or ""))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def _check_unique(model, values: dict, exclude_id: int | None) -> None:
    fields, report_on = UNIQUE[model]
    query = sa.select(model.id).where(*(getattr(model, f) == values[f] for f in fields))
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    if db.session.scalar(query) is not None:
        if model is ExchangeRate:
            raise DomainError(
                report_on,
                _l(
                    "There is already a rate for %(currency)s in %(year)s.",
                    currency=values["currency"],
                    year=values["year"],
                ),
            )
        raise DomainError(report_on, _l("This value is already used by another record."))


def _check_rules(model, values: dict) -> None:
    if model is ExchangeRate:
        enforce(rate_problems(values.get("rate")))
    elif model is DutyStation:
        enforce(duty_station_problems(values.get("opened_on"), values.get("closed_on")))
    elif model is ThematicArea:
        enforce(dac_sector_problems(values.get("dac_sectors")))


def create_reference_item(model, values: dict):
    """Add a reference record (region, thematic area, donor category, exchange rate or duty station)."""
    _check_rules(model, values)
    _check_unique(model, values, None)
    obj = model(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def update_reference_item(obj, values: dict):
    """Change a reference record; unique fields stay unique."""
    _check_rules(type(obj), {**_current(obj), **values})
    _check_unique(type(obj), values, obj.id)
    for name, value in values.items():
        setattr(obj, name, value)
    db.session.flush()
    return obj


def _current(obj) -> dict:
    return {column.key: getattr(obj, column.key) for column in obj.__table__.columns}


def count_uses(obj) -> dict[str, int]:
    """How many rows of each other table point at `obj`, by table name (only tables that do)."""
    table = type(obj).__table__
    counts: dict[str, int] = {}
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                count = db.session.scalar(
                    sa.select(sa.func.count()).select_from(other).where(fk.parent == getattr(obj, fk.column.key))
                )
                if count:
                    counts[other.name] = counts.get(other.name, 0) + count
    return counts


def delete_reference_item(obj) -> None:
    """Remove a reference record that nothing uses; otherwise say what still uses it."""
    used = count_uses(obj)
    if used:
        where = ", ".join(f"{TABLE_LABELS.get(name, name)}: {count}" for name, count in sorted(used.items()))
        label = getattr(obj, "display_name", None) or getattr(obj, "display_city", None) or obj.id
        raise DomainError(
            None,
            _l(
                "%(label)s cannot be deleted while it is in use (%(where)s). Change those records first.",
                label=label,
                where=where,
            ),
        )
    db.session.delete(obj)
    db.session.flush()
