"""The ten narrative sections of a concept note, in order (concept-note.md)."""

from portal.i18n import lazy_gettext as _l

SECTIONS = (
    ("summary", _l("Summary")),
    ("context", _l("Context and problem analysis")),
    ("ownership", _l("National ownership and alignment with national priorities and GCM implementation")),
    ("theory_of_change", _l("Theory of change")),
    ("results", _l("Expected results")),
    ("principles", _l("Application of the GCM guiding principles")),
    ("partnerships", _l("Partnerships and the added value of joint UN work")),
    ("sustainability", _l("Sustainability")),
    ("risks", _l("Risks and mitigation")),
    ("budget", _l("Budget summary")),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)
SECTION_TITLES = dict(SECTIONS)
#: other parts a reviewer may comment on
COMMENT_TARGETS = (
    ("general", _l("General")),
    ("cover", _l("Cover information")),
    *SECTIONS,
)
COMMENT_TITLES = dict(COMMENT_TARGETS)
#: words that fill an A4 page of the PDF, for the estimated page count
WORDS_PER_PAGE = 520
