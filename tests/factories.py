"""Plain helpers that add rows for tests; each flushes and returns what it made, none commits."""

import itertools
from datetime import date
from decimal import Decimal

from portal.accounts.models import Role, User
from portal.dialogues.models import Dialogue
from portal.events.models import Event, EventMode, EventType
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.participants.models import Attendance, Gender, Person, Sector
from portal.partners.models import Partner, PartnerType
from portal.projects.models import Project, ProjectStatus
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea

_seq = itertools.count(1)


def _next() -> int:
    return next(_seq)


def _add(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


def user(role=Role.OFFICER, password="correct horse battery staple", **kwargs):
    n = _next()
    obj = User(
        email=kwargs.pop("email", f"user{n}@example.org"),
        name=kwargs.pop("name", f"User {n}"),
        role=Role(role),
        **kwargs,
    )
    obj.set_password(password)
    return _add(obj)


def region(code=None, name=None):
    code = code or f"R{_next()}"
    return _add(Region(code=code, name=name or f"Region {code}"))


def thematic_area(code=None, name=None, **kwargs):
    code = code or f"T{_next()}"
    return _add(ThematicArea(code=code, name=name or f"Theme {code}", **kwargs))


def donor_category(code=None, name=None):
    code = code or f"D{_next()}"
    return _add(DonorCategory(code=code, name=name or f"Donors {code}"))


def rate(currency, year, value):
    return _add(ExchangeRate(currency=currency, year=year, rate=Decimal(str(value))))


def duty_station(city="Vienna", country="AT", ref=None, opened_on=None, closed_on=None):
    return _add(
        DutyStation(ref=ref or f"DS{_next()}", city=city, country=country, opened_on=opened_on, closed_on=closed_on)
    )


def partner(name=None, type=PartnerType.GOVERNMENT, donor_category=None, **kwargs):
    n = _next()
    return _add(
        Partner(
            ref=kwargs.pop("ref", f"P{n}"),
            name=name or f"Partner {n}",
            type=type,
            donor_category=donor_category,
            **kwargs,
        )
    )


def project(
    region=None,
    status=ProjectStatus.ACTIVE,
    start_date=date(2020, 1, 1),
    end_date=None,
    currency="EUR",
    countries=(),
    dialogue=None,
    **kwargs,
):
    """A project; `dialogue` is a single dialogue it supports, `dialogues` several."""
    if dialogue is not None:
        kwargs["dialogues"] = [dialogue]
    n = _next()
    obj = Project(
        code=kwargs.pop("code", f"PRJ-{n:04d}"),
        title=kwargs.pop("title", f"Project {n}"),
        region=region or globals()["region"](),
        status=status,
        start_date=start_date,
        end_date=end_date,
        currency=currency,
        **kwargs,
    )
    obj.countries = countries
    return _add(obj)


def contribution(project, donor, amount, currency="EUR", signed_on=date(2020, 1, 1)):
    return _add(
        Contribution(
            ref=f"C{_next()}",
            project=project,
            donor=donor,
            amount=Decimal(str(amount)),
            currency=currency,
            signed_on=signed_on,
        )
    )


def expenditure(project, year, amount, currency=None):
    return _add(
        Expenditure(project=project, year=year, amount=Decimal(str(amount)), currency=currency or project.currency)
    )


def revenue(year, amount, type=RevenueType.MEMBERSHIP, partner=None, currency="EUR"):
    return _add(
        Revenue(
            ref=f"REV{_next()}", year=year, type=type, partner=partner, amount=Decimal(str(amount)), currency=currency
        )
    )


def dialogue(code=None, name=None, **kwargs):
    code = code or f"DLG{_next()}"
    members = kwargs.pop("members", ())
    obj = Dialogue(code=code, name=name or f"Dialogue {code}", **kwargs)
    obj.members = members
    return _add(obj)


def event(
    start_date=date(2021, 3, 1),
    end_date=None,
    type=EventType.WORKSHOP,
    mode=EventMode.IN_PERSON,
    city="Vienna",
    country="AT",
    **kwargs,
):
    n = _next()
    return _add(
        Event(
            ref=kwargs.pop("ref", f"EV{n}"),
            title=kwargs.pop("title", f"Event {n}"),
            type=type,
            start_date=start_date,
            end_date=end_date or start_date,
            mode=mode,
            city=city if mode != EventMode.ONLINE else kwargs.pop("city_online", None),
            country=country if mode != EventMode.ONLINE else None,
            **kwargs,
        )
    )


def person(first_name="Ana", last_name=None, gender=Gender.FEMALE, sector=Sector.GOVERNMENT, **kwargs):
    n = _next()
    return _add(
        Person(
            ref=kwargs.pop("ref", f"PER{n}"),
            first_name=first_name,
            last_name=last_name or f"Person{n}",
            gender=gender,
            sector=sector,
            **kwargs,
        )
    )


def attendance(event, person, attended=True, **kwargs):
    return _add(Attendance(event=event, person=person, attended=attended, **kwargs))
