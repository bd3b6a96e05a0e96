from portal.accounts.access import PUBLIC
from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
FIGURE_READERS = frozenset({Role.ADMIN, Role.MANAGER})

ACCESS = {
    "api.openapi_document": PUBLIC,
    "api.projects": STAFF,
    "api.project": STAFF,
    "api.partners": STAFF,
    "api.partner": STAFF,
    "api.dialogues": STAFF,
    "api.dialogue": STAFF,
    "api.action_plans": STAFF,
    "api.action_plan": STAFF,
    "api.organisation_facts": STAFF,
    "api.initiatives": STAFF,
    "api.events": STAFF,
    "api.event": STAFF,
    "api.key_figures": FIGURE_READERS,
    "api.iati_export": FIGURE_READERS,
    "api_tokens.index": STAFF,
    "api_tokens.create": STAFF,
    "api_tokens.revoke": STAFF,
}
