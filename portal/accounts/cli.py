import click
from flask.cli import AppGroup

from portal.accounts import services
from portal.accounts.models import Role
from portal.errors import DomainError
from portal.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), prompt=True)
@click.option("--language", type=click.Choice(["en", "fr", "ru"]), default="en")
@click.password_option()
def create(email, name, role, language, password):
    """Create an account."""
    try:
        user = services.create_user(email=email, name=name, role=role, password=password, language=language)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


@users_cli.command("invite")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Optional: the invited person can change it.")
@click.option("--language", type=click.Choice(["en", "fr", "ru"]), default="en", help="Of the mail and the portal.")
def invite(email, role, name, language):
    """Create an account for EMAIL and mail it a link to choose a password (sent by `flask jobs worker`)."""
    try:
        user = services.invite_user(email=email, role=role, name=name, language=language)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Invited {user.email} as {user.role}; the worker sends the mail.")


COMMANDS = (users_cli,)
