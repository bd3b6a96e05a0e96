"""reference data in three languages: French and Russian names of regions, thematic areas, donor categories, duty
stations and concept-note reference entries; the shipped defaults already installed get their translations

Revision ID: f465e14a9ef4
Revises: 5c1e0b7a9d3f
Create Date: 2026-11-30 11:45:00

"""

# ruff: noqa: E501 (the shipped texts as they were, one per line)
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f465e14a9ef4"
down_revision = '5c1e0b7a9d3f'
branch_labels = None
depends_on = None

#: the shipped defaults as they were at this revision: (code, English, French, Russian) by table
NAMES = {
    "regions": (
        ("WBT", "Western Balkans and Turkey", "Balkans occidentaux et Turquie", "Западные Балканы и Турция"),
        (
            "EECA",
            "Eastern Europe and Central Asia",
            "Europe orientale et Asie centrale",
            "Восточная Европа и Центральная Азия",
        ),
        ("SR", "Silk Routes", "Routes de la soie", "Шёлковые пути"),
        ("MED", "Mediterranean", "Méditerranée", "Средиземноморье"),
        ("AFR", "Africa", "Afrique", "Африка"),
        ("GLOBAL", "Global and interregional", "Mondial et interrégional", "Глобальный и межрегиональный уровень"),
        (
            "PRS",
            "Policy, research and strategy",
            "Politiques, recherche et stratégie",
            "Политика, исследования и стратегия",
        ),
    ),
    "thematic_areas": (
        (
            "asylum",
            "Asylum and international protection",
            "Asile et protection internationale",
            "Убежище и международная защита",
        ),
        (
            "border",
            "Border management and security",
            "Gestion des frontières et sécurité",
            "Управление границами и безопасность",
        ),
        ("capacity", "Capacity development", "Renforcement des capacités", "Развитие потенциала"),
        (
            "economy",
            "Economy, education and the private sector",
            "Économie, éducation et secteur privé",
            "Экономика, образование и частный сектор",
        ),
        ("thb", "Trafficking in human beings", "Traite des êtres humains", "Торговля людьми"),
        ("development", "Migration and development", "Migration et développement", "Миграция и развитие"),
        ("return", "Return and reintegration", "Retour et réintégration", "Возвращение и реинтеграция"),
        (
            "legal",
            "Legal migration and integration",
            "Migration légale et intégration",
            "Легальная миграция и интеграция",
        ),
        ("dialogues", "Migration dialogues", "Dialogues sur la migration", "Миграционные диалоги"),
        ("research", "Research and policy", "Recherche et politiques", "Исследования и политика"),
    ),
    "donor_categories": (
        ("eu", "European Union", "Union européenne", "Европейский союз"),
        ("member_states", "Member states", "États membres", "Государства-члены"),
        ("other_states", "Other states", "Autres États", "Другие государства"),
        (
            "un_io",
            "UN and other international institutions",
            "ONU et autres institutions internationales",
            "ООН и другие международные организации",
        ),
        ("other", "Other donors", "Autres donateurs", "Другие доноры"),
    ),
}
CITIES = (
    ("VIE", "Vienna", "Vienne", "Вена"),
    ("BRU", "Brussels", "Bruxelles", "Брюссель"),
    ("MLA", "Valletta", "La Valette", "Валлетта"),
    ("ANK", "Ankara", "Ankara", "Анкара"),
    ("IST", "Istanbul", "Istanbul", "Стамбул"),
    ("BEG", "Belgrade", "Belgrade", "Белград"),
    ("PRN", "Pristina", "Pristina", "Приштина"),
    ("SKP", "Skopje", "Skopje", "Скопье"),
    ("SJJ", "Sarajevo", "Sarajevo", "Сараево"),
    ("NQZ", "Nur-Sultan", "Nour-Soultan", "Нур-Султан"),
    ("FRU", "Bishkek", "Bichkek", "Бишкек"),
    ("DYU", "Dushanbe", "Douchanbé", "Душанбе"),
    ("ASB", "Ashgabat", "Achgabat", "Ашхабад"),
    ("TAS", "Tashkent", "Tachkent", "Ташкент"),
    ("KIV", "Chisinau", "Chisinau", "Кишинёв"),
    ("EVN", "Yerevan", "Erevan", "Ереван"),
    ("GYD", "Baku", "Bakou", "Баку"),
    ("TBS", "Tbilisi", "Tbilissi", "Тбилиси"),
    ("KBP", "Kyiv", "Kyiv", "Киев"),
    ("KBL", "Kabul", "Kaboul", "Кабул"),
    ("ISB", "Islamabad", "Islamabad", "Исламабад"),
    ("DAC", "Dhaka", "Dacca", "Дакка"),
    ("BGW", "Baghdad", "Bagdad", "Багдад"),
    ("ABV", "Abuja", "Abuja", "Абуджа"),
    ("ACC", "Accra", "Accra", "Аккра"),
    ("RAI", "Praia", "Praia", "Прая"),
    ("TUN", "Tunis", "Tunis", "Тунис"),
    ("BEY", "Beirut", "Beyrouth", "Бейрут"),
    ("AMM", "Amman", "Amman", "Амман"),
)
#: (kind, code, English, French, Russian) of each shipped label and title
ENTRIES = (
    (
        "THEMATIC_AREA",
        "1",
        "label",
        "Fact-based discourse and data",
        "Discours fondé sur les faits et données",
        "Дискурс на основе фактов и данные",
    ),
    (
        "THEMATIC_AREA",
        "1",
        "title",
        "Promoting fact-based and data-driven migration discourse, policy and planning",
        "Promouvoir un discours, des politiques et une planification en matière de migration fondés sur les faits et les données",
        "Содействие основанным на фактах и данных дискурсу, политике и планированию в области миграции",
    ),
    ("THEMATIC_AREA", "2", "label", "Protecting migrants", "Protection des migrants", "Защита мигрантов"),
    (
        "THEMATIC_AREA",
        "2",
        "title",
        "Protecting the human rights, safety and well-being of migrants, including by addressing drivers and mitigating situations of vulnerability in migration",
        "Protéger les droits de l'homme, la sécurité et le bien-être des migrants, notamment en s'attaquant aux facteurs de migration et en atténuant les situations de vulnérabilité liées aux migrations",
        "Защита прав человека, безопасности и благополучия мигрантов, в том числе путем устранения движущих факторов миграции и смягчения ситуаций уязвимости в процессе миграции",
    ),
    ("THEMATIC_AREA", "3", "label", "Irregular migration", "Migration irrégulière", "Незаконная миграция"),
    (
        "THEMATIC_AREA",
        "3",
        "title",
        "Addressing irregular migration, including by managing borders and combating transnational crime",
        "Lutter contre la migration irrégulière, notamment par la gestion des frontières et la lutte contre la criminalité transnationale",
        "Противодействие незаконной миграции, в том числе путем управления границами и борьбы с транснациональной преступностью",
    ),
    (
        "THEMATIC_AREA",
        "4",
        "label",
        "Regular migration and decent work",
        "Migration régulière et travail décent",
        "Легальная миграция и достойный труд",
    ),
    (
        "THEMATIC_AREA",
        "4",
        "title",
        "Facilitating regular migration and decent work, and enhancing the positive development effects of human mobility",
        "Faciliter la migration régulière et le travail décent, et renforcer les effets positifs de la mobilité humaine sur le développement",
        "Содействие легальной миграции и достойному труду и усиление позитивного влияния мобильности людей на развитие",
    ),
    ("THEMATIC_AREA", "5", "label", "Inclusion and integration", "Inclusion et intégration", "Инклюзия и интеграция"),
    (
        "THEMATIC_AREA",
        "5",
        "title",
        "Improving the social inclusion and integration of migrants",
        "Améliorer l'inclusion sociale et l'intégration des migrants",
        "Улучшение социальной инклюзии и интеграции мигрантов",
    ),
    ("GCM_OBJECTIVE", "1", "label", "Data", "Données", "Данные"),
    (
        "GCM_OBJECTIVE",
        "1",
        "title",
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Collecter et utiliser des données précises et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits",
        "Сбор и использование точных и дезагрегированных данных в качестве основы для выработки эмпирически обоснованной политики",
    ),
    (
        "GCM_OBJECTIVE",
        "2",
        "label",
        "Minimize adverse drivers",
        "Lutter contre les facteurs négatifs",
        "Минимизация негативных факторов",
    ),
    (
        "GCM_OBJECTIVE",
        "2",
        "title",
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d’origine",
        "Свести к минимуму негативные факторы и структурные причины, которые вынуждают людей покидать страну своего происхождения",
    ),
    ("GCM_OBJECTIVE", "3", "label", "Information provision", "Fourniture d'informations", "Предоставление информации"),
    (
        "GCM_OBJECTIVE",
        "3",
        "title",
        "Provide accurate and timely information at all stages of migration",
        "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
        "Предоставлять точную и своевременную информацию на всех этапах миграции",
    ),
    (
        "GCM_OBJECTIVE",
        "4",
        "label",
        "Legal identity and documentation",
        "Identité légale et papiers",
        "Законная личность и документы",
    ),
    (
        "GCM_OBJECTIVE",
        "4",
        "title",
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Munir tous les migrants d’une preuve d’identité légale et de papiers adéquats",
        "Обеспечить наличие у всех мигрантов подтверждения их законной личности и надлежащих документов",
    ),
    ("GCM_OBJECTIVE", "5", "label", "Regular pathways", "Filières de migration régulière", "Пути легальной миграции"),
    (
        "GCM_OBJECTIVE",
        "5",
        "title",
        "Enhance availability and flexibility of pathways for regular migration",
        "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
        "Повысить доступность и гибкость путей легальной миграции",
    ),
    (
        "GCM_OBJECTIVE",
        "6",
        "label",
        "Recruitment and decent work",
        "Recrutement et travail décent",
        "Наём и достойная работа",
    ),
    (
        "GCM_OBJECTIVE",
        "6",
        "title",
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d’un travail décent",
        "Содействовать справедливому и этичному найму и гарантировать условия, обеспечивающие достойную работу",
    ),
    ("GCM_OBJECTIVE", "7", "label", "Reduce vulnerabilities", "Réduire la vulnérabilité", "Снижение уязвимости"),
    (
        "GCM_OBJECTIVE",
        "7",
        "title",
        "Address and reduce vulnerabilities in migration",
        "S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
        "Устранять и снижать факторы уязвимости в процессе миграции",
    ),
    ("GCM_OBJECTIVE", "8", "label", "Save lives", "Sauver des vies", "Спасение жизней"),
    (
        "GCM_OBJECTIVE",
        "8",
        "title",
        "Save lives and establish coordinated international efforts on missing migrants",
        "Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les migrants disparus",
        "Спасать жизни людей и организовать скоординированные международные усилия в отношении пропавших без вести мигрантов",
    ),
    (
        "GCM_OBJECTIVE",
        "9",
        "label",
        "Counter smuggling",
        "Combattre le trafic de migrants",
        "Борьба с незаконным ввозом мигрантов",
    ),
    (
        "GCM_OBJECTIVE",
        "9",
        "title",
        "Strengthen the transnational response to smuggling of migrants",
        "Renforcer l’action transnationale face au trafic de migrants",
        "Усилить транснациональные меры по борьбе с незаконным ввозом мигрантов",
    ),
    (
        "GCM_OBJECTIVE",
        "10",
        "label",
        "Eradicate trafficking",
        "Éradiquer la traite de personnes",
        "Искоренение торговли людьми",
    ),
    (
        "GCM_OBJECTIVE",
        "10",
        "title",
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales",
        "Предупреждать торговлю людьми в контексте международной миграции, бороться с ней и искоренять ее",
    ),
    ("GCM_OBJECTIVE", "11", "label", "Manage borders", "Gérer les frontières", "Управление границами"),
    (
        "GCM_OBJECTIVE",
        "11",
        "title",
        "Manage borders in an integrated, secure and coordinated manner",
        "Gérer les frontières de manière intégrée, sûre et coordonnée",
        "Осуществлять комплексное, безопасное и скоординированное управление границами",
    ),
    (
        "GCM_OBJECTIVE",
        "12",
        "label",
        "Screening and referral",
        "Contrôle, évaluation et orientation",
        "Проверка, оценка и направление",
    ),
    (
        "GCM_OBJECTIVE",
        "12",
        "title",
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Veiller à l’invariabilité et à la prévisibilité des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés",
        "Повысить определенность и предсказуемость миграционных процедур в целях надлежащей проверки, оценки и направления",
    ),
    (
        "GCM_OBJECTIVE",
        "13",
        "label",
        "Alternatives to detention",
        "Alternatives à la rétention",
        "Альтернативы содержанию под стражей",
    ),
    (
        "GCM_OBJECTIVE",
        "13",
        "title",
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Ne recourir au placement en rétention administrative des migrants qu’en dernier ressort et chercher des solutions de rechange",
        "Использовать содержание мигрантов под стражей только в качестве крайней меры и работать над поиском альтернатив",
    ),
    ("GCM_OBJECTIVE", "14", "label", "Consular protection", "Protection consulaire", "Консульская защита"),
    (
        "GCM_OBJECTIVE",
        "14",
        "title",
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Renforcer la protection, l’assistance et la coopération consulaires tout au long du cycle migratoire",
        "Усилить консульскую защиту, помощь и сотрудничество на протяжении всего миграционного цикла",
    ),
    (
        "GCM_OBJECTIVE",
        "15",
        "label",
        "Access to basic services",
        "Accès aux services de base",
        "Доступ к базовым услугам",
    ),
    (
        "GCM_OBJECTIVE",
        "15",
        "title",
        "Provide access to basic services for migrants",
        "Assurer l’accès des migrants aux services de base",
        "Обеспечить доступ мигрантов к базовым услугам",
    ),
    (
        "GCM_OBJECTIVE",
        "16",
        "label",
        "Inclusion and social cohesion",
        "Intégration et cohésion sociale",
        "Интеграция и социальная сплоченность",
    ),
    (
        "GCM_OBJECTIVE",
        "16",
        "title",
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Donner aux migrants et aux sociétés des moyens en faveur de la pleine intégration et de la cohésion sociale",
        "Расширять возможности мигрантов и общества для достижения полной интеграции и социальной сплоченности",
    ),
    (
        "GCM_OBJECTIVE",
        "17",
        "label",
        "Eliminate discrimination",
        "Éliminer les discriminations",
        "Искоренение дискриминации",
    ),
    (
        "GCM_OBJECTIVE",
        "17",
        "title",
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l’analyse des faits afin de faire évoluer la manière dont les migrations sont perçues",
        "Искоренить все формы дискриминации и поощрять основанный на фактических данных публичный дискурс в целях формирования восприятия миграции",
    ),
    (
        "GCM_OBJECTIVE",
        "18",
        "label",
        "Skills development and recognition",
        "Perfectionnement et reconnaissance des qualifications",
        "Развитие и признание навыков",
    ),
    (
        "GCM_OBJECTIVE",
        "18",
        "title",
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des aptitudes, qualifications et compétences",
        "Инвестировать в развитие навыков и содействовать взаимному признанию навыков, квалификаций и компетенций",
    ),
    (
        "GCM_OBJECTIVE",
        "19",
        "label",
        "Migrant and diaspora contributions",
        "Contributions des migrants et diaspora",
        "Вклад мигрантов и диаспор",
    ),
    (
        "GCM_OBJECTIVE",
        "19",
        "title",
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au développement durable dans tous les pays",
        "Создать условия, позволяющие мигрантам и диаспорам в полной мере содействовать устойчивому развитию во всех странах",
    ),
    ("GCM_OBJECTIVE", "20", "label", "Remittances", "Envois de fonds", "Денежные переводы"),
    (
        "GCM_OBJECTIVE",
        "20",
        "title",
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l’inclusion financière des migrants",
        "Содействовать более быстрому, безопасному и дешевому переводу денежных средств и способствовать финансовой интеграции мигрантов",
    ),
    (
        "GCM_OBJECTIVE",
        "21",
        "label",
        "Dignified return and reintegration",
        "Retour digne et réintégration",
        "Достойное возвращение и реинтеграция",
    ),
    (
        "GCM_OBJECTIVE",
        "21",
        "title",
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et dignité, ainsi que leur réintégration durable",
        "Сотрудничать в содействии безопасному и достойному возвращению и реадмиссии, а также устойчивой реинтеграции",
    ),
    ("GCM_OBJECTIVE", "22", "label", "Social protection", "Protection sociale", "Социальная защита"),
    (
        "GCM_OBJECTIVE",
        "22",
        "title",
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages acquis",
        "Создать механизмы для обеспечения переносимости прав на социальное обеспечение и заработанных пособий",
    ),
    (
        "GCM_OBJECTIVE",
        "23",
        "label",
        "International cooperation",
        "Coopération internationale",
        "Международное сотрудничество",
    ),
    (
        "GCM_OBJECTIVE",
        "23",
        "title",
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, ordonnées et régulières",
        "Укреплять международное сотрудничество и глобальные партнерства в интересах безопасной, упорядоченной и легальной миграции",
    ),
    (
        "GUIDING_PRINCIPLE",
        "people-centred",
        "label",
        "People-centred",
        "Priorité à la dimension humaine",
        "Ориентированность на человека",
    ),
    (
        "GUIDING_PRINCIPLE",
        "international-cooperation",
        "label",
        "International cooperation",
        "Coopération internationale",
        "Международное сотрудничество",
    ),
    (
        "GUIDING_PRINCIPLE",
        "national-sovereignty",
        "label",
        "National sovereignty",
        "Souveraineté nationale",
        "Национальный суверенитет",
    ),
    (
        "GUIDING_PRINCIPLE",
        "rule-of-law",
        "label",
        "Rule of law and due process",
        "Primauté du droit et garanties d’une procédure régulière",
        "Верховенство права и надлежащие правовые процедуры",
    ),
    (
        "GUIDING_PRINCIPLE",
        "sustainable-development",
        "label",
        "Sustainable development",
        "Développement durable",
        "Устойчивое развитие",
    ),
    ("GUIDING_PRINCIPLE", "human-rights", "label", "Human rights", "Droits de l’homme", "Права человека"),
    (
        "GUIDING_PRINCIPLE",
        "gender-responsive",
        "label",
        "Gender-responsive",
        "Prise en compte de la problématique femmes-hommes",
        "Учёт гендерной проблематики",
    ),
    (
        "GUIDING_PRINCIPLE",
        "child-sensitive",
        "label",
        "Child-sensitive",
        "Adaptation aux besoins de l’enfant",
        "Учёт интересов детей",
    ),
    (
        "GUIDING_PRINCIPLE",
        "whole-of-government",
        "label",
        "Whole-of-government approach",
        "Approche mobilisant l’ensemble des pouvoirs publics",
        "Общегосударственный подход",
    ),
    (
        "GUIDING_PRINCIPLE",
        "whole-of-society",
        "label",
        "Whole-of-society approach",
        "Approche mobilisant l’ensemble de la société",
        "Общесоциальный подход",
    ),
    (
        "BUDGET_CATEGORY",
        "1",
        "label",
        "Staff and other personnel",
        "Personnel et autres employés",
        "Персонал и другие сотрудники",
    ),
    (
        "BUDGET_CATEGORY",
        "2",
        "label",
        "Supplies, commodities, materials",
        "Fournitures, produits de base et matériels",
        "Предметы снабжения, товары, материалы",
    ),
    (
        "BUDGET_CATEGORY",
        "3",
        "label",
        "Equipment, vehicles and furniture, including depreciation",
        "Équipements, véhicules et mobilier, amortissements compris",
        "Оборудование, транспортные средства и мебель, включая амортизацию",
    ),
    ("BUDGET_CATEGORY", "4", "label", "Contractual services", "Services contractuels", "Услуги по контрактам"),
    ("BUDGET_CATEGORY", "5", "label", "Travel", "Voyages", "Путевые расходы"),
    (
        "BUDGET_CATEGORY",
        "6",
        "label",
        "Transfers and grants to counterparts",
        "Transferts et subventions aux homologues",
        "Трансферты и гранты партнерам",
    ),
    (
        "BUDGET_CATEGORY",
        "7",
        "label",
        "General operating and other direct costs",
        "Frais généraux de fonctionnement et autres coûts directs",
        "Общие операционные и прочие прямые расходы",
    ),
    ("MARKER_LEVEL", "0", "label", "No contribution", "Aucune contribution", "Нет вклада"),
    ("MARKER_LEVEL", "1", "label", "Limited contribution", "Contribution limitée", "Ограниченный вклад"),
    ("MARKER_LEVEL", "2", "label", "Significant objective", "Objectif important", "Значимая цель"),
    ("MARKER_LEVEL", "3", "label", "Principal objective", "Objectif principal", "Основная цель"),
    ("UN_ORGANISATION", "IOM", "label", "IOM", "OIM", "МОМ"),
    (
        "UN_ORGANISATION",
        "IOM",
        "title",
        "International Organization for Migration",
        "Organisation internationale pour les migrations",
        "Международная организация по миграции",
    ),
    ("UN_ORGANISATION", "UNHCR", "label", "UNHCR", "HCR", "УВКБ ООН"),
    (
        "UN_ORGANISATION",
        "UNHCR",
        "title",
        "Office of the United Nations High Commissioner for Refugees",
        "Haut-Commissariat des Nations Unies pour les réfugiés",
        "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
    ),
    ("UN_ORGANISATION", "UNDP", "label", "UNDP", "PNUD", "ПРООН"),
    (
        "UN_ORGANISATION",
        "UNDP",
        "title",
        "United Nations Development Programme",
        "Programme des Nations Unies pour le développement",
        "Программа развития Организации Объединенных Наций",
    ),
    ("UN_ORGANISATION", "UNICEF", "label", "UNICEF", "UNICEF", "ЮНИСЕФ"),
    (
        "UN_ORGANISATION",
        "UNICEF",
        "title",
        "United Nations Children's Fund",
        "Fonds des Nations Unies pour l'enfance",
        "Детский фонд Организации Объединенных Наций",
    ),
    ("UN_ORGANISATION", "ILO", "label", "ILO", "OIT", "МОТ"),
    (
        "UN_ORGANISATION",
        "ILO",
        "title",
        "International Labour Organization",
        "Organisation internationale du Travail",
        "Международная организация труда",
    ),
    ("UN_ORGANISATION", "UNODC", "label", "UNODC", "ONUDC", "УНП ООН"),
    (
        "UN_ORGANISATION",
        "UNODC",
        "title",
        "United Nations Office on Drugs and Crime",
        "Office des Nations Unies contre la drogue et le crime",
        "Управление Организации Объединенных Наций по наркотикам и преступности",
    ),
    ("UN_ORGANISATION", "UNWOMEN", "label", "UN Women", "ONU-Femmes", "«ООН-женщины»"),
    (
        "UN_ORGANISATION",
        "UNWOMEN",
        "title",
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes",
        "Структура Организации Объединенных Наций по вопросам гендерного равенства и расширения прав и возможностей женщин",
    ),
    ("UN_ORGANISATION", "WHO", "label", "WHO", "OMS", "ВОЗ"),
    (
        "UN_ORGANISATION",
        "WHO",
        "title",
        "World Health Organization",
        "Organisation mondiale de la Santé",
        "Всемирная организация здравоохранения",
    ),
    ("UN_ORGANISATION", "UNFPA", "label", "UNFPA", "FNUAP", "ЮНФПА"),
    (
        "UN_ORGANISATION",
        "UNFPA",
        "title",
        "United Nations Population Fund",
        "Fonds des Nations Unies pour la population",
        "Фонд Организации Объединенных Наций в области народонаселения",
    ),
    ("UN_ORGANISATION", "OHCHR", "label", "OHCHR", "HCDH", "УВКПЧ"),
    (
        "UN_ORGANISATION",
        "OHCHR",
        "title",
        "Office of the United Nations High Commissioner for Human Rights",
        "Haut-Commissariat des Nations Unies aux droits de l'homme",
        "Управление Верховного комиссара Организации Объединенных Наций по правам человека",
    ),
    ("UN_ORGANISATION", "UNESCO", "label", "UNESCO", "UNESCO", "ЮНЕСКО"),
    (
        "UN_ORGANISATION",
        "UNESCO",
        "title",
        "United Nations Educational, Scientific and Cultural Organization",
        "Organisation des Nations Unies pour l'éducation, la science et la culture",
        "Организация Объединенных Наций по вопросам образования, науки и культуры",
    ),
    ("UN_ORGANISATION", "UNHABITAT", "label", "UN-Habitat", "ONU-Habitat", "ООН-Хабитат"),
    (
        "UN_ORGANISATION",
        "UNHABITAT",
        "title",
        "United Nations Human Settlements Programme",
        "Programme des Nations Unies pour les établissements humains",
        "Программа Организации Объединенных Наций по населенным пунктам",
    ),
    ("UN_ORGANISATION", "FAO", "label", "FAO", "FAO", "ФАО"),
    (
        "UN_ORGANISATION",
        "FAO",
        "title",
        "Food and Agriculture Organization of the United Nations",
        "Organisation des Nations Unies pour l'alimentation et l'agriculture",
        "Продовольственная и сельскохозяйственная организация Объединенных Наций",
    ),
    ("UN_ORGANISATION", "UNECE", "label", "UNECE", "CEE-ONU", "ЕЭК ООН"),
    (
        "UN_ORGANISATION",
        "UNECE",
        "title",
        "United Nations Economic Commission for Europe",
        "Commission économique des Nations Unies pour l'Europe",
        "Европейская экономическая комиссия Организации Объединенных Наций",
    ),
)

