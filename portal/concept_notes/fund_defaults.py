"""The reference lists the Migration MPTF's requirements add (SDG targets, the human rights marker scale, the GCM
objectives of each thematic area, guidance on each section), in English, French and Russian; defaults.py ships them
with the others and admins edit them afterwards."""

from portal.concept_notes.models import ReferenceKind

#: SDG targets relevant to migration (A/RES/70/1): target number, the portal's short label and the target's text
SDG_TARGETS = (
    (
        "5.2",
        "Violence against women and girls",
        (
            "Eliminate all forms of violence against all women and girls in the public and private spheres, including "
            "trafficking and sexual and other types of exploitation"
        ),
    ),
    (
        "8.7",
        "Forced labour and trafficking",
        (
            "Take immediate and effective measures to eradicate forced labour, end modern slavery and human "
            "trafficking and secure the prohibition and elimination of the worst forms of child labour, including "
            "recruitment and use of child soldiers, and by 2025 end child labour in all its forms"
        ),
    ),
    (
        "8.8",
        "Labour rights of migrant workers",
        (
            "Protect labour rights and promote safe and secure working environments for all workers, including "
            "migrant workers, in particular women migrants, and those in precarious employment"
        ),
    ),
    (
        "10.7",
        "Well-managed migration policies",
        (
            "Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the "
            "implementation of planned and well-managed migration policies"
        ),
    ),
    (
        "10.c",
        "Remittance costs",
        (
            "By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances and eliminate "
            "remittance corridors with costs higher than 5 per cent"
        ),
    ),
    (
        "16.2",
        "Violence against children",
        "End abuse, exploitation, trafficking and all forms of violence against and torture of children",
    ),
    ("16.9", "Legal identity", "By 2030, provide legal identity for all, including birth registration"),
    (
        "17.18",
        "Data disaggregated by migratory status",
        (
            "By 2020, enhance capacity-building support to developing countries, including for least developed "
            "countries and small island developing States, to increase significantly the availability of "
            "high-quality, timely and reliable data disaggregated by income, gender, age, race, ethnicity, migratory "
            "status, disability, geographic location and other characteristics relevant in national contexts"
        ),
    ),
)

#: the fund's human rights marker: its own scale, not the gender marker's
HUMAN_RIGHTS_LEVELS = (
    ("0", "Not targeted", ""),
    ("1", "Significant objective", ""),
    ("2", "Principal objective", ""),
)

#: the portal's default grouping of the 23 GCM objectives under the five thematic areas (objective 23, international
#: cooperation, runs through all of them); admins adjust it to the fund's current operations manual
OBJECTIVES_BY_AREA = {
    "1": ("1", "3", "7", "17", "23"),
    "2": ("2", "7", "8", "10", "12", "13", "14", "23"),
    "3": ("4", "9", "10", "11", "12", "13", "21", "23"),
    "4": ("2", "5", "6", "18", "19", "20", "22", "23"),
    "5": ("15", "16", "17", "22", "23"),
}
#: one entry per pair, coded "<area>/<objective>": an admin adds a pair, or deactivates one, to change the mapping
AREA_OBJECTIVES = tuple(
    (f"{area}/{objective}", f"Thematic area {area}: GCM objective {objective}", "")
    for area, objectives in OBJECTIVES_BY_AREA.items()
    for objective in objectives
)

