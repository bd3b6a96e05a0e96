"""Reads of the exchange: the published IATI files."""

from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.exchange.models import IatiPublication


def publication_folder() -> Path:
    """Where published IATI files are kept: IATI_PUBLICATION_FOLDER, else iati/ in the instance folder."""
    return Path(current_app.config.get("IATI_PUBLICATION_FOLDER") or Path(current_app.instance_path) / "iati")


def publications(session) -> list[IatiPublication]:
    """Every publication, newest first."""
    query = sa.select(IatiPublication).order_by(IatiPublication.published_at.desc(), IatiPublication.id.desc())
    return list(session.scalars(query))


def latest_publication(session) -> IatiPublication | None:
    """The newest publication, the one the stable address serves."""
    query = sa.select(IatiPublication).order_by(IatiPublication.published_at.desc(), IatiPublication.id.desc())
    return session.scalars(query.limit(1)).first()


def publication_file(publication: IatiPublication) -> Path | None:
    """The publication's file, or None when it is gone from the folder."""
    path = publication_folder() / publication.file_name
    return path if path.is_file() else None
