import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db


def enabled_accounts_in(roles) -> list[User]:
    """The enabled accounts of these roles, by name: whom to notify, e.g. the reviewers of a submitted note."""
    query = sa.select(User).where(User.role.in_(list(roles)), User.is_enabled).order_by(User.name, User.id)
    return list(db.session.scalars(query))


def find_user_by_email(email: str) -> User | None:
    """The account with this address, compared case-insensitively."""
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