#: guidance beside each section's editor, after the fund's concept-note template
SECTION_GUIDANCE = (
    (
        "summary",
        "Summary",
        "In half a page: the problem, what the joint programme will change, for whom, where, with which partners and "
        "at what cost.",
    ),
    (
        "context",
        "Context",
        "Describe the migration situation with data (sex, age and migration status where available), the gaps the "
        "programme addresses and the lessons of earlier work.",
    ),
    (
        "ownership",
        "Ownership",
        "Show that the government(s) asked for the programme and will lead it: national policies and GCM "
        "implementation plans it supports, the ministries and local governments involved, and the endorsement.",
    ),
    (
        "theory_of_change",
        "Theory of change",
        "If … then … because …: how the outputs lead to the outcomes, and the assumptions this rests on.",
    ),
    (
        "results",
        "Results",
        "Explain the outcomes and outputs of the results framework and how progress will be measured.",
    ),
    (
        "principles",
        "Guiding principles",
        "For each guiding principle chosen on the cover, say concretely how the programme applies it; "
        "people-centred, whole-of-government and whole-of-society approaches are expected of every programme.",
    ),
    (
        "partnerships",
        "Partnerships",
        "Why these UN organisations together: each one's added value, and how civil society, migrants and "
        "communities take part from design to evaluation.",
    ),
    (
        "sustainability",
        "Sustainability",
        "What continues after the programme ends, who owns and pays for it, and how capacities stay in place.",
    ),
    (
        "risks",
        "Risks",
        "The main risks with their likelihood and impact, including risks to migrants (do no harm), and how they are "
        "mitigated.",
    ),
    (
        "budget",
        "Budget summary",
        "Explain the main costs by outcome and by year, the share for gender equality, and value for money; the "
        "indirect support costs are 7 % of direct costs.",
    ),
)

FUND_DEFAULTS = {
    ReferenceKind.SDG_TARGET: SDG_TARGETS,
    ReferenceKind.HUMAN_RIGHTS_LEVEL: HUMAN_RIGHTS_LEVELS,
    ReferenceKind.AREA_OBJECTIVES: AREA_OBJECTIVES,
    ReferenceKind.SECTION_GUIDANCE: SECTION_GUIDANCE,
}

