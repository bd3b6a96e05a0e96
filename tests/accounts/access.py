from portal.accounts.access import PUBLIC
from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
ALL_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER, Role.APPLICANT})

ACCESS = {
    "accounts.home": PUBLIC,
    "accounts.login": PUBLIC,
    "accounts.login_code": PUBLIC,
    "accounts.set_language": PUBLIC,
    "accounts.forgot_password": PUBLIC,
    "accounts.set_password": PUBLIC,
    "accounts.logout": ALL_ROLES,
    "accounts.confirm_password": ALL_ROLES,
    "accounts.profile": ALL_ROLES,
    "accounts.totp_setup": ALL_ROLES,
    "accounts.totp_disable": ALL_ROLES,
    "accounts.users": ADMINS,
    "accounts.create_user": ADMINS,
    "accounts.edit_user": ADMINS,
    "accounts.invite_user": ADMINS,
}
