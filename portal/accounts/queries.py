import sqlalchemy as sa

from portal.accounts.models import User
from portal.db import contains
from portal.extensions import db
from portal.sorting import Sort, Sorting

#: the list of accounts' columns
USER_SORTING = Sorting(
    columns={
        "name": lambda: (User.name,),
        "email": lambda: (sa.func.lower(User.email),),
        "role": lambda: (User.role,),
        "status": lambda: (User.is_enabled,),
        "last_login": lambda: (User.last_login_at,),
    },
    default="name",
    tiebreak=User.id,
)


def users_query(q: str | None = None, *, sort: Sort | None = None):
    """Accounts whose name or e-mail address contains `q`, in the order `sort` asks for (by name by default)."""
    query = sa.select(User).order_by(*USER_SORTING.order_by(sort))
    if (found := contains((User.name, User.email), q)) is not None:
        query = query.where(found)
    return query


def enabled_accounts_in(roles) -> list[User]:
    """The enabled accounts of these roles, by name: whom to notify, e.g. the reviewers of a submitted note."""
    query = sa.select(User).where(User.role.in_(list(roles)), User.is_enabled).order_by(User.name, User.id)
    return list(db.session.scalars(query))


def find_user_by_email(email: str) -> User | None:
    """The account with this address, compared case-insensitively."""
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
