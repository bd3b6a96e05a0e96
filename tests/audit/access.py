from portal.accounts.access import ADMINS, STAFF

ACCESS = {
    "audit.index": ADMINS,
    "audit.entry": ADMINS,
    "audit.history": STAFF,
}
