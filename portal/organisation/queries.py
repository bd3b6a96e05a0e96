"""Reads of the organisation's profile (the record, where its images are, what a certificate prints of it) and of
its own facts: staff and nationalities by year, and the member states."""

import base64
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.organisation.models import MemberState, OrganisationProfile, OrganisationYear

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}


@dataclass(frozen=True)
class Letterhead:
    """What a certificate shows of the organisation; the images as data: URLs, so the PDF fetches nothing."""

    name: str | None
    logo: str | None
    signatory_name: str | None
    signatory_title: str | None
    signature: str | None


def profile() -> OrganisationProfile | None:
    """The organisation's profile, None until an admin first saves it."""
    return db.session.scalar(sa.select(OrganisationProfile).order_by(OrganisationProfile.id).limit(1))


def image_folder() -> Path:
    """Where the logo and signature are kept: the instance folder, outside what the web server serves."""
    return Path(current_app.instance_path) / "organisation"


def image_path(name: str | None) -> Path | None:
    """The stored image of that generated name, None when there is none (or the name is not one of ours)."""
    if not name or Path(name).name != name or Path(name).suffix not in IMAGE_TYPES:
        return None
    path = image_folder() / name
    return path if path.is_file() else None


def _data_url(name: str | None) -> str | None:
    path = image_path(name)
    if path is None:
        return None
    return f"data:{IMAGE_TYPES[path.suffix]};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def letterhead(default_name: str | None = None) -> Letterhead:
    """The organisation as certificates print it; `default_name` (the ORGANISATION_NAME setting) until a name is
    saved."""
    record = profile()
    if record is None:
        return Letterhead(default_name or None, None, None, None, None)
    return Letterhead(
        name=record.name or default_name or None,
        logo=_data_url(record.logo),
        signatory_name=record.signatory_name,
        signatory_title=record.signatory_title,
        signature=_data_url(record.signature),
    )


@dataclass(frozen=True)
class OrganisationFacts:
    """The organisation's own figures of a year; None where nothing was entered."""

    employees: int | None
    nationalities: int | None
    #: states that are members at the end of the year
    member_states: int | None


def organisation_facts(session, year: int) -> OrganisationFacts:
    """The year's staff, nationalities and member states (those that joined by the year and had not left by its
    end); member_states is None while no state is recorded as a member by that year."""
    record = session.scalar(sa.select(OrganisationYear).where(OrganisationYear.year == year))
    joined, members = session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count().filter(sa.or_(MemberState.left_year.is_(None), MemberState.left_year > year)),
        ).where(MemberState.joined_year <= year)
    ).one()
    return OrganisationFacts(
        employees=record.employees if record else None,
        nationalities=record.nationalities if record else None,
        member_states=members if joined else None,
    )


def organisation_years(session) -> list[OrganisationYear]:
    """Every year with facts entered, the latest first."""
    return list(session.scalars(sa.select(OrganisationYear).order_by(OrganisationYear.year.desc())))


def member_states(session, year: int | None = None) -> list[MemberState]:
    """The membership, past and present, in the order the states joined; with `year`, the states that are members
    at the end of that year (as organisation_facts counts them)."""
    query = sa.select(MemberState).order_by(MemberState.joined_year, MemberState.country)
    if year is not None:
        query = query.where(
            MemberState.joined_year <= year, sa.or_(MemberState.left_year.is_(None), MemberState.left_year > year)
        )
    return list(session.scalars(query))
