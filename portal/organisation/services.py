import io
import secrets
from pathlib import Path

import sqlalchemy as sa
from PIL import Image

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.organisation.models import MemberState, OrganisationProfile, OrganisationYear
from portal.organisation.queries import profile
from portal.organisation.rules import (
    image_problems,
    member_state_problems,
    member_taken_problems,
    organisation_year_problems,
    year_taken_problems,
)
from portal.rules import enforce

#: (column, form field with the new file, form field asking to remove it)
IMAGE_FIELDS = (("logo", "logo_file", "remove_logo"), ("signature", "signature_file", "remove_signature"))
TEXT_FIELDS = ("name", "signatory_name", "signatory_title")
#: pixels on the longer side of a stored image: a logo 8 cm wide printed at 300 dpi needs 945
STORED_SIDE = 1200


def store_image(field: str, content: bytes, folder: Path) -> str:
    """Check an uploaded image, write it anew (pixels only, at most STORED_SIDE pixels a side: no metadata, nothing
    hidden after the image) under a generated name in `folder`, and return that name."""
    enforce(image_problems(field, content))
    try:
        with Image.open(io.BytesIO(content), formats=["PNG", "JPEG"]) as image:
            image.load()
            is_png = image.format == "PNG"
            image.thumbnail((STORED_SIDE, STORED_SIDE))
            output = io.BytesIO()
            if is_png:
                image.save(output, "PNG", optimize=True)
            else:
                image.convert("RGB").save(output, "JPEG", quality=92)
    except (OSError, ValueError) as error:
        raise DomainError(field, _l("The image could not be read.")) from error
    name = f"{secrets.token_hex(16)}.{'png' if is_png else 'jpg'}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(output.getvalue())
    return name


def update_profile(data, *, folder: Path) -> OrganisationProfile:
    """Save the organisation's name, signatory and images; an image file given replaces the stored one, which stays
    on disk for the History to name."""
    record = profile()
    if record is None:
        record = OrganisationProfile()
        db.session.add(record)
    for name in TEXT_FIELDS:
        setattr(record, name, (data.get(name) or "").strip() or None)
    for column, file_field, remove_field in IMAGE_FIELDS:
        if data.get(file_field):
            setattr(record, column, store_image(file_field, data[file_field], folder))
        elif data.get(remove_field):
            setattr(record, column, None)
    db.session.flush()
    return record


def save_organisation_year(values: dict, record: OrganisationYear | None = None) -> OrganisationYear:
    """Add a year's facts, or change them (`record`); one record a year."""
    enforce(organisation_year_problems(values.get("employees"), values.get("nationalities")))
    taken = sa.select(OrganisationYear.year).where(OrganisationYear.year == values["year"])
    if record is not None:
        taken = taken.where(OrganisationYear.id != record.id)
    enforce(year_taken_problems(values["year"], set(db.session.scalars(taken))))
    if record is None:
        record = OrganisationYear()
        db.session.add(record)
    for name in ("year", "employees", "nationalities"):
        setattr(record, name, values.get(name))
    db.session.flush()
    return record


def delete_organisation_year(record: OrganisationYear) -> None:
    """Remove a year's facts: the key figures of the year show them as not entered."""
    db.session.delete(record)
    db.session.flush()


def save_member_state(values: dict, record: MemberState | None = None) -> MemberState:
    """Add a member state, or change it (`record`); each country once."""
    country = (values.get("country") or "").upper()
    enforce(member_state_problems(country, values.get("joined_year"), values.get("left_year")))
    taken = sa.select(MemberState.country).where(MemberState.country == country)
    if record is not None:
        taken = taken.where(MemberState.id != record.id)
    enforce(member_taken_problems(country, set(db.session.scalars(taken))))
    if record is None:
        record = MemberState()
        db.session.add(record)
    record.country = country
    record.joined_year = values["joined_year"]
    record.left_year = values.get("left_year")
    db.session.flush()
    return record


def delete_member_state(record: MemberState) -> None:
    """Remove a state entered by mistake (a state that leaves keeps its record, with the year it left)."""
    db.session.delete(record)
    db.session.flush()
