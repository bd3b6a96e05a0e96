"""Password policy (security.md S1): 12 to 128 characters, no composition rules, not a commonly used password and
not the account's e-mail address. common-passwords.txt holds the 3,000 most common passwords of the zxcvbn
frequency list (MIT licence; from the Xato leaked-password corpus) plus every entry of its top 30,000 that is
12 characters or longer."""

from functools import cache
from pathlib import Path

from portal.i18n import lazy_gettext as _l

PASSWORD_MIN = 12
PASSWORD_MAX = 128
LIST_FILE = Path(__file__).with_name("common-passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lower-cased."""
    return frozenset(line.strip().lower() for line in LIST_FILE.read_text(encoding="utf-8").splitlines() if line)


def password_problem(password: str, email: str | None = None):
    """What is wrong with a new password (a translatable message), or None when it is acceptable."""
    if len(password) < PASSWORD_MIN:
        return _l("The password needs at least %(n)d characters.", n=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _l("The password may have at most %(n)d characters.", n=PASSWORD_MAX)
    folded = password.strip().lower()
    if email and folded in {email.strip().lower(), email.strip().lower().split("@")[0]}:
        return _l("The password must not be your e-mail address.")
    if folded in common_passwords() or "".join(folded.split()) in common_passwords():
        return _l("This password is on a list of commonly used passwords. Choose another one.")
    return None
