from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.participants import personal_data, queries

people_cli = AppGroup("people", help="People's personal data.")


@people_cli.command("retention")
@click.option("--years", type=click.IntRange(min=1), help="Instead of PERSONAL_DATA_RETENTION_YEARS.")
@click.option("--apply", "apply_", is_flag=True, help="Anonymise them; without it, only list them.")
def retention(years, apply_):
    """List (or, with --apply, anonymise) the people without consent seen at no event for the retention period."""
    years = years or current_app.config["PERSONAL_DATA_RETENTION_YEARS"]
    if not years:
        raise click.ClickException("Set PERSONAL_DATA_RETENTION_YEARS or give --years.")
    due = queries.retention_due(date.today(), years)
    for person in due:
        click.echo(f"{person.ref}\t{person.full_name}")
    if apply_:
        personal_data.apply_retention(due, years=years)
        db.session.commit()
        click.echo(f"{len(due)} anonymised (gender, sector, country and attendance kept).")
    else:
        click.echo(f"{len(due)} would be anonymised; nothing changed (add --apply).")


COMMANDS = (people_cli,)
