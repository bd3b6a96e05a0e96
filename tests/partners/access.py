from portal.accounts.access import EDITORS, STAFF

ACCESS = {
    "partners.index": STAFF,
    "partners.detail": STAFF,
    "partners.create": EDITORS,
    "partners.edit": EDITORS,
}
