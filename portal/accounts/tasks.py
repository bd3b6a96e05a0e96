from portal import queue
from portal.accounts import password_links, queries, services
from portal.extensions import db


@queue.task()
def send_password_reset(email: str, language: str) -> None:
    """Mail a password-reset link to the enabled account of `email`, if there is one; otherwise send nothing. A task,
    so that the request that asked for it does the same work, and takes as long, whether or not the account exists."""
    user = queries.find_user_by_email(email)
    if user is not None and user.is_enabled:
        services.send_password_link(user, password_links.RESET, language)
    db.session.commit()
