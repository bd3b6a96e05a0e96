import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role, User
from portal.errors import DomainError
from portal.extensions import db


def _email_taken(email: str, exclude_id: int | None = None) -> bool:
    query = sa.select(User.id).where(sa.func.lower(User.email) == email.lower())
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query) is not None


def find_user_by_email(email: str) -> User | None:
    """The account with this address, compared case-insensitively."""
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))


def create_user(*, email: str, name: str, role: str, password: str, language: str | None = None) -> User:
    """Create an account; the e-mail address must be unused."""
    email = email.strip()
    if _email_taken(email):
        raise DomainError("email", _l("An account with this e-mail address already exists."))
    user = User(email=email, name=name.strip(), role=Role(role), language=language or None)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, *, email: str, name: str, role: str, language: str | None, is_enabled: bool,
                password: str | None = None) -> User:
    """Change an account; a new password or a disabled account signs its sessions out."""
    email = email.strip()
    if _email_taken(email, exclude_id=user.id):
        raise DomainError("email", _l("An account with this e-mail address already exists."))
    user.email, user.name, user.role, user.language = email, name.strip(), Role(role), language or None
    if user.is_enabled and not is_enabled:
        user.rotate_session()
    user.is_enabled = is_enabled
    if password:
        user.set_password(password)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password after checking the current one; other sessions end."""
    if not user.check_password(current):
        raise DomainError("current_password", _l("The current password is not correct."))
    user.set_password(new)
    db.session.flush()
