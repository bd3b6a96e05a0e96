from portal.accounts.access import PUBLIC, STAFF
from portal.api.views import FIGURE_READERS

ACCESS = {
    "api.openapi_document": PUBLIC,
    "api.projects": STAFF,
    "api.project": STAFF,
    "api.partners": STAFF,
    "api.partner": STAFF,
    "api.dialogues": STAFF,
    "api.dialogue": STAFF,
    "api.events": STAFF,
    "api.event": STAFF,
    "api.key_figures": FIGURE_READERS,
    "api.iati_export": FIGURE_READERS,
    "api_tokens.index": STAFF,
    "api_tokens.create": STAFF,
    "api_tokens.revoke": STAFF,
}
