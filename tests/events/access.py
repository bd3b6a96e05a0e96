from portal.accounts.access import EDITORS, STAFF

ACCESS = {
    "events.index": STAFF,
    "events.calendar": STAFF,
    "events.detail": STAFF,
    "events.create": EDITORS,
    "events.edit": EDITORS,
    "events.clone": EDITORS,
}
