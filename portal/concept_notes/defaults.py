"""The reference lists a new installation starts with (concept-note.md); admins edit them afterwards."""

from portal.concept_notes.models import ReferenceKind


def N_(text: str) -> str:
    """Mark a default for extraction: it is stored in English and translated where it is shown (display_label)."""
    return text


THEMATIC_AREAS = (
    (
        "1",
        N_("Fact-based discourse and data"),
        N_("Promoting fact-based and data-driven migration discourse, policy and planning"),
    ),
    (
        "2",
        N_("Protecting migrants"),
        N_(
            "Protecting the human rights, safety and well-being of migrants, including by addressing drivers and "
            "mitigating situations of vulnerability in migration"
        ),
    ),
    (
        "3",
        N_("Irregular migration"),
        N_("Addressing irregular migration, including by managing borders and combating transnational crime"),
    ),
    (
        "4",
        N_("Regular migration and decent work"),
        N_(
            "Facilitating regular migration and decent work, and enhancing the positive development effects of human "
            "mobility"
        ),
    ),
    ("5", N_("Inclusion and integration"), N_("Improving the social inclusion and integration of migrants")),
)

#: number, short label and full title as in the Global Compact (A/RES/73/195, para. 16)
GCM_OBJECTIVES = (
    ("1", N_("Data"), N_("Collect and utilize accurate and disaggregated data as a basis for evidence-based policies")),
    (
        "2",
        N_("Minimize adverse drivers"),
        N_("Minimize the adverse drivers and structural factors that compel people to leave their country of origin"),
    ),
    ("3", N_("Information provision"), N_("Provide accurate and timely information at all stages of migration")),
    (
        "4",
        N_("Legal identity and documentation"),
        N_("Ensure that all migrants have proof of legal identity and adequate documentation"),
    ),
    ("5", N_("Regular pathways"), N_("Enhance availability and flexibility of pathways for regular migration")),
    (
        "6",
        N_("Recruitment and decent work"),
        N_("Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work"),
    ),
    ("7", N_("Reduce vulnerabilities"), N_("Address and reduce vulnerabilities in migration")),
    ("8", N_("Save lives"), N_("Save lives and establish coordinated international efforts on missing migrants")),
    ("9", N_("Counter smuggling"), N_("Strengthen the transnational response to smuggling of migrants")),
    (
        "10",
        N_("Eradicate trafficking"),
        N_("Prevent, combat and eradicate trafficking in persons in the context of international migration"),
    ),
    ("11", N_("Manage borders"), N_("Manage borders in an integrated, secure and coordinated manner")),
    (
        "12",
        N_("Screening and referral"),
        N_(
            "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and "
            "referral"
        ),
    ),
    (
        "13",
        N_("Alternatives to detention"),
        N_("Use migration detention only as a measure of last resort and work towards alternatives"),
    ),
    (
        "14",
        N_("Consular protection"),
        N_("Enhance consular protection, assistance and cooperation throughout the migration cycle"),
    ),
    ("15", N_("Access to basic services"), N_("Provide access to basic services for migrants")),
    (
        "16",
        N_("Inclusion and social cohesion"),
        N_("Empower migrants and societies to realize full inclusion and social cohesion"),
    ),
    (
        "17",
        N_("Eliminate discrimination"),
        N_(
            "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of "
            "migration"
        ),
    ),
    (
        "18",
        N_("Skills development and recognition"),
        N_("Invest in skills development and facilitate mutual recognition of skills, qualifications and competences"),
    ),
    (
        "19",
        N_("Migrant and diaspora contributions"),
        N_(
            "Create conditions for migrants and diasporas to fully contribute to sustainable development in all "
            "countries"
        ),
    ),
    (
        "20",
        N_("Remittances"),
        N_("Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants"),
    ),
    (
        "21",
        N_("Dignified return and reintegration"),
        N_("Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration"),
    ),
    (
        "22",
        N_("Social protection"),
        N_("Establish mechanisms for the portability of social security entitlements and earned benefits"),
    ),
    (
        "23",
        N_("International cooperation"),
        N_("Strengthen international cooperation and global partnerships for safe, orderly and regular migration"),
    ),
)