TRANSLATED = {
    "regions": ("name", sa.String(200)),
    "thematic_areas": ("name", sa.String(200)),
    "donor_categories": ("name", sa.String(200)),
    "duty_stations": ("city", sa.String(120)),
}


def upgrade():
    for table_name, (field, column_type) in TRANSLATED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            for language in ("fr", "ru"):
                batch_op.add_column(sa.Column(f"{field}_{language}", column_type, nullable=True))
    with op.batch_alter_table("concept_note_reference_items", schema=None) as batch_op:
        for language in ("fr", "ru"):
            batch_op.add_column(sa.Column(f"label_{language}", sa.String(200), nullable=True))
            batch_op.add_column(sa.Column(f"title_{language}", sa.Text(), nullable=True))
    for table_name, rows in NAMES.items():
        for code, english, french, russian in rows:
            _fill(table_name, "code", code, "name", english, french, russian)
    for ref, english, french, russian in CITIES:
        _fill("duty_stations", "ref", ref, "city", english, french, russian)
    items = sa.table(
        "concept_note_reference_items",
        *(
            sa.column(name)
            for name in ("kind", "code", "label", "title", "label_fr", "label_ru", "title_fr", "title_ru")
        ),
    )
    for kind, code, field, english, french, russian in ENTRIES:
        for language, text in (("fr", french), ("ru", russian)):
            column = items.c[f"{field}_{language}"]
            op.execute(
                items.update()
                .where(items.c.kind == kind, items.c.code == code, items.c[field] == english, column.is_(None))
                .values({column.name: text})
            )


def _fill(table_name, key, value, field, english, french, russian):
    """A shipped row still named as shipped gets the shipped translations it lacks."""
    table = sa.table(table_name, *(sa.column(name) for name in (key, field, f"{field}_fr", f"{field}_ru")))
    for language, text in (("fr", french), ("ru", russian)):
        column = table.c[f"{field}_{language}"]
        op.execute(
            table.update()
            .where(table.c[key] == value, table.c[field] == english, column.is_(None))
            .values({column.name: text})
        )


def downgrade():
    with op.batch_alter_table("concept_note_reference_items", schema=None) as batch_op:
        for name in ("title_ru", "label_ru", "title_fr", "label_fr"):
            batch_op.drop_column(name)
    for table_name, (field, _column_type) in TRANSLATED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_column(f"{field}_ru")
            batch_op.drop_column(f"{field}_fr")
