from portal.accounts.access import PUBLIC
from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
PERSONAL_DATA = frozenset({Role.ADMIN, Role.OFFICER})
ACCESS = {
    "participants.index": PERSONAL_DATA,
    "participants.create": PERSONAL_DATA,
    "participants.detail": PERSONAL_DATA,
    "participants.edit": PERSONAL_DATA,
    "participants.export": PERSONAL_DATA,
    "participants.export_list": PERSONAL_DATA,
    "participants.erase": ADMINS,
    "participants.retention": ADMINS,
    "participants.duplicates": PERSONAL_DATA,
    "participants.merge": PERSONAL_DATA,
    "participants.distinct": PERSONAL_DATA,
    "event_participants.search_for_event": PERSONAL_DATA,
    "event_participants.add_attendance": PERSONAL_DATA,
    "event_participants.update_attendance": PERSONAL_DATA,
    "event_participants.import_upload": PERSONAL_DATA,
    "event_participants.import_review": PERSONAL_DATA,
    "event_participants.import_replace": PERSONAL_DATA,
    "event_participants.import_commit": PERSONAL_DATA,
    "event_participants.certificates": PERSONAL_DATA,
    "event_participants.prepare_document": PERSONAL_DATA,
    "event_participants.certificate": PERSONAL_DATA,
    "certificates.verify": PUBLIC,
    "event_participants.participant_list_pdf": PERSONAL_DATA,
    "event_participants.participant_list_xlsx": PERSONAL_DATA,
}
