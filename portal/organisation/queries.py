"""Reads of the organisation's profile: the record, where its images are, and what a certificate prints of it."""

import base64
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.organisation.models import OrganisationProfile

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
