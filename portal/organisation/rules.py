"""What an uploaded logo or signature must be (security.md S12): a PNG or JPEG image by its content, whatever its
name says, of a bounded size in bytes and in pixels; and what the organisation's yearly facts and member states
must be."""

import io
from collections.abc import Container

from PIL import Image, UnidentifiedImageError

from portal.i18n import is_country
from portal.i18n import lazy_gettext as _l
from portal.rules import Problem

MAX_IMAGE_BYTES = 2 * 1024 * 1024
#: pixels on the longer side: a logo printed 4 cm wide needs far fewer
MAX_IMAGE_SIDE = 4000
#: the magic bytes of each accepted kind, checked before Pillow reads anything else
IMAGE_MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}


def image_problems(field: str, content: bytes) -> list[Problem]:
    """Refuse what is not a PNG or JPEG image of at most MAX_IMAGE_BYTES and MAX_IMAGE_SIDE pixels a side."""
    if not content:
        return [(field, _l("The file is empty."))]
    if len(content) > MAX_IMAGE_BYTES:
        return [(field, _l("The image is too large: at most %(mb)s MB.", mb=MAX_IMAGE_BYTES // 2**20))]
    not_an_image = (field, _l("Only PNG and JPEG images are accepted, whatever the file's name says."))
    kind = next((kind for kind, magic in IMAGE_MAGIC.items() if content.startswith(magic)), None)
    if kind is None:
        return [not_an_image]
    try:
        # opening reads the header only: the size is known before any pixel is decoded
        with Image.open(io.BytesIO(content), formats=[kind]) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return [not_an_image]
    if max(width, height) > MAX_IMAGE_SIDE:
        return [(field, _l("The image is too large: at most %(n)d pixels a side.", n=MAX_IMAGE_SIDE))]
    try:
        # WeasyPrint makes Pillow decode cut-off images (ImageFile.LOAD_TRUNCATED_IMAGES): the file's own
        # structure and checksums are checked instead
        with Image.open(io.BytesIO(content), formats=[kind]) as image:
            image.verify()
    except (OSError, ValueError, SyntaxError):
        return [(field, _l("The image is damaged and cannot be read."))]
    return []


def organisation_year_problems(employees: int | None, nationalities: int | None) -> list[Problem]:
    """A year's staff count and nationalities are counts (never negative), and no staff has more nationalities than
    members."""
    problems = [
        (name, _l("Enter a number of zero or more."))
        for name, value in (("employees", employees), ("nationalities", nationalities))
        if value is not None and value < 0
    ]
    if not problems and employees is not None and nationalities is not None and nationalities > employees:
        problems.append(("nationalities", _l("There cannot be more nationalities than employees.")))
    return problems


def member_state_problems(country: str | None, joined_year: int | None, left_year: int | None) -> list[Problem]:
    """A member state is a country by its ISO 3166 code, and leaves in or after the year it joined."""
    problems = []
    if not is_country(country):
        problems.append(("country", _l("Choose a country.")))
    if joined_year is not None and left_year is not None and left_year < joined_year:
        problems.append(("left_year", _l("The year it left cannot be before the year it joined.")))
    return problems


def year_taken_problems(year: int, taken: Container[int]) -> list[Problem]:
    """One record of facts a year; `taken` holds the years of the other records."""
    return [("year", _l("The facts of %(year)s are already entered.", year=year))] if year in taken else []


def member_taken_problems(country: str, taken: Container[str]) -> list[Problem]:
    """Each country once in the member list; `taken` holds the countries of the other member states."""
    return [("country", _l("This country is already in the member list."))] if country in taken else []
