"""The reference lists a new installation starts with (concept-note.md); admins edit them afterwards."""

from portal.concept_notes.models import ReferenceKind

THEMATIC_AREAS = (
    (
        "1",
        "Fact-based discourse and data",
        "Promoting fact-based and data-driven migration discourse, policy and planning",
    ),
    (
        "2",
        "Protecting migrants",
        "Protecting the human rights, safety and well-being of migrants, including by addressing drivers and "
        "mitigating situations of vulnerability in migration",
    ),
    (
        "3",
        "Irregular migration",
        "Addressing irregular migration, including by managing borders and combating transnational crime",
    ),
    (
        "4",
        "Regular migration and decent work",
        "Facilitating regular migration and decent work, and enhancing the positive development effects of human "
        "mobility",
    ),
    ("5", "Inclusion and integration", "Improving the social inclusion and integration of migrants"),
)

#: number, short label and full title as in the Global Compact (A/RES/73/195, para. 16)
GCM_OBJECTIVES = (
    ("1", "Data", "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"),
    (
        "2",
        "Minimize adverse drivers",
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
    ),
    ("3", "Information provision", "Provide accurate and timely information at all stages of migration"),
    (
        "4",
        "Legal identity and documentation",
        "Ensure that all migrants have proof of legal identity and adequate documentation",
    ),
    ("5", "Regular pathways", "Enhance availability and flexibility of pathways for regular migration"),
    (
        "6",
        "Recruitment and decent work",
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
    ),
    ("7", "Reduce vulnerabilities", "Address and reduce vulnerabilities in migration"),
    ("8", "Save lives", "Save lives and establish coordinated international efforts on missing migrants"),
    ("9", "Counter smuggling", "Strengthen the transnational response to smuggling of migrants"),
    (
        "10",
        "Eradicate trafficking",
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
    ),
    ("11", "Manage borders", "Manage borders in an integrated, secure and coordinated manner"),
    (
        "12",
        "Screening and referral",
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and "
        "referral",
    ),
    (
        "13",
        "Alternatives to detention",
        "Use migration detention only as a measure of last resort and work towards alternatives",
    ),
    (
        "14",
        "Consular protection",
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
    ),
    ("15", "Access to basic services", "Provide access to basic services for migrants"),
    (
        "16",
        "Inclusion and social cohesion",
        "Empower migrants and societies to realize full inclusion and social cohesion",
    ),
    (
        "17",
        "Eliminate discrimination",
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of "
        "migration",
    ),
    (
        "18",
        "Skills development and recognition",
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
    ),
    (
        "19",
        "Migrant and diaspora contributions",
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
    ),
    (
        "20",
        "Remittances",
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
    ),
    (
        "21",
        "Dignified return and reintegration",
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
    ),
    (
        "22",
        "Social protection",
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
    ),
    (
        "23",
        "International cooperation",
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
    ),
)

#: GCM para. 15
GUIDING_PRINCIPLES = (
    ("people-centred", "People-centred", ""),
    ("international-cooperation", "International cooperation", ""),
    ("national-sovereignty", "National sovereignty", ""),
    ("rule-of-law", "Rule of law and due process", ""),
    ("sustainable-development", "Sustainable development", ""),
    ("human-rights", "Human rights", ""),
    ("gender-responsive", "Gender-responsive", ""),
    ("child-sensitive", "Child-sensitive", ""),
    ("whole-of-government", "Whole-of-government approach", ""),
    ("whole-of-society", "Whole-of-society approach", ""),
)

#: UNSDG harmonised budget categories 1 to 7; line 8 (indirect support costs) is computed
BUDGET_CATEGORIES = (
    ("1", "Staff and other personnel", ""),
    ("2", "Supplies, commodities, materials", ""),
    ("3", "Equipment, vehicles and furniture, including depreciation", ""),
    ("4", "Contractual services", ""),
    ("5", "Travel", ""),
    ("6", "Transfers and grants to counterparts", ""),
    ("7", "General operating and other direct costs", ""),
)

MARKER_LEVELS = (
    ("0", "No contribution", ""),
    ("1", "Limited contribution", ""),
    ("2", "Significant objective", ""),
    ("3", "Principal objective", ""),
)

UN_ORGANISATIONS = (
    ("IOM", "IOM", "International Organization for Migration"),
    ("UNHCR", "UNHCR", "Office of the United Nations High Commissioner for Refugees"),
    ("UNDP", "UNDP", "United Nations Development Programme"),
    ("UNICEF", "UNICEF", "United Nations Children's Fund"),
    ("ILO", "ILO", "International Labour Organization"),
    ("UNODC", "UNODC", "United Nations Office on Drugs and Crime"),
    ("UNWOMEN", "UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
    ("WHO", "WHO", "World Health Organization"),
    ("UNFPA", "UNFPA", "United Nations Population Fund"),
    ("OHCHR", "OHCHR", "Office of the United Nations High Commissioner for Human Rights"),
    ("UNESCO", "UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UNHABITAT", "UN-Habitat", "United Nations Human Settlements Programme"),
    ("FAO", "FAO", "Food and Agriculture Organization of the United Nations"),
    ("UNECE", "UNECE", "United Nations Economic Commission for Europe"),
)

DEFAULTS = {
    ReferenceKind.THEMATIC_AREA: THEMATIC_AREAS,
    ReferenceKind.GCM_OBJECTIVE: GCM_OBJECTIVES,
    ReferenceKind.GUIDING_PRINCIPLE: GUIDING_PRINCIPLES,
    ReferenceKind.BUDGET_CATEGORY: BUDGET_CATEGORIES,
    ReferenceKind.MARKER_LEVEL: MARKER_LEVELS,
    ReferenceKind.UN_ORGANISATION: UN_ORGANISATIONS,
}
