from datetime import date

from flask import current_app
from huey import crontab

from portal.extensions import db
from portal.jobs import queue
from portal.participants import personal_data, queries


@queue.periodic_task(crontab(hour="3", minute="15"))
def apply_retention_rule() -> int:
    """Every night: anonymise the people the retention rule names (PERSONAL_DATA_RETENTION_YEARS; 0 keeps all)."""
    years = current_app.config["PERSONAL_DATA_RETENTION_YEARS"]
    if not years:
        return 0
    anonymised = personal_data.apply_retention(queries.retention_due(date.today(), years), years=years)
    db.session.commit()
    return anonymised
