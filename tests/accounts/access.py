from portal.accounts.access import ADMINS, ALL_ROLES, PUBLIC

ACCESS = {
    "accounts.home": PUBLIC,
    "accounts.login": PUBLIC,
    "accounts.login_code": PUBLIC,
    "accounts.set_language": PUBLIC,
    "accounts.logout": ALL_ROLES,
    "accounts.confirm_password": ALL_ROLES,
    "accounts.profile": ALL_ROLES,
    "accounts.totp_setup": ALL_ROLES,
    "accounts.totp_disable": ALL_ROLES,
    "accounts.users": ADMINS,
    "accounts.create_user": ADMINS,
    "accounts.edit_user": ADMINS,
}
