import json

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.reference.rates import MissingRate
from portal.reports.queries import Filters, key_figures, key_figures_document

report_cli = AppGroup("report", help="Key figures and other reports.")


@report_cli.command("key-figures")
@click.option("--year", type=int, required=True)
@click.option("--region", help="Region code.")
@click.option("--donor-category", help="Donor category code.")
@click.option("--dialogue", help="Dialogue code.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON document of key-figures.md.")
def key_figures_command(year, region, donor_category, dialogue, as_json):
    """Print a year's key figures."""
    filters = Filters(region=region, donor_category=donor_category, dialogue=dialogue)
    try:
        figures = key_figures(
            db.session, year, reporting_currency=current_app.config["REPORTING_CURRENCY"], filters=filters
        )
    except MissingRate as error:
        raise click.ClickException(f"No exchange rate for {error.currency} in {error.year}.") from error
    document = key_figures_document(figures)
    if as_json:
        click.echo(json.dumps(document, indent=2))
        return
    for key, value in document.items():
        click.echo(f"{key}: {json.dumps(value) if isinstance(value, dict) else value}")


COMMANDS = (report_cli,)
