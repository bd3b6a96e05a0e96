from portal.accounts.access import EDITORS, STAFF

ACCESS = {
    "projects.index": STAFF,
    "projects.detail": STAFF,
    "projects.create": EDITORS,
    "projects.edit": EDITORS,
}
