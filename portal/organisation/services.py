import io
import secrets
from pathlib import Path

from PIL import Image

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.organisation.models import OrganisationProfile
from portal.organisation.queries import profile
from portal.organisation.rules import image_problems
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
