from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})

APPLICANTS = frozenset({Role.APPLICANT})
REVIEWERS = frozenset({Role.MANAGER, Role.ADMIN})
NOTE_READERS = APPLICANTS | REVIEWERS

ACCESS = {
    "concept_notes.index": NOTE_READERS,
    "concept_notes.review_queue": REVIEWERS,
    "concept_notes.create": APPLICANTS,
    "concept_notes.copy": APPLICANTS,
    "concept_notes.view": NOTE_READERS,
    "concept_notes.pdf": NOTE_READERS,
    "concept_notes.changes": NOTE_READERS,
    "concept_notes.cover": APPLICANTS,
    "concept_notes.section": APPLICANTS,
    "concept_notes.autosave": APPLICANTS,
    "concept_notes.preview": APPLICANTS,
    "concept_notes.budget": APPLICANTS,
    "concept_notes.results": APPLICANTS,
    "concept_notes.result_item": APPLICANTS,
    "concept_notes.delete_result": APPLICANTS,
    "concept_notes.risks": APPLICANTS,
    "concept_notes.delete_risk": APPLICANTS,
    "concept_notes.collaborators": APPLICANTS,
    "concept_notes.remove_collaborator": APPLICANTS,
    "concept_notes.withdraw_invitation": APPLICANTS,
    "concept_notes.accept_invitation": APPLICANTS,
    "concept_notes.decline_invitation": APPLICANTS,
    "concept_notes.submit": APPLICANTS,
    "concept_notes.comment": REVIEWERS,
    "concept_notes.decide": REVIEWERS,
    "concept_notes.reference_items": ADMINS,
    "concept_notes.reference_item": ADMINS,
}