FUND_TRANSLATIONS = {
    ReferenceKind.SDG_TARGET: {
        "5.2": {
            "fr": (
                "Violence à l'égard des femmes et des filles",
                "Éliminer de la vie publique et de la vie privée toutes les formes de violence faite aux femmes et "
                "aux filles, y compris la traite et l'exploitation sexuelle et d'autres types d'exploitation",
            ),
            "ru": (
                "Насилие в отношении женщин и девочек",
                "Ликвидировать все формы насилия в отношении всех женщин и девочек в публичной и частной сферах, "
                "включая торговлю людьми, сексуальную и другие формы эксплуатации",
            ),
        },
        "8.7": {
            "fr": (
                "Travail forcé et traite",
                "Prendre des mesures immédiates et efficaces pour supprimer le travail forcé, mettre fin à "
                "l'esclavage moderne et à la traite d'êtres humains, interdire et éliminer les pires formes de travail "
                "des enfants, y compris le recrutement et l'utilisation d'enfants soldats, et, d'ici à 2025, mettre "
                "fin au travail des enfants sous toutes ses formes",
            ),
            "ru": (
                "Принудительный труд и торговля людьми",
                "Принять срочные и эффективные меры для того, чтобы искоренить принудительный труд, покончить с "
                "современным рабством и торговлей людьми и обеспечить запрет и ликвидацию наихудших форм детского "
                "труда, включая вербовку и использование детей-солдат, а к 2025 году положить конец детскому труду "
                "во всех его формах",
            ),
        },
        "8.8": {
            "fr": (
                "Droits des travailleurs migrants",
                "Défendre les droits des travailleurs, promouvoir la sécurité sur le lieu de travail et assurer la "
                "protection de tous les travailleurs, y compris les migrants, en particulier les femmes, et ceux qui "
                "ont un emploi précaire",
            ),
            "ru": (
                "Трудовые права трудящихся-мигрантов",
                "Защищать трудовые права и содействовать обеспечению надежных и безопасных условий работы для всех "
                "трудящихся, включая трудящихся-мигрантов, особенно женщин-мигрантов, и лиц, не имеющих стабильной "
                "занятости",
            ),
        },
        "10.7": {
            "fr": (
                "Politiques migratoires bien gérées",
                "Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable, "
                "notamment par la mise en œuvre de politiques migratoires planifiées et bien gérées",
            ),
            "ru": (
                "Хорошо продуманная миграционная политика",
                "Содействовать упорядоченной, безопасной, законной и ответственной миграции и мобильности людей, в "
                "том числе посредством проведения спланированной и хорошо продуманной миграционной политики",
            ),
        },
        "10.c": {
            "fr": (
                "Coûts des envois de fonds",
                "D'ici à 2030, faire baisser au-dessous de 3 pour cent les coûts de transaction des envois de fonds "
                "effectués par les migrants et éliminer les couloirs de transfert de fonds dont les coûts sont "
                "supérieurs à 5 pour cent",
            ),
            "ru": (
                "Стоимость денежных переводов",
                "К 2030 году сократить операционные издержки, связанные с денежными переводами мигрантов, до уровня "
                "менее 3 процентов и ликвидировать каналы денежных переводов, где эти издержки превышают 5 процентов",
            ),
        },
        "16.2": {
            "fr": (
                "Violence à l'égard des enfants",
                "Mettre un terme à la maltraitance, à l'exploitation et à la traite, et à toutes les formes de "
                "violence et de torture dont sont victimes les enfants",
            ),
            "ru": (
                "Насилие в отношении детей",
                "Положить конец надругательствам, эксплуатации, торговле детьми и всем формам насилия и пыток в "
                "отношении детей",
            ),
        },
        "16.9": {
            "fr": (
                "Identité juridique",
                "D'ici à 2030, garantir à tous une identité juridique, notamment grâce à l'enregistrement des "
                "naissances",
            ),
            "ru": (
                "Законные удостоверения личности",
                "К 2030 году обеспечить наличие у всех людей законных удостоверений личности, включая регистрацию "
                "рождений",
            ),
        },
        "17.18": {
            "fr": (
                "Données ventilées par statut migratoire",
                "D'ici à 2020, apporter un soutien accru au renforcement des capacités des pays en développement, "
                "notamment des pays les moins avancés et des petits États insulaires en développement, l'objectif "
                "étant de disposer d'un beaucoup plus grand nombre de données de qualité, actualisées et exactes, "
                "ventilées par niveau de revenu, sexe, âge, race, appartenance ethnique, statut migratoire, handicap "
                "et emplacement géographique, et selon d'autres caractéristiques propres à chaque pays",
            ),
            "ru": (
                "Данные в разбивке по миграционному статусу",
                "К 2020 году расширить поддержку в целях укрепления потенциала развивающихся стран, в том числе "
                "наименее развитых стран и малых островных развивающихся государств, для существенного повышения "
                "уровня доступности высококачественных, актуальных и достоверных данных в разбивке по уровню дохода, "
                "полу, возрасту, расовой принадлежности, этнической принадлежности, миграционному статусу, "
                "инвалидности, географическому местонахождению и другим характеристикам, актуальным в национальных "
                "контекстах",
            ),
        },
    },
    ReferenceKind.HUMAN_RIGHTS_LEVEL: {
        "0": {"fr": ("Non ciblé", ""), "ru": ("Не является целью", "")},
        "1": {"fr": ("Objectif important", ""), "ru": ("Значимая цель", "")},
        "2": {"fr": ("Objectif principal", ""), "ru": ("Основная цель", "")},
    },
    ReferenceKind.AREA_OBJECTIVES: {
        f"{area}/{objective}": {
            "fr": (f"Domaine thématique {area} : objectif {objective} du Pacte mondial", ""),
            "ru": (f"Тематическая область {area}: цель ГДМ {objective}", ""),
        }
        for area, objectives in OBJECTIVES_BY_AREA.items()
        for objective in objectives
    },
    ReferenceKind.SECTION_GUIDANCE: {
        "summary": {
            "fr": (
                "Résumé",
                "En une demi-page : le problème, ce que le programme conjoint changera, pour qui, où, avec quels "
                "partenaires et à quel coût.",
            ),
            "ru": (
                "Резюме",
                "На полстраницы: проблема, что изменит совместная программа, для кого, где, с какими партнерами и "
                "какой ценой.",
            ),
        },
        "context": {
            "fr": (
                "Contexte",
                "Décrivez la situation migratoire avec des données (sexe, âge et statut migratoire si disponibles), "
                "les lacunes auxquelles le programme répond et les leçons des travaux antérieurs.",
            ),
            "ru": (
                "Контекст",
                "Опишите миграционную ситуацию с данными (пол, возраст и миграционный статус, где они есть), пробелы, "
                "которые устраняет программа, и уроки предыдущей работы.",
            ),
        },
        "ownership": {
            "fr": (
                "Appropriation",
                "Montrez que le ou les gouvernements ont demandé le programme et le dirigeront : politiques "
                "nationales et plans de mise en œuvre du Pacte soutenus, ministères et collectivités locales "
                "associés, et l'approbation.",
            ),
            "ru": (
                "Национальная ответственность",
                "Покажите, что правительство (правительства) запросило программу и будет ею руководить: "
                "поддерживаемые национальные стратегии и планы осуществления ГДМ, участвующие министерства и местные "
                "органы власти, а также одобрение.",
            ),
        },
        "theory_of_change": {
            "fr": (
                "Théorie du changement",
                "Si … alors … parce que … : comment les produits mènent aux effets, et les hypothèses sur lesquelles "
                "cela repose.",
            ),
            "ru": (
                "Теория изменений",
                "Если … то … потому что …: как мероприятия приводят к результатам и на каких допущениях это основано.",
            ),
        },
        "results": {
            "fr": (
                "Résultats",
                "Expliquez les effets et les produits du cadre de résultats et la façon dont les progrès seront "
                "mesurés.",
            ),
            "ru": (
                "Результаты",
                "Поясните конечные и непосредственные результаты и то, как будет измеряться прогресс.",
            ),
        },
        "principles": {
            "fr": (
                "Principes directeurs",
                "Pour chaque principe directeur choisi sur la couverture, dites concrètement comment le programme "
                "l'applique ; les approches centrées sur la personne, mobilisant l'ensemble des pouvoirs publics et "
                "l'ensemble de la société sont attendues de chaque programme.",
            ),
            "ru": (
                "Руководящие принципы",
                "Для каждого руководящего принципа, выбранного на титульной странице, конкретно укажите, как "
                "программа его применяет; от каждой программы ожидаются подходы, ориентированные на человека, "
                "общегосударственный и общесоциальный.",
            ),
        },
        "partnerships": {
            "fr": (
                "Partenariats",
                "Pourquoi ces organisations des Nations Unies ensemble : la valeur ajoutée de chacune, et comment la "
                "société civile, les migrants et les communautés participent de la conception à l'évaluation.",
            ),
            "ru": (
                "Партнерства",
                "Почему именно эти организации ООН вместе: вклад каждой из них и то, как гражданское общество, "
                "мигранты и общины участвуют от разработки до оценки.",
            ),
        },
        "sustainability": {
            "fr": (
                "Durabilité",
                "Ce qui se poursuit après la fin du programme, qui en est responsable et qui le finance, et comment "
                "les capacités restent en place.",
            ),
            "ru": (
                "Устойчивость",
                "Что продолжится после окончания программы, кто будет за это отвечать и платить и как сохранится "
                "потенциал.",
            ),
        },
        "risks": {
            "fr": (
                "Risques",
                "Les principaux risques avec leur probabilité et leur impact, y compris les risques pour les migrants "
                "(ne pas nuire), et leur atténuation.",
            ),
            "ru": (
                "Риски",
                "Основные риски с их вероятностью и последствиями, включая риски для мигрантов (не навреди), и меры "
                "по их снижению.",
            ),
        },
        "budget": {
            "fr": (
                "Résumé du budget",
                "Expliquez les principaux coûts par effet et par année, la part consacrée à l'égalité des genres et "
                "l'optimisation des ressources ; les coûts d'appui indirects sont de 7 % des coûts directs.",
            ),
            "ru": (
                "Бюджет",
                "Поясните основные расходы по результатам и по годам, долю на гендерное равенство и эффективность "
                "затрат; косвенные вспомогательные расходы составляют 7 % прямых расходов.",
            ),
        },
    },
}
