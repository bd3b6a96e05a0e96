"""The reference lists a new installation starts with (concept-note.md), in English, French and Russian; admins edit
them afterwards."""

from portal.concept_notes.fund_defaults import FUND_DEFAULTS, FUND_TRANSLATIONS
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
        (
            "Protecting the human rights, safety and well-being of migrants, including by addressing drivers and "
            "mitigating situations of vulnerability in migration"
        ),
    ),
    (
        "3",
        "Irregular migration",
        "Addressing irregular migration, including by managing borders and combating transnational crime",
    ),
    (
        "4",
        "Regular migration and decent work",
        (
            "Facilitating regular migration and decent work, and enhancing the positive development effects of human "
            "mobility"
        ),
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
        (
            "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and "
            "referral"
        ),
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
        (
            "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of "
            "migration"
        ),
    ),
    (
        "18",
        "Skills development and recognition",
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
    ),
    (
        "19",
        "Migrant and diaspora contributions",
        (
            "Create conditions for migrants and diasporas to fully contribute to sustainable development in all "
            "countries"
        ),
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

#: the French and Russian (label, title) of each shipped entry, by list and code, as the catalogues translated them
TRANSLATIONS = {
    ReferenceKind.THEMATIC_AREA: {
        "1": {
            "fr": (
                "Discours fondé sur les faits et données",
                (
                    "Promouvoir un discours, des politiques et une planification en matière de migration fondés "
                    "sur les faits et les données"
                ),
            ),
            "ru": (
                "Дискурс на основе фактов и данные",
                "Содействие основанным на фактах и данных дискурсу, политике и планированию в области миграции",
            ),
        },
        "2": {
            "fr": (
                "Protection des migrants",
                (
                    "Protéger les droits de l'homme, la sécurité et le bien-être des migrants, notamment en "
                    "s'attaquant aux facteurs de migration et en atténuant les situations de vulnérabilité "
                    "liées aux migrations"
                ),
            ),
            "ru": (
                "Защита мигрантов",
                (
                    "Защита прав человека, безопасности и благополучия мигрантов, в том числе путем устранения "
                    "движущих факторов миграции и смягчения ситуаций уязвимости в процессе миграции"
                ),
            ),
        },
        "3": {
            "fr": (
                "Migration irrégulière",
                (
                    "Lutter contre la migration irrégulière, notamment par la gestion des frontières et la "
                    "lutte contre la criminalité transnationale"
                ),
            ),
            "ru": (
                "Незаконная миграция",
                (
                    "Противодействие незаконной миграции, в том числе путем управления границами и борьбы с "
                    "транснациональной преступностью"
                ),
            ),
        },
        "4": {
            "fr": (
                "Migration régulière et travail décent",
                (
                    "Faciliter la migration régulière et le travail décent, et renforcer les effets positifs de "
                    "la mobilité humaine sur le développement"
                ),
            ),
            "ru": (
                "Легальная миграция и достойный труд",
                (
                    "Содействие легальной миграции и достойному труду и усиление позитивного влияния "
                    "мобильности людей на развитие"
                ),
            ),
        },
        "5": {
            "fr": (
                "Inclusion et intégration",
                "Améliorer l'inclusion sociale et l'intégration des migrants",
            ),
            "ru": (
                "Инклюзия и интеграция",
                "Улучшение социальной инклюзии и интеграции мигрантов",
            ),
        },
    },
    ReferenceKind.GCM_OBJECTIVE: {
        "1": {
            "fr": (
                "Données",
                (
                    "Collecter et utiliser des données précises et ventilées qui serviront à l’élaboration de "
                    "politiques fondées sur la connaissance des faits"
                ),
            ),
            "ru": (
                "Данные",
                (
                    "Сбор и использование точных и дезагрегированных данных в качестве основы для выработки "
                    "эмпирически обоснованной политики"
                ),
            ),
        },
        "2": {
            "fr": (
                "Lutter contre les facteurs négatifs",
                (
                    "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des "
                    "personnes à quitter leur pays d’origine"
                ),
            ),
            "ru": (
                "Минимизация негативных факторов",
                (
                    "Свести к минимуму негативные факторы и структурные причины, которые вынуждают людей "
                    "покидать страну своего происхождения"
                ),
            ),
        },
        "3": {
            "fr": (
                "Fourniture d'informations",
                "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
            ),
            "ru": (
                "Предоставление информации",
                "Предоставлять точную и своевременную информацию на всех этапах миграции",
            ),
        },
        "4": {
            "fr": (
                "Identité légale et papiers",
                "Munir tous les migrants d’une preuve d’identité légale et de papiers adéquats",
            ),
            "ru": (
                "Законная личность и документы",
                "Обеспечить наличие у всех мигрантов подтверждения их законной личности и надлежащих документов",
            ),
        },
        "5": {
            "fr": (
                "Filières de migration régulière",
                "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
            ),
            "ru": (
                "Пути легальной миграции",
                "Повысить доступность и гибкость путей легальной миграции",
            ),
        },
        "6": {
            "fr": (
                "Recrutement et travail décent",
                (
                    "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d’un "
                    "travail décent"
                ),
            ),
            "ru": (
                "Наём и достойная работа",
                (
                    "Содействовать справедливому и этичному найму и гарантировать условия, обеспечивающие "
                    "достойную работу"
                ),
            ),
        },
        "7": {
            "fr": (
                "Réduire la vulnérabilité",
                "S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
            ),
            "ru": (
                "Снижение уязвимости",
                "Устранять и снижать факторы уязвимости в процессе миграции",
            ),
        },
        "8": {
            "fr": (
                "Sauver des vies",
                (
                    "Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les "
                    "migrants disparus"
                ),
            ),
            "ru": (
                "Спасение жизней",
                (
                    "Спасать жизни людей и организовать скоординированные международные усилия в отношении "
                    "пропавших без вести мигрантов"
                ),
            ),
        },
        "9": {
            "fr": (
                "Combattre le trafic de migrants",
                "Renforcer l’action transnationale face au trafic de migrants",
            ),
            "ru": (
                "Борьба с незаконным ввозом мигрантов",
                "Усилить транснациональные меры по борьбе с незаконным ввозом мигрантов",
            ),
        },
        "10": {
            "fr": (
                "Éradiquer la traite de personnes",
                "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales",
            ),
            "ru": (
                "Искоренение торговли людьми",
                "Предупреждать торговлю людьми в контексте международной миграции, бороться с ней и искоренять ее",
            ),
        },
        "11": {
            "fr": (
                "Gérer les frontières",
                "Gérer les frontières de manière intégrée, sûre et coordonnée",
            ),
            "ru": (
                "Управление границами",
                "Осуществлять комплексное, безопасное и скоординированное управление границами",
            ),
        },
        "12": {
            "fr": (
                "Contrôle, évaluation et orientation",
                (
                    "Veiller à l’invariabilité et à la prévisibilité des procédures migratoires pour assurer "
                    "des contrôles, des évaluations et une orientation appropriés"
                ),
            ),
            "ru": (
                "Проверка, оценка и направление",
                (
                    "Повысить определенность и предсказуемость миграционных процедур в целях надлежащей "
                    "проверки, оценки и направления"
                ),
            ),
        },
        "13": {
            "fr": (
                "Alternatives à la rétention",
                (
                    "Ne recourir au placement en rétention administrative des migrants qu’en dernier ressort et "
                    "chercher des solutions de rechange"
                ),
            ),
            "ru": (
                "Альтернативы содержанию под стражей",
                (
                    "Использовать содержание мигрантов под стражей только в качестве крайней меры и работать "
                    "над поиском альтернатив"
                ),
            ),
        },
        "14": {
            "fr": (
                "Protection consulaire",
                "Renforcer la protection, l’assistance et la coopération consulaires tout au long du cycle migratoire",
            ),
            "ru": (
                "Консульская защита",
                "Усилить консульскую защиту, помощь и сотрудничество на протяжении всего миграционного цикла",
            ),
        },
        "15": {
            "fr": (
                "Accès aux services de base",
                "Assurer l’accès des migrants aux services de base",
            ),
            "ru": (
                "Доступ к базовым услугам",
                "Обеспечить доступ мигрантов к базовым услугам",
            ),
        },
        "16": {
            "fr": (
                "Intégration et cohésion sociale",
                (
                    "Donner aux migrants et aux sociétés des moyens en faveur de la pleine intégration et de la "
                    "cohésion sociale"
                ),
            ),
            "ru": (
                "Интеграция и социальная сплоченность",
                (
                    "Расширять возможности мигрантов и общества для достижения полной интеграции и социальной "
                    "сплоченности"
                ),
            ),
        },
        "17": {
            "fr": (
                "Éliminer les discriminations",
                (
                    "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur "
                    "l’analyse des faits afin de faire évoluer la manière dont les migrations sont perçues"
                ),
            ),
            "ru": (
                "Искоренение дискриминации",
                (
                    "Искоренить все формы дискриминации и поощрять основанный на фактических данных публичный "
                    "дискурс в целях формирования восприятия миграции"
                ),
            ),
        },
        "18": {
            "fr": (
                "Perfectionnement et reconnaissance des qualifications",
                (
                    "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle "
                    "des aptitudes, qualifications et compétences"
                ),
            ),
            "ru": (
                "Развитие и признание навыков",
                (
                    "Инвестировать в развитие навыков и содействовать взаимному признанию навыков, квалификаций "
                    "и компетенций"
                ),
            ),
        },
        "19": {
            "fr": (
                "Contributions des migrants et diaspora",
                (
                    "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au "
                    "développement durable dans tous les pays"
                ),
            ),
            "ru": (
                "Вклад мигрантов и диаспор",
                (
                    "Создать условия, позволяющие мигрантам и диаспорам в полной мере содействовать устойчивому "
                    "развитию во всех странах"
                ),
            ),
        },
        "20": {
            "fr": (
                "Envois de fonds",
                (
                    "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser "
                    "l’inclusion financière des migrants"
                ),
            ),
            "ru": (
                "Денежные переводы",
                (
                    "Содействовать более быстрому, безопасному и дешевому переводу денежных средств и "
                    "способствовать финансовой интеграции мигрантов"
                ),
            ),
        },
        "21": {
            "fr": (
                "Retour digne et réintégration",
                (
                    "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et "
                    "dignité, ainsi que leur réintégration durable"
                ),
            ),
            "ru": (
                "Достойное возвращение и реинтеграция",
                (
                    "Сотрудничать в содействии безопасному и достойному возвращению и реадмиссии, а также "
                    "устойчивой реинтеграции"
                ),
            ),
        },
        "22": {
            "fr": (
                "Protection sociale",
                "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages acquis",
            ),
            "ru": (
                "Социальная защита",
                (
                    "Создать механизмы для обеспечения переносимости прав на социальное обеспечение и "
                    "заработанных пособий"
                ),
            ),
        },
        "23": {
            "fr": (
                "Coopération internationale",
                (
                    "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations "
                    "sûres, ordonnées et régulières"
                ),
            ),
            "ru": (
                "Международное сотрудничество",
                (
                    "Укреплять международное сотрудничество и глобальные партнерства в интересах безопасной, "
                    "упорядоченной и легальной миграции"
                ),
            ),
        },
    },
    ReferenceKind.GUIDING_PRINCIPLE: {
        "people-centred": {
            "fr": (
                "Priorité à la dimension humaine",
                "",
            ),
            "ru": (
                "Ориентированность на человека",
                "",
            ),
        },
        "international-cooperation": {
            "fr": (
                "Coopération internationale",
                "",
            ),
            "ru": (
                "Международное сотрудничество",
                "",
            ),
        },
        "national-sovereignty": {
            "fr": (
                "Souveraineté nationale",
                "",
            ),
            "ru": (
                "Национальный суверенитет",
                "",
            ),
        },
        "rule-of-law": {
            "fr": (
                "Primauté du droit et garanties d’une procédure régulière",
                "",
            ),
            "ru": (
                "Верховенство права и надлежащие правовые процедуры",
                "",
            ),
        },
        "sustainable-development": {
            "fr": (
                "Développement durable",
                "",
            ),
            "ru": (
                "Устойчивое развитие",
                "",
            ),
        },
        "human-rights": {
            "fr": (
                "Droits de l’homme",
                "",
            ),
            "ru": (
                "Права человека",
                "",
            ),
        },
        "gender-responsive": {
            "fr": (
                "Prise en compte de la problématique femmes-hommes",
                "",
            ),
            "ru": (
                "Учёт гендерной проблематики",
                "",
            ),
        },
        "child-sensitive": {
            "fr": (
                "Adaptation aux besoins de l’enfant",
                "",
            ),
            "ru": (
                "Учёт интересов детей",
                "",
            ),
        },
        "whole-of-government": {
            "fr": (
                "Approche mobilisant l’ensemble des pouvoirs publics",
                "",
            ),
            "ru": (
                "Общегосударственный подход",
                "",
            ),
        },
        "whole-of-society": {
            "fr": (
                "Approche mobilisant l’ensemble de la société",
                "",
            ),
            "ru": (
                "Общесоциальный подход",
                "",
            ),
        },
    },
    ReferenceKind.BUDGET_CATEGORY: {
        "1": {
            "fr": (
                "Personnel et autres employés",
                "",
            ),
            "ru": (
                "Персонал и другие сотрудники",
                "",
            ),
        },
        "2": {
            "fr": (
                "Fournitures, produits de base et matériels",
                "",
            ),
            "ru": (
                "Предметы снабжения, товары, материалы",
                "",
            ),
        },
        "3": {
            "fr": (
                "Équipements, véhicules et mobilier, amortissements compris",
                "",
            ),
            "ru": (
                "Оборудование, транспортные средства и мебель, включая амортизацию",
                "",
            ),
        },
        "4": {
            "fr": (
                "Services contractuels",
                "",
            ),
            "ru": (
                "Услуги по контрактам",
                "",
            ),
        },
        "5": {
            "fr": (
                "Voyages",
                "",
            ),
            "ru": (
                "Путевые расходы",
                "",
            ),
        },
        "6": {
            "fr": (
                "Transferts et subventions aux homologues",
                "",
            ),
            "ru": (
                "Трансферты и гранты партнерам",
                "",
            ),
        },
        "7": {
            "fr": (
                "Frais généraux de fonctionnement et autres coûts directs",
                "",
            ),
            "ru": (
                "Общие операционные и прочие прямые расходы",
                "",
            ),
        },
    },
    ReferenceKind.MARKER_LEVEL: {
        "0": {
            "fr": (
                "Aucune contribution",
                "",
            ),
            "ru": (
                "Нет вклада",
                "",
            ),
        },
        "1": {
            "fr": (
                "Contribution limitée",
                "",
            ),
            "ru": (
                "Ограниченный вклад",
                "",
            ),
        },
        "2": {
            "fr": (
                "Objectif important",
                "",
            ),
            "ru": (
                "Значимая цель",
                "",
            ),
        },
        "3": {
            "fr": (
                "Objectif principal",
                "",
            ),
            "ru": (
                "Основная цель",
                "",
            ),
        },
    },
    ReferenceKind.UN_ORGANISATION: {
        "IOM": {
            "fr": (
                "OIM",
                "Organisation internationale pour les migrations",
            ),
            "ru": (
                "МОМ",
                "Международная организация по миграции",
            ),
        },
        "UNHCR": {
            "fr": (
                "HCR",
                "Haut-Commissariat des Nations Unies pour les réfugiés",
            ),
            "ru": (
                "УВКБ ООН",
                "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
            ),
        },
        "UNDP": {
            "fr": (
                "PNUD",
                "Programme des Nations Unies pour le développement",
            ),
            "ru": (
                "ПРООН",
                "Программа развития Организации Объединенных Наций",
            ),
        },
        "UNICEF": {
            "fr": (
                "UNICEF",
                "Fonds des Nations Unies pour l'enfance",
            ),
            "ru": (
                "ЮНИСЕФ",
                "Детский фонд Организации Объединенных Наций",
            ),
        },
        "ILO": {
            "fr": (
                "OIT",
                "Organisation internationale du Travail",
            ),
            "ru": (
                "МОТ",
                "Международная организация труда",
            ),
        },
        "UNODC": {
            "fr": (
                "ONUDC",
                "Office des Nations Unies contre la drogue et le crime",
            ),
            "ru": (
                "УНП ООН",
                "Управление Организации Объединенных Наций по наркотикам и преступности",
            ),
        },
        "UNWOMEN": {
            "fr": (
                "ONU-Femmes",
                "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes",
            ),
            "ru": (
                "«ООН-женщины»",
                (
                    "Структура Организации Объединенных Наций по вопросам гендерного равенства и расширения "
                    "прав и возможностей женщин"
                ),
            ),
        },
        "WHO": {
            "fr": (
                "OMS",
                "Organisation mondiale de la Santé",
            ),
            "ru": (
                "ВОЗ",
                "Всемирная организация здравоохранения",
            ),
        },
        "UNFPA": {
            "fr": (
                "FNUAP",
                "Fonds des Nations Unies pour la population",
            ),
            "ru": (
                "ЮНФПА",
                "Фонд Организации Объединенных Наций в области народонаселения",
            ),
        },
        "OHCHR": {
            "fr": (
                "HCDH",
                "Haut-Commissariat des Nations Unies aux droits de l'homme",
            ),
            "ru": (
                "УВКПЧ",
                "Управление Верховного комиссара Организации Объединенных Наций по правам человека",
            ),
        },
        "UNESCO": {
            "fr": (
                "UNESCO",
                "Organisation des Nations Unies pour l'éducation, la science et la culture",
            ),
            "ru": (
                "ЮНЕСКО",
                "Организация Объединенных Наций по вопросам образования, науки и культуры",
            ),
        },
        "UNHABITAT": {
            "fr": (
                "ONU-Habitat",
                "Programme des Nations Unies pour les établissements humains",
            ),
            "ru": (
                "ООН-Хабитат",
                "Программа Организации Объединенных Наций по населенным пунктам",
            ),
        },
        "FAO": {
            "fr": (
                "FAO",
                "Organisation des Nations Unies pour l'alimentation et l'agriculture",
            ),
            "ru": (
                "ФАО",
                "Продовольственная и сельскохозяйственная организация Объединенных Наций",
            ),
        },
        "UNECE": {
            "fr": (
                "CEE-ONU",
                "Commission économique des Nations Unies pour l'Europe",
            ),
            "ru": (
                "ЕЭК ООН",
                "Европейская экономическая комиссия Организации Объединенных Наций",
            ),
        },
    },
}

DEFAULTS = {
    ReferenceKind.THEMATIC_AREA: THEMATIC_AREAS,
    ReferenceKind.GCM_OBJECTIVE: GCM_OBJECTIVES,
    ReferenceKind.GUIDING_PRINCIPLE: GUIDING_PRINCIPLES,
    ReferenceKind.BUDGET_CATEGORY: BUDGET_CATEGORIES,
    ReferenceKind.MARKER_LEVEL: MARKER_LEVELS,
    ReferenceKind.UN_ORGANISATION: UN_ORGANISATIONS,
    **FUND_DEFAULTS,
}
TRANSLATIONS.update(FUND_TRANSLATIONS)

#: the columns of a reference entry written in French and Russian besides English
TRANSLATED_FIELDS = ("label_fr", "label_ru", "title_fr", "title_ru")


def shipped_entries(kind: ReferenceKind) -> list[dict]:
    """The shipped entries of one list as ReferenceItem columns, in English, French and Russian, with positions."""
    rows = []
    for position, (code, label, title) in enumerate(DEFAULTS[kind], start=1):
        (label_fr, title_fr), (label_ru, title_ru) = TRANSLATIONS[kind][code]["fr"], TRANSLATIONS[kind][code]["ru"]
        rows.append(
            {
                "code": code,
                "label": label,
                "title": title,
                "label_fr": label_fr,
                "label_ru": label_ru,
                "title_fr": title_fr or None,
                "title_ru": title_ru or None,
                "position": position,
            }
        )
    return rows