#: GCM para. 15
GUIDING_PRINCIPLES = (
    ("people-centred", N_("People-centred"), ""),
    ("international-cooperation", N_("International cooperation"), ""),
    ("national-sovereignty", N_("National sovereignty"), ""),
    ("rule-of-law", N_("Rule of law and due process"), ""),
    ("sustainable-development", N_("Sustainable development"), ""),
    ("human-rights", N_("Human rights"), ""),
    ("gender-responsive", N_("Gender-responsive"), ""),
    ("child-sensitive", N_("Child-sensitive"), ""),
    ("whole-of-government", N_("Whole-of-government approach"), ""),
    ("whole-of-society", N_("Whole-of-society approach"), ""),
)

#: UNSDG harmonised budget categories 1 to 7; line 8 (indirect support costs) is computed
BUDGET_CATEGORIES = (
    ("1", N_("Staff and other personnel"), ""),
    ("2", N_("Supplies, commodities, materials"), ""),
    ("3", N_("Equipment, vehicles and furniture, including depreciation"), ""),
    ("4", N_("Contractual services"), ""),
    ("5", N_("Travel"), ""),
    ("6", N_("Transfers and grants to counterparts"), ""),
    ("7", N_("General operating and other direct costs"), ""),
)

MARKER_LEVELS = (
    ("0", N_("No contribution"), ""),
    ("1", N_("Limited contribution"), ""),
    ("2", N_("Significant objective"), ""),
    ("3", N_("Principal objective"), ""),
)

UN_ORGANISATIONS = (
    ("IOM", N_("IOM"), N_("International Organization for Migration")),
    ("UNHCR", N_("UNHCR"), N_("Office of the United Nations High Commissioner for Refugees")),
    ("UNDP", N_("UNDP"), N_("United Nations Development Programme")),
    ("UNICEF", N_("UNICEF"), N_("United Nations Children's Fund")),
    ("ILO", N_("ILO"), N_("International Labour Organization")),
    ("UNODC", N_("UNODC"), N_("United Nations Office on Drugs and Crime")),
    ("UNWOMEN", N_("UN Women"), N_("United Nations Entity for Gender Equality and the Empowerment of Women")),
    ("WHO", N_("WHO"), N_("World Health Organization")),
    ("UNFPA", N_("UNFPA"), N_("United Nations Population Fund")),
    ("OHCHR", N_("OHCHR"), N_("Office of the United Nations High Commissioner for Human Rights")),
    ("UNESCO", N_("UNESCO"), N_("United Nations Educational, Scientific and Cultural Organization")),
    ("UNHABITAT", N_("UN-Habitat"), N_("United Nations Human Settlements Programme")),
    ("FAO", N_("FAO"), N_("Food and Agriculture Organization of the United Nations")),
    ("UNECE", N_("UNECE"), N_("United Nations Economic Commission for Europe")),
)

#: the official titles whose shipped French or Russian text was copied from a UN source (the English always was), by
#: language; ../shared/data/gcm/gcm-titles.csv gives each cell's source. The others are this project's translation,
#: marked unconfirmed on the reference-list page until an admin with the official document confirms them.
OFFICIAL_TRANSLATIONS = {
    ReferenceKind.GCM_OBJECTIVE: {
        "fr": frozenset(code for code, _label, _title in GCM_OBJECTIVES) - {"18"},
        "ru": frozenset({"1"}),
    },
    ReferenceKind.GUIDING_PRINCIPLE: {
        "fr": frozenset(code for code, _label, _title in GUIDING_PRINCIPLES),
        "ru": frozenset(),
    },
}

DEFAULTS = {
    ReferenceKind.THEMATIC_AREA: THEMATIC_AREAS,
    ReferenceKind.GCM_OBJECTIVE: GCM_OBJECTIVES,
    ReferenceKind.GUIDING_PRINCIPLE: GUIDING_PRINCIPLES,
    ReferenceKind.BUDGET_CATEGORY: BUDGET_CATEGORIES,
    ReferenceKind.MARKER_LEVEL: MARKER_LEVELS,
    ReferenceKind.UN_ORGANISATION: UN_ORGANISATIONS,
}
