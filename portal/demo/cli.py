import time

import click
from flask import current_app
from flask.cli import AppGroup

from portal.accounts import queries as account_queries
from portal.accounts import services as accounts
from portal.accounts.models import Role
from portal.demo.loader import DemoError, is_empty, load_demo
from portal.extensions import db

demo_cli = AppGroup("demo", help="The demo portfolio built from a 2021 annual report, and demo accounts.")

#: printed by `flask demo accounts`; the demo is for a laptop, never for a server
DEMO_PASSWORD = "demo-portal-2021"  # noqa: S105
DEMO_URL = "http://127.0.0.1:5000"
#: one account per role: (e-mail, name, role)
DEMO_ACCOUNTS = (
    ("admin@demo.example", "Demo Administrator", Role.ADMIN),
    ("manager@demo.example", "Demo Manager", Role.MANAGER),
    ("officer@demo.example", "Demo Programme Officer", Role.OFFICER),
    ("applicant@demo.example", "Demo Applicant", Role.APPLICANT),
)


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds a portfolio.")
def load(if_empty):
    """Load the reference defaults and the demo portfolio, dialogues, events and participants."""
    if not is_empty(db.session):
        if if_empty:
            click.echo("The database already holds data: demo not loaded.")
            return
        raise click.ClickException("The database already holds data; the demo loads into an empty database only.")
    started = time.perf_counter()
    try:
        counts = load_demo(db.session, reporting_currency=current_app.config["REPORTING_CURRENCY"])
    except DemoError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    summary = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
    click.echo(f"Demo data loaded in {time.perf_counter() - started:.1f} s: {summary}.")


@demo_cli.command("accounts")
def accounts_command():
    """Create the demo accounts that are missing (one per role) and print how to sign in."""
    for email, name, role in DEMO_ACCOUNTS:
        if account_queries.find_user_by_email(email) is None:
            accounts.create_user(email=email, name=name, role=role, password=DEMO_PASSWORD, language="en")
    db.session.commit()
    click.echo(f"Sign in at {DEMO_URL} with the password {DEMO_PASSWORD} as:")
    for email, _name, role in DEMO_ACCOUNTS:
        click.echo(f"  {email:<26} {role.value}")


COMMANDS = (demo_cli,)
