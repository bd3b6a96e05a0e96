import json

from portal.extensions import db
from portal.reports.models import KeyFigureSnapshot
from portal.reports.queries import KeyFigures, key_figures_document


def publish_key_figures(figures: KeyFigures, *, pdf: bytes, language: str, actor) -> KeyFigureSnapshot:
    """Freeze a year's key figures and their PDF as published."""
    snapshot = KeyFigureSnapshot(
        year=figures.year,
        filters=json.dumps(figures.filters.as_dict(), sort_keys=True),
        document=json.dumps(key_figures_document(figures)),
        pdf=pdf,
        language=language,
        published_by_id=actor.id,
    )
    db.session.add(snapshot)
    db.session.flush()
    return snapshot
