import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import TimestampMixin, VersionedMixin
from portal.extensions import db


class OrganisationProfile(VersionedMixin, TimestampMixin, db.Model):
    """Who hands out the certificates: the organisation's name and logo, and who signs for it. One row at most."""

    __tablename__ = "organisation_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(255))
    #: file name of the logo in the instance folder's organisation/ directory (a name the portal generated)
    logo: Mapped[str | None] = mapped_column(sa.String(80))
    signatory_name: Mapped[str | None] = mapped_column(sa.String(200))
    signatory_title: Mapped[str | None] = mapped_column(sa.String(200))
    #: file name of the signature image, as for the logo
    signature: Mapped[str | None] = mapped_column(sa.String(80))
