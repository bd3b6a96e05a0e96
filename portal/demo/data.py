"""The demo portfolio's facts, from the 2021 annual report in seeds/004 (projects by region with their acronyms,
member states, dialogues, revenue and key figures). Figures the report gives are targets the loader meets exactly."""

from decimal import Decimal

YEAR = 2021
FIRST_YEAR = 2016

#: (membership, operational, other, total revenue) by year; project resources are the rest of the total
REVENUE = {
    2016: (1_012_000, 1_150_000, 402_000, 24_300_000),
    2017: (1_048_000, 1_420_000, 455_000, 32_100_000),
    2018: (1_180_000, 1_890_000, 512_000, 38_400_000),
    2019: (1_265_000, 2_240_000, 590_000, 45_800_000),
    2020: (1_390_000, 2_870_000, 634_000, 58_034_000),
    2021: (1_482_000, 3_303_000, 671_000, 58_208_000),
}
#: operational contributions of 2021 from states that are not members
OPERATIONAL_OTHER_STATES = 1_303_000
CONTRACTED_VOLUME = Decimal("329000000.00")

#: programme implementation 2021 by geographic region (project resources), in EUR
REGION_TARGETS = {"WBT": 4_220_000, "EECA": 4_748_000, "SR": 7_385_000, "MED": 20_573_000, "AFR": 4_748_000,
                  "GLOBAL": 10_023_000, "PRS": 1_055_000}
#: programme implementation 2021 by funding structure: 74% European Commission, 10% member states,
#: 14% other states, 2% UN and other institutions, of the total revenue of 58,208,000
FUNDING_TARGETS = {"eu": Decimal("43073920"), "member_states": Decimal("5820800"),
                   "other_states": Decimal("8149120"), "un_io": Decimal("1164160")}

#: outreach 2021
CONFERENCES = 37
OTHER_EVENTS = 611
EVENT_DAYS = 2834
LOCATIONS = 179
PARTICIPANTS = 12420
EVENT_PARTNERS = 141

#: ICMPD's 19 member states and the year each joined
MEMBER_STATES = {"AT": 1993, "BA": 2010, "BG": 2003, "HR": 2003, "CZ": 2002, "DE": 2020, "GR": 2021, "HU": 1993,
                 "MT": 2019, "MK": 2010, "PL": 2001, "PT": 2002, "RO": 2011, "RS": 2008, "SK": 2001, "SI": 1998,
                 "SE": 1993, "CH": 1993, "TR": 2018}
#: relative size of each member state's membership contribution
MEMBERSHIP_KEY = {"AT": 12, "BA": 1, "BG": 2, "HR": 2, "CZ": 5, "DE": 30, "GR": 6, "HU": 4, "MT": 1, "MK": 1,
                  "PL": 8, "PT": 4, "RO": 4, "RS": 2, "SK": 3, "SI": 2, "SE": 10, "CH": 13, "TR": 9}
#: currency a state's government pays in
STATE_CURRENCY = {"CH": "CHF", "SE": "SEK", "DK": "DKK", "NO": "NOK", "GB": "GBP", "US": "USD"}

#: key: (name, acronym, type, donor category, country)
DONORS = {
    "HOME": ("European Commission – Directorate-General for Migration and Home Affairs", "DG HOME",
             "eu_institution", "eu", "BE"),
    "NEAR": ("European Commission – Directorate-General for Neighbourhood and Enlargement Negotiations", "DG NEAR",
             "eu_institution", "eu", "BE"),
    "INTPA": ("European Commission – Directorate-General for International Partnerships", "DG INTPA",
              "eu_institution", "eu", "BE"),
    "REA": ("European Research Executive Agency (Horizon 2020)", "REA", "eu_institution", "eu", "BE"),
    "EUTF": ("EU Emergency Trust Fund for Africa", "EUTF", "eu_institution", "eu", "BE"),
    "NL": ("Ministry of Foreign Affairs of the Netherlands", None, "government", "other_states", "NL"),
    "DK": ("Ministry of Foreign Affairs of Denmark", None, "government", "other_states", "DK"),
    "GB": ("United Kingdom Home Office", None, "government", "other_states", "GB"),
    "US": ("United States Department of State", None, "government", "other_states", "US"),
    "NO": ("Norwegian Ministry of Justice and Public Security", None, "government", "other_states", "NO"),
    "BE": ("Belgian Development Agency", "Enabel", "government", "other_states", "BE"),
    "FR": ("Ministry of the Interior of France", None, "government", "other_states", "FR"),
    "IT": ("Italian Ministry of Foreign Affairs and International Cooperation", None, "government", "other_states",
           "IT"),
    "UNODC": ("United Nations Office on Drugs and Crime", "UNODC", "un_agency", "un_io", "AT"),
    "IOM": ("International Organization for Migration", "IOM", "un_agency", "un_io", "CH"),
    "OSCE": ("Organization for Security and Co-operation in Europe", "OSCE", "international_org", "un_io", "AT"),
    "WB": ("World Bank", None, "international_org", "un_io", "US"),
}

#: partners of events and projects: (name, acronym, type, country)
PARTNERS = (
    ("European Border and Coast Guard Agency", "Frontex", "eu_institution", "PL"),
    ("European Union Agency for Asylum", "EUAA", "eu_institution", "MT"),
    ("European Union Agency for Law Enforcement Cooperation", "Europol", "eu_institution", "NL"),
    ("European Union Agency for Law Enforcement Training", "CEPOL", "eu_institution", "HU"),
    ("European Training Foundation", "ETF", "eu_institution", "IT"),
    ("African Union Commission", "AUC", "international_org", "ET"),
    ("ECOWAS Commission", "ECOWAS", "international_org", "NG"),
    ("Migration, Asylum, Refugees Regional Initiative", "MARRI", "international_org", "MK"),
    ("United Nations High Commissioner for Refugees", "UNHCR", "un_agency", "CH"),
    ("International Labour Organization", "ILO", "un_agency", "CH"),
    ("United Nations Development Programme", "UNDP", "un_agency", "US"),
    ("United Nations Children's Fund", "UNICEF", "un_agency", "US"),
    ("Council of Europe", "CoE", "international_org", "FR"),
    ("Inter-Agency Coordination Group against Trafficking in Persons", "ICAT", "international_org", "AT"),
    ("Union for the Mediterranean", "UfM", "international_org", "ES"),
    ("Presidency of Migration Management", "PMM", "government", "TR"),
    ("Union of Municipalities of Turkey", "UMT", "government", "TR"),
    ("Ministry of Family and Social Services of Turkey", "MoFSS", "government", "TR"),
    ("Turkish National Police", None, "government", "TR"),
    ("Ministry of Interior of Albania", None, "government", "AL"),
    ("Albanian State Police", None, "government", "AL"),
    ("Ministry of Security of Bosnia and Herzegovina", None, "government", "BA"),
    ("Service for Foreigners' Affairs of Bosnia and Herzegovina", None, "government", "BA"),
    ("Ministry of Internal Affairs of Kosovo*", None, "government", "XK"),
    ("Ministry of Interior of Montenegro", None, "government", "ME"),
    ("Ministry of Interior of North Macedonia", None, "government", "MK"),
    ("Commissariat for Refugees and Migration of Serbia", "KIRS", "government", "RS"),
    ("Chamber of Commerce and Industry of Serbia", None, "private_sector", "RS"),
    ("State Migration Service of Armenia", None, "government", "AM"),
    ("Ministry of Territorial Administration and Infrastructure of Armenia", None, "government", "AM"),
    ("State Migration Service of Azerbaijan", None, "government", "AZ"),
    ("Public Service Development Agency of Georgia", None, "government", "GE"),
    ("State Commission on Migration Issues of Georgia", None, "government", "GE"),
    ("Bureau for Migration and Asylum of Moldova", None, "government", "MD"),
    ("General Inspectorate of Border Police of Moldova", None, "government", "MD"),
    ("State Border Guard Service of Ukraine", None, "government", "UA"),
    ("State Migration Service of Ukraine", None, "government", "UA"),
    ("Migration Service of Kazakhstan", None, "government", "KZ"),
    ("Border Service of the Kyrgyz Republic", None, "government", "KG"),
    ("Council for Migration, Compatriots and Diaspora Abroad of Kyrgyzstan", None, "government", "KG"),
    ("Border Troops of Tajikistan", None, "government", "TJ"),
    ("State Border Service of Turkmenistan", None, "government", "TM"),
    ("Border Troops of Uzbekistan", None, "government", "UZ"),
    ("Ministry of Refugees and Repatriation of Afghanistan", "MoRR", "government", "AF"),
    ("Bureau of Manpower, Employment and Training of Bangladesh", "BMET", "government", "BD"),
    ("Ministry of Expatriates' Welfare and Overseas Employment of Bangladesh", None, "government", "BD"),
    ("Ministry of Migration and Displacement of Iraq", "MoMD", "government", "IQ"),
    ("Federal Investigation Agency of Pakistan", "FIA", "government", "PK"),
    ("Ministry of Overseas Pakistanis and Human Resource Development", None, "government", "PK"),
    ("Sri Lanka Bureau of Foreign Employment", "SLBFE", "government", "LK"),
    ("Ministry of External Affairs of India", None, "government", "IN"),
    ("Ministry of Interior of Iran", None, "government", "IR"),
    ("Ministry of Interior of Tunisia", None, "government", "TN"),
    ("National Observatory of Migration of Tunisia", "ONM", "government", "TN"),
    ("National Authority for the Fight against Trafficking in Persons of Tunisia", "INLTP", "government", "TN"),
    ("Lebanese Armed Forces", "LAF", "government", "LB"),
    ("General Security of Lebanon", None, "government", "LB"),
    ("Jordan Armed Forces", "JAF", "government", "JO"),
    ("Public Security Directorate of Jordan", "PSD", "government", "JO"),
    ("Ministry of Interior of Morocco", None, "government", "MA"),
    ("Ministry of Interior of Libya", None, "government", "LY"),
    ("Ministry of Foreign Affairs of Egypt", None, "government", "EG"),
    ("City of Amman", None, "government", "JO"),
    ("City of Tunis", None, "government", "TN"),
    ("City of Beirut", None, "government", "LB"),
    ("City of Rabat", None, "government", "MA"),
    ("City of Lisbon", None, "government", "PT"),
    ("City of Vienna", None, "government", "AT"),
    ("City of Madrid", None, "government", "ES"),
    ("City of Turin", None, "government", "IT"),
    ("City of Lyon", None, "government", "FR"),
    ("Ghana Immigration Service", "GIS", "government", "GH"),
    ("Nigeria Immigration Service", "NIS", "government", "NG"),
    ("National Agency for the Prohibition of Trafficking in Persons", "NAPTIP", "government", "NG"),
    ("National Commission for Refugees, Migrants and IDPs of Nigeria", "NCFRMI", "government", "NG"),
    ("Observatory for Monitoring and Identification of Trafficking of Cabo Verde", None, "government", "CV"),
    ("Ministry of Justice of Cabo Verde", None, "government", "CV"),
    ("Direction de la Surveillance du Territoire de Côte d'Ivoire", "DST", "government", "CI"),
    ("National Agency to Combat Trafficking in Persons of Niger", "ANLTP", "government", "NE"),
    ("Ministry of Interior of Senegal", None, "government", "SN"),
    ("Ministry of Security of Burkina Faso", None, "government", "BF"),
    ("Ministry of Foreign Affairs of Ethiopia", None, "government", "ET"),
    ("Ministry of Interior of Kenya", None, "government", "KE"),
    ("Ministry of Interior of Sudan", None, "government", "SD"),
    ("Federal Ministry of the Interior of Austria", "BMI", "government", "AT"),
    ("Austrian Development Agency", "ADA", "government", "AT"),
    ("Federal Office for Migration and Refugees of Germany", "BAMF", "government", "DE"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "government", "DE"),
    ("Swiss State Secretariat for Migration", "SEM", "government", "CH"),
    ("Swiss Agency for Development and Cooperation", "SDC", "government", "CH"),
    ("Ministry for Home Affairs of Malta", None, "government", "MT"),
    ("Ministry of the Interior of Czechia", None, "government", "CZ"),
    ("Ministry of the Interior and Administration of Poland", None, "government", "PL"),
    ("Immigration and Borders Service of Portugal", "SEF", "government", "PT"),
    ("Swedish Migration Agency", None, "government", "SE"),
    ("Hellenic Ministry of Migration and Asylum", None, "government", "GR"),
    ("Slovenian Ministry of the Interior", None, "government", "SI"),
    ("Dutch Immigration and Naturalisation Service", "IND", "government", "NL"),
    ("Danish Immigration Service", None, "government", "DK"),
    ("University of Vienna", None, "academia", "AT"),
    ("University for Continuing Education Krems", None, "academia", "AT"),
    ("Bonn International Centre for Conflict Studies", "BICC", "academia", "DE"),
    ("University of Malta", None, "academia", "MT"),
    ("Migration Policy Institute Europe", "MPI Europe", "academia", "BE"),
    ("Central European University", "CEU", "academia", "AT"),
    ("University of Ghana – Centre for Migration Studies", None, "academia", "GH"),
    ("American University of Beirut", "AUB", "academia", "LB"),
    ("Mediterranean Institute of Gender Studies", None, "academia", "CY"),
    ("University of Lagos", None, "academia", "NG"),
    ("Lahore University of Management Sciences", "LUMS", "academia", "PK"),
    ("Tbilisi State University", None, "academia", "GE"),
    ("Caritas International", None, "civil_society", "BE"),
    ("La Strada International", None, "civil_society", "NL"),
    ("Terre des hommes", None, "civil_society", "CH"),
    ("Danish Refugee Council", "DRC", "civil_society", "DK"),
    ("Mixed Migration Centre", "MMC", "civil_society", "CH"),
    ("Hayat Sende Youth Association", None, "civil_society", "TR"),
    ("Support to Life", None, "civil_society", "TR"),
    ("BRAC Migration Programme", "BRAC", "civil_society", "BD"),
    ("Afghanaid", None, "civil_society", "AF"),
    ("Tunisian Forum for Economic and Social Rights", "FTDES", "civil_society", "TN"),
    ("Amel Association International", None, "civil_society", "LB"),
    ("Women's Consortium of Nigeria", None, "civil_society", "NG"),
    ("Caritas Ghana", None, "civil_society", "GH"),
    ("Crisis Group for Migration Kyrgyzstan", None, "civil_society", "KG"),
    ("Migrants' Help Moldova", None, "civil_society", "MD"),
    ("Armenian Caritas", None, "civil_society", "AM"),
    ("Hope for Children Georgia", None, "civil_society", "GE"),
    ("Astra Anti-trafficking Action", "ASTRA", "civil_society", "RS"),
    ("Open Gate La Strada", None, "civil_society", "MK"),
    ("Different and Equal", "D&E", "civil_society", "AL"),
    ("Balkan Investigative Reporting Network", "BIRN", "civil_society", "BA"),
    ("Thomson Reuters Foundation", None, "civil_society", "GB"),
    ("Euro-Mediterranean Human Rights Network", None, "civil_society", "DK"),
    ("Chamber of Commerce of Vienna", None, "private_sector", "AT"),
    ("Nigerian Employers' Consultative Association", "NECA", "private_sector", "NG"),
    ("Tunisian Union for Industry, Trade and Handicrafts", "UTICA", "private_sector", "TN"),
    ("Jordan Chamber of Industry", None, "private_sector", "JO"),
    ("Bangladesh Association of International Recruiting Agencies", "BAIRA", "private_sector", "BD"),
    ("Georgian Chamber of Commerce and Industry", None, "private_sector", "GE"),
    ("Pakistan Overseas Employment Promoters Association", None, "private_sector", "PK"),
    ("Armenian Development Foundation", None, "other", "AM"),
    ("Diaspora Business Hub Serbia", None, "other", "RS"),
    ("African Institute for Remittances", "AIR", "international_org", "KE"),
    ("Global Forum on Migration and Development", "GFMD", "international_org", "CH"),
    ("Observatory on Public Attitudes to Migration", "OPAM", "academia", "IT"),
    ("Vienna Chamber of Labour", None, "other", "AT"),
    ("Austrian Red Cross", None, "civil_society", "AT"),
    ("Euro-Arab Foundation for Higher Studies", None, "academia", "ES"),
    ("Hellenic Foundation for European and Foreign Policy", "ELIAMEP", "academia", "GR"),
    ("Institute of International Relations Prague", None, "academia", "CZ"),
)

#: region -> default duty station ref for its projects
REGION_STATIONS = {"WBT": ("ANK", "BEG", "PRN", "SKP", "IST", "SJJ"),
                   "EECA": ("VIE", "KIV", "EVN", "GYD", "TBS", "KBP"),
                   "SR": ("ISB", "KBL", "DAC", "BGW"), "MED": ("TUN", "BEY", "AMM", "MLA"),
                   "AFR": ("ABV", "ACC", "RAI"), "GLOBAL": ("BRU", "VIE"), "PRS": ("VIE",)}

_ECOWAS = "BJ BF CV CI GM GH GN GW LR ML NE NG SN SL TG MR"
_WB = "AL BA XK ME MK RS"
_EAP = "AM AZ BY GE MD UA"
_CA = "KZ KG TJ TM UZ"
_SOUTH = "DZ EG JO LB LY MA PS TN"
_SILK = "AF BD IQ IR PK"

#: region, acronym, title, recipient countries, thematic areas, start, end, donors (key[:share][@currency]),
#: dialogue; "end" None is open-ended; the first EUR donor absorbs rounding
PROJECTS = (
    # Policy, research and strategy
    ("PRS", "SPRING", "Sustainable practices of integration", "AT DE IT GR SE", "legal research", "2020-01", "2022-12",
     "REA", None),
    ("PRS", "MiDiP", "Migration.Digital.Pedagogy", "AT SI HR", "capacity research", "2020-09", "2022-08", "REA", None),
    ("PRS", "MedCOI", "Provision of MedCOI quality assurance services and comparative legal research", "NL BE",
     "asylum research", "2020-01", "2022-06", "HOME", None),
    ("PRS", "KOMPLEKS", "Comprehensive support for people in a vulnerable situation in the Polish migration "
     "management system", "PL", "asylum legal", "2020-07", "2022-06", "HOME:0.9 PL:0.1", None),
    ("PRS", "TRAFIG", "Translocal figurations of displaced families", "DE IT GR ET KE CD JO PK", "asylum research",
     "2019-01", "2021-12", "REA", None),
    ("PRS", "PERCEPTIONS", "Understand the impact of novel technologies, social media, and perceptions in countries "
     "abroad on migration flows and the security of the EU and provide validated counter approaches, tools and "
     "practices", "AT BE ES IT GR DZ EG", "research border", "2019-09", "2022-08", "REA", None),
    ("PRS", "FIMAS+Women", "Labour market integration trajectories of refugee women", "AT", "legal research",
     "2020-04", "2022-03", "AT", None),
    ("PRS", "HEROES", "Novel strategies to fight child sexual exploitation and human trafficking crimes and protect "
     "their victims", "ES PT BR CO", "thb research", "2019-12", "2022-11", "REA", None),
    # Eastern Europe and Central Asia
    ("EECA", "MPF-PP", "Mobility Partnership Facility – Prague Process Phase II and III", f"{_EAP} {_CA} RU",
     "dialogues research capacity", "2016-01", "2022-12", "HOME:0.9 CZ:0.05 PL:0.05", "PP"),
    ("EECA", "TAC Armenia", "Construction of temporary accommodation centre for asylum seekers in Armenia", "AM",
     "asylum", "2019-01", "2022-06", "HOME", None),
    ("EECA", "EU4IBM", "EU support to strengthening IBM in Ukraine", "UA", "border", "2018-01", "2022-06", "NEAR",
     None),
    ("EECA", "EU Impact for Armenia", "EU for increasing migrants' potential to act for development of Armenia",
     "AM", "development return", "2018-03", "2022-02", "NEAR", None),
    ("EECA", "FReMM", "Development of a forced-return monitoring system in the Republic of Moldova", "MD", "return",
     "2021-03", "2023-02", "SK:0.4 CH:0.6@CHF", None),
    ("EECA", "BOMCA", "Border Management in Central Asia – Phase 10", _CA, "border", "2021-01", "2025-06", "INTPA",
     None),
    ("EECA", "MOBILAZE II", "Support to the implementation of the Mobility Partnership with Azerbaijan", "AZ",
     "legal development", "2021-01", "2023-12", "HOME", "PP"),
    ("EECA", "E-MICS", "Enhancing migration and citizenship services in Armenia", "AM", "capacity legal", "2021-02",
     "2023-01", "DK@DKK", None),
    ("EECA", "STREAMinG", "Strengthening development impact of migration in Georgia", "GE", "development",
     "2021-04", "2024-03", "NEAR:0.85 DE:0.15", None),
    ("EECA", "CareFor", "Care for migrants' families left behind in Moldova", "MD", "development", "2021-05",
     "2023-04", "PL", None),
    ("EECA", "RESTART", "Reintegration support to returnees in Armenia", "AM", "return", "2021-06", "2023-05",
     "DE", None),
    ("EECA", "ENIGMMA 2", "Enhancing Georgia's migration management – Phase 2", "GE", "capacity legal",
     "2017-01", "2021-06", "NEAR", "PP"),
    ("EECA", "PRM Moldova", "Support to police reform in the Republic of Moldova", "MD", "border capacity",
     "2017-06", "2021-05", "NEAR", None),
    ("EECA", "PP-TA", "Prague Process Training Academy", f"{_EAP} {_CA}", "capacity dialogues", "2019-01",
     "2022-12", "HOME", "PP"),
    # Africa
    ("AFR", "EUTF-SBS Ghana", "Strengthening border security in Ghana", "GH", "border", "2019-03", "2023-02",
     "EUTF", "RP"),
    ("AFR", "MMD II", "Support to Africa-EU Migration and Mobility Dialogue II", f"{_ECOWAS} ER ET DJ KE SO SS SD UG",
     "dialogues research", "2018-01", "2023-12", "INTPA", "RP"),
    ("AFR", "OCWAR-T", "Organised crime: West African response to trafficking", _ECOWAS, "thb border", "2019-12",
     "2023-11", "INTPA:0.9 DE:0.1", "RP"),
    ("AFR", "NG-NR", "ICMPD Niger-Nigeria countering trafficking in human beings", "NE NG", "thb", "2020-04",
     "2022-09", "US@USD", "RP"),
    ("AFR", "OBSERVE-CV", "Strengthen the National Observatory capacity to tackle trafficking in persons in Cabo "
     "Verde", "CV", "thb capacity", "2021-03", "2024-02", "PT:0.3 US:0.7@USD", "RP"),
    ("AFR", "SMMIG 2", "Strengthening border and migration management in Ghana", "GH", "border", "2018-09",
     "2022-08", "DE", "RP"),
    ("AFR", "MoNIS", "Modernising Nigeria Immigration Service workforce", "NG", "capacity border", "2020-06",
     "2022-12", "GB@GBP", "RP"),
    ("AFR", "CoPS", "Technical vocational education, training and youth employment in Nigeria: the Centre of "
     "Practical Skills", "NG", "economy development", "2019-06", "2023-05", "EUTF", "RP"),
    ("AFR", "BM Côte d'Ivoire", "Border management project in Côte d'Ivoire", "CI", "border", "2020-01",
     "2022-12", "INTPA", "RP"),
    ("AFR", "C2CMMD", "Continent-to-Continent Migration and Mobility Dialogue", "ET NG SN GH KE MA TN EG CI ML RW ZA",
     "dialogues development",
     "2019-01", "2023-06", "INTPA", "KP"),
    ("AFR", "ATP-DDF", "Anti-trafficking demand-driven facility for ECOWAS member states and Mauritania",
     "BF CV GN NE SN SL", "thb capacity", "2020-10", "2023-09", "INTPA:0.8 UNODC:0.2", "RP"),
    ("AFR", "KP-THB", "Khartoum Process thematic support on trafficking and smuggling", "ER ET DJ KE SO SS SD UG EG",
     "thb dialogues", "2020-01", "2022-12", "NL", "KP"),
    # Global and interregional
    ("GLOBAL", "MPF II", "Mobility Partnership Facility Phase II and III", f"MA TN JO LB EG NG SN CV GH ET {_EAP} IN",
     "legal dialogues capacity", "2016-01", "2024-12", "HOME", None),
    ("GLOBAL", "ERRIN", "European Return and Reintegration Network", "AF IQ PK BD NG GH SN MA ET GN GM CI ML",
     "return", "2018-06", "2022-06", "HOME:0.75 NL:0.1 BE:0.05 SE:0.1@SEK", None),
    ("GLOBAL", "EUDiF", "Global EU Diaspora Facility", "NG GH SN ET KE MA TN AM GE MD UA PH LK BD PK AF",
     "development", "2019-01", "2023-12", "INTPA", None),
    ("GLOBAL", "Training DOM", "Trainings for development-oriented migration", "NG GH SN KE UG", "development capacity",
     "2020-01", "2022-12", "DE", None),
    ("GLOBAL", "MIEUX+", "EU-ICMPD joint initiative \"Migration EU Expertise\" providing short term expertise to "
     "partner countries to enhance migration governance", "AR BR MX EC PE CR DO GT TH VN KH PH MY "
     "LK NP ZA MZ ZM", "capacity legal", "2016-01", "2024-06", "INTPA:0.95 PT:0.05", None),
    ("GLOBAL", "ATA DG NEAR", "Logistical and technical support for migration seminars in the EU neighbourhood and "
     "enlargement countries", f"{_WB} TR {_SOUTH} {_EAP}", "dialogues capacity", "2019-01", "2022-12", "NEAR", None),
    ("GLOBAL", "INSPIRE", "Incubating skills partnerships beneficial to migrants' countries of origin and "
     "destination", "NG MA TN", "legal economy", "2021-01", "2023-12", "HOME:0.9 BE:0.1", None),
    ("GLOBAL", "RRR Facility", "Return, readmission and reintegration facility", "NG GH GM SN GN", "return",
     "2020-01", "2023-12", "HOME", None),
    # Mediterranean
    ("MED", "BMP Maghreb", "Border management programme for the Maghreb Region", "MA TN", "border", "2018-01",
     "2023-06", "NEAR", "MTM"),
    ("MED", "MC2CM II", "Mediterranean City-to-City Migration profiles and dialogue (phase II)", "AT ES FR IT PT JO "
     "LB MA TN", "dialogues legal", "2018-01", "2021-06", "NEAR:0.9 CH:0.1@CHF", "MTM"),
    ("MED", "IBM Jordan", "Integrated Border Management support Jordan", "JO", "border", "2017-01", "2022-12",
     "NEAR", None),
    ("MED", "IBM Lebanon III", "Enhanced capability for Integrated Border Management in Lebanon – Phase III",
     "LB", "border", "2018-06", "2022-05", "NEAR", None),
    ("MED", "IBM Tunisia III", "Support programme to Integrated Border Management in Tunisia – Phase III", "TN",
     "border", "2019-01", "2023-12", "NEAR:0.7 DE:0.3", None),
    ("MED", "EMM5", "Euromed Migration V – Euro-Mediterranean dialogue and cooperation on migration, mobility and "
     "international protection", _SOUTH, "dialogues asylum", "2019-10", "2023-09", "NEAR", "MTM"),
    ("MED", "IBM Jordan – NL", "Netherlands assistance to Jordanian border control agencies", "JO", "border",
     "2019-01", "2022-12", "NL", None),
    ("MED", "LIBMITAF", "Libya's migration technical assistance facility", "LY", "capacity border", "2020-01",
     "2023-06", "NEAR", None),
    ("MED", "MCP Med", "Training Institute on Migration Capacity Partnership for the Mediterranean", "MA TN EG JO LB",
     "capacity", "2020-06", "2024-05", "HOME:0.8 MT:0.2", "MTM"),
    ("MED", "AJT Tunisia", "Supporting access to justice for trafficking victims in Tunisia", "TN", "thb", "2020-03",
     "2022-09", "GB@GBP", None),
    ("MED", "Swiss IBM III", "Supporting Lebanon in fostering human rights-based border and migration management",
     "LB", "border", "2019-09", "2022-08", "CH@CHF", None),
    ("MED", "MC2CM III", "Mediterranean City-to-City Migration profiles and dialogue (phase III)", "AT ES FR IT PT "
     "JO LB MA TN", "dialogues legal", "2021-07", "2024-06", "NEAR:0.9 CH:0.1@CHF", "MTM"),
    ("MED", "IBM Lebanon V", "Netherlands assistance to Lebanese border agencies (IBM phase V)", "LB", "border",
     "2020-07", "2023-06", "NL", None),
    ("MED", "PROGRES II", "Support to the implementation of the National Strategy on Migration in Tunisia", "TN",
     "development legal", "2019-06", "2023-05", "NEAR:0.8 IT:0.2", None),
    ("MED", "MTM Support", "Support to the Mediterranean Transit Migration Dialogue", _SOUTH, "dialogues",
     "2018-01", "2022-12", "HOME:0.8 AT:0.2", "MTM"),
    # Western Balkans and Turkey
    ("WBT", "TACSO", "Technical assistance for cooperation with civil society in the area of migration and "
     "international protection", "TR", "asylum capacity", "2020-01", "2022-06", "NEAR", None),
    ("WBT", "EU4SAFEALB", "EU support to effective management of green and blue borders of Albania", "AL", "border",
     "2020-09", "2023-08", "NEAR", None),
    ("WBT", "Link up II", "Pooling diaspora resources and expertise for business creation and expansion into "
     "(mostly) rural regions of Serbia", "RS", "development economy", "2020-03", "2023-02", "CH@CHF", None),
    ("WBT", "ENHANCER", "Enhancement of entrepreneurship capacities for sustainable socio-economic integration "
     "(FRIT Programme)", "TR", "economy legal", "2019-06", "2022-12", "NEAR", None),
    ("WBT", "MIMAK III", "Strengthening migration management authorities in Kosovo* – Phase III", "XK",
     "capacity legal", "2019-02", "2022-01", "NEAR", None),
    ("WBT", "THB Research Turkey", "Research on child trafficking and labour trafficking in Turkey to support "
     "evidence-based policy formulation and PMM decisions on Turkey's anti-trafficking response", "TR",
     "thb research", "2021-01", "2022-06", "GB@GBP", None),
    ("WBT", "ReCONNECT", "Supporting the development of return counselling capacities in Turkey", "TR", "return",
     "2021-05", "2023-04", "NEAR", None),
    ("WBT", "FRMON", "Supporting the strengthening of capacity for conducting forced return operations", "TR",
     "return", "2021-07", "2023-06", "NEAR", None),
    ("WBT", "NAVRR", "Supporting the implementation and further strengthening of Turkey's National Assisted Voluntary "
     "Return and Reintegration System (Pillar 1 and Pillar 2)", "TR", "return", "2020-06", "2022-12",
     "NEAR:0.8 DK:0.2@DKK", None),
    ("WBT", "NRM-MARRI", "Developing approaches for enhancing the functionality of the National Referral Mechanisms "
     "in the MARRI participants", _WB, "thb", "2021-01", "2022-06", "US@USD", None),
    ("WBT", "WB Diaspora", "Study of the diasporas' contributions to socio-economic development in the Western "
     "Balkans", _WB, "development research", "2021-03", "2022-02", "AT", None),
    ("WBT", "EU4IBMTR", "Drafting of a National IBM Strategy and updating of the National Action Plan to implement "
     "Turkey's IBM Strategy", "TR", "border", "2021-02", "2023-01", "NEAR", None),
    ("WBT", "SUMMIT", "Supporting the implementation of development-sensitive migration policies and initiatives "
     "in Turkey", "TR", "development", "2019-09", "2022-08", "CH@CHF", None),
    ("WBT", "SUPREME", "Strengthening utilisation of additional policies and measures for reinforcing migration "
     "management in Turkey", "TR", "return capacity", "2019-04", "2021-03", "GB@GBP", None),
    # Silk Routes
    ("SR", "Silk Routes III", "Improving migration management in the Silk Routes Countries", _SILK,
     "capacity dialogues", "2016-01", "2023-06", "INTPA", "BP"),
    ("SR", "India CAMM", "EU-India cooperation and dialogue on migration and mobility", "IN", "legal dialogues",
     "2017-01", "2022-06", "HOME", None),
    ("SR", "IBM Silk Routes", "Integrated border management in the Silk Routes Countries", _SILK, "border",
     "2016-01", "2022-12", "INTPA", "BP"),
    ("SR", "MRC Iraq", "Establishing responsive and sustainable migrant resource centres in Iraq", "IQ",
     "legal development", "2019-01", "2022-12", "HOME:0.8 DE:0.2", "BP"),
    ("SR", "MRC Bangladesh", "Establishing migrant resource centres in Bangladesh", "BD", "legal development",
     "2018-03", "2022-02", "INTPA", "BP"),
    ("SR", "IMED", "Developing the Iraqi Government's knowledge and expertise in migration governance", "IQ",
     "capacity", "2020-01", "2022-12", "DE", "BP"),
    ("SR", "PARIM", "Awareness raising and information campaigns on the risks of irregular migration in Pakistan",
     "PK", "return research", "2019-01", "2022-06", "NO@NOK", "BP"),
    ("SR", "CAIR", "Capacity building for long-term reintegration of returnees to Afghanistan and Iraq complementary "
     "to reintegration support through ERRIN", "AF IQ", "return", "2019-06", "2022-05", "HOME:0.7 SE:0.3@SEK", "BP"),
    ("SR", "IKAM", "Information and capacity building on asylum, legal and irregular migration in Afghanistan, Iraq "
     "and the Western Balkans", f"AF IQ {_WB}", "asylum legal", "2020-01", "2022-12", "AT", "BP"),
    ("SR", "MRC Sri Lanka", "Establishing Migrant Resource Centres in Sri Lanka", "LK", "legal development",
     "2020-05", "2023-04", "HOME", "BP"),
    ("SR", "BP Activities", "Budapest Process activities", f"{_SILK} TR", "dialogues", "2016-01", "2022-12",
     "HU:0.4 TR:0.3@TRY DE:0.3", "BP"),
    ("SR", "MRC Pakistan", "Migrant Resource Centre in Pakistan", "PK", "legal development", "2018-01", "2022-06",
     "HOME:0.8 IOM:0.2", "BP"),
    ("SR", "CSCB Pakistan", "Counter-smuggling capacity building in Pakistan", "PK", "border thb", "2020-09",
     "2022-08", "DK@DKK", "BP"),
    # closed before 2021, carrying the earlier years
    ("MED", "EMM4", "Euromed Migration IV", _SOUTH, "dialogues", "2016-01", "2019-09", "NEAR", "MTM"),
    ("GLOBAL", "MIEUX II", "Migration EU Expertise II", "AR MX PH MY NG GH", "capacity", "2016-01", "2019-12",
     "INTPA", None),
    ("SR", "Silk Routes II", "Improving migration management in the Silk Routes Countries – Phase II", _SILK,
     "capacity", "2016-01", "2018-12", "INTPA", "BP"),
    ("AFR", "FMM West Africa", "Support to free movement of persons and migration in West Africa", _ECOWAS,
     "legal dialogues", "2016-01", "2020-06", "INTPA", "RP"),
    ("EECA", "MOBILAZE", "Support to the implementation of the Mobility Partnership with Azerbaijan", "AZ",
     "legal", "2016-03", "2019-12", "HOME", "PP"),
    ("MED", "IBM Lebanon II", "Enhanced capability for Integrated Border Management in Lebanon – Phase II", "LB",
     "border", "2016-01", "2018-05", "NEAR", None),
    ("WBT", "Link up I", "Diaspora for development in Serbia", "RS", "development", "2017-01", "2020-02",
     "CH@CHF", None),
    ("WBT", "NAVRR Pilot", "Pilot for national assisted voluntary return in Turkey", "TR", "return", "2018-01",
     "2020-05", "NEAR", None),
    ("GLOBAL", "MPF I", "Mobility Partnership Facility – Phase I", "MA TN JO GE MD", "legal", "2016-01", "2019-12",
     "HOME", None),
    ("AFR", "Rabat Support", "Support to the Rabat Process (MMD I)", _ECOWAS, "dialogues", "2016-01", "2019-12",
     "INTPA", "RP"),
    ("EECA", "ENIGMMA", "Enhancing Georgia's migration management", "GE", "capacity", "2016-01", "2016-12",
     "NEAR", "PP"),
    ("MED", "IBM Tunisia II", "Support programme to Integrated Border Management in Tunisia – Phase II", "TN",
     "border", "2016-01", "2018-12", "NEAR", None),
    # pipeline
    ("WBT", "NACORAC", "Strengthening the capacity of the National Coordination and Joint Risk Analysis Centre",
     "TR", "border", "2022-03", "2025-02", "NEAR", None),
    ("EECA", "MRC Tajikistan", "Re-establishing the Migrant Resource Centre in Tajikistan", "TJ", "legal",
     "2022-06", "2024-05", "DE", None),
)
PIPELINE = {"NACORAC", "MRC Tajikistan"}
#: projects whose 2021 expenditure is large (the Mediterranean's IBM programmes, the global facilities)
HEAVY = {"BMP Maghreb", "IBM Jordan", "IBM Lebanon III", "IBM Tunisia III", "EMM5", "LIBMITAF", "MPF II",
         "EUDiF", "MIEUX+", "ERRIN", "Silk Routes III", "IBM Silk Routes", "BOMCA", "EU4IBM", "OCWAR-T",
         "EU4SAFEALB", "ENHANCER"}

JVAP_DOMAINS = (
    ("Development benefits of migration and addressing root causes of irregular migration and forced displacement",
     ("Enhance employment opportunities and revenue-generating activities",
      "Link relief, rehabilitation and development in peripheral and marginalised areas",
      "Facilitate remittances and operationalise the African Institute on Remittances",
      "Support the engagement of diasporas")),
    ("Legal migration and mobility",
     ("Promote regular channels for migration and mobility, including pilot projects",
      "Promote the mobility of students, researchers and entrepreneurs",
      "Promote the recognition of skills and qualifications")),
    ("Protection and asylum",
     ("Improve the quality of the asylum process",
      "Improve the resilience, safety and self-reliance of refugees and displaced persons")),
    ("Prevention of and fight against irregular migration, migrant smuggling and trafficking in human beings",
     ("Adopt and implement anti-smuggling and anti-trafficking legislation, policies and action plans",
      "Strengthen the institutional capacity to fight smuggling and trafficking",
      "Pilot projects on integrated border management",
      "Information and awareness-raising campaigns")),
    ("Return, readmission and reintegration",
     ("Strengthen the capacity of countries of origin to respond to readmission applications",
      "Support the sustainable reintegration of returnees into their communities")),
)

PRAGUE_DOMAINS = (
    ("Preventing and fighting irregular migration",
     ("Border management and control", "Fight against migrant smuggling and trafficking in human beings")),
    ("Promoting readmission, voluntary return and sustainable reintegration",
     ("Voluntary return and reintegration programmes", "Readmission cooperation")),
    ("Addressing legal migration and mobility with emphasis on labour migration",
     ("Labour migration schemes", "Information for prospective migrants")),
    ("Integration of legally residing migrants and their family members", ("Integration policies",)),
    ("Making migration and mobility positive forces for development", ("Diaspora engagement", "Remittances")),
    ("Strengthening capacities in asylum and international protection",
     ("Asylum systems in line with international standards",)),
)

BUDAPEST_DOMAINS = (
    ("Labour migration, including skills development and mobility",
     ("Skills development and recognition", "Migrant resource centres and pre-departure information")),
    ("Irregular migration, including migrant smuggling and trafficking in human beings",
     ("Integrated border management", "Fight against migrant smuggling", "Awareness raising on irregular migration")),
    ("Return, readmission and reintegration", ("Sustainable reintegration of returnees",)),
    ("Migration and development", ("Diaspora engagement",)),
)

_EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
_SCHENGEN = "CH NO IS LI"

#: code, name, acronym, region, started_on, members, chairmanships (country, start, end), action plan, description
DIALOGUES = (
    ("BP", "Budapest Process", "BP", "SR", "1991-10-31",
     f"{_EU27} {_SCHENGEN} GB {_WB} TR {_EAP} {_CA} RU {_SILK}",
     (("HU", "2006-01-01", "2013-12-31"), ("TR", "2014-01-01", None)), BUDAPEST_DOMAINS,
     "A consultative forum of more than 50 governments and 10 international organisations on orderly migration "
     "between Europe and the Silk Routes region; ICMPD holds its secretariat since 1993."),
    ("PP", "Prague Process", "PP", "EECA", "2009-04-28",
     f"{_EU27} {_SCHENGEN} GB {_WB} TR {_EAP} {_CA} RU",
     (("CZ", "2009-04-28", "2011-11-03"), ("PL", "2011-11-04", "2016-12-31"), ("CZ", "2017-01-01", None)),
     PRAGUE_DOMAINS,
     "A targeted migration dialogue among the countries of the European Union, the Schengen area, the Eastern "
     "Partnership, Central Asia, Russia, Turkey and the Western Balkans."),
    ("RP", "Euro-African Dialogue on Migration and Development (Rabat Process)", "Rabat Process", "AFR",
     "2006-07-10", f"{_EU27} CH NO GB {_ECOWAS} CM CF TD CG CD GA GQ MA DZ TN LY EG",
     (("BF", "2019-01-01", "2019-12-31"), ("PT", "2020-01-01", "2020-12-31"), ("GQ", "2021-01-01", "2021-12-31"),
      ("FR", "2022-01-01", "2022-12-31"), ("NG", "2023-01-01", "2023-12-31"), ("ES", "2024-01-01", "2024-12-31"),
      ("SN", "2025-01-01", "2025-12-31"), ("BE", "2026-01-01", "2026-12-31")), JVAP_DOMAINS,
     "A political dialogue on migration between countries of origin, transit and destination in Europe and in "
     "North, Central and West Africa, following up the Joint Valletta Action Plan."),
    ("KP", "EU-Horn of Africa Migration Route Initiative (Khartoum Process)", "Khartoum Process", "AFR",
     "2014-11-28", f"{_EU27} CH NO GB DJ EG ER ET KE LY SO SS SD TN UG",
     (("EG", "2019-01-01", "2019-12-31"), ("NL", "2020-01-01", "2021-12-31"), ("ET", "2022-01-01", "2022-12-31"),
      ("FR", "2023-01-01", "2023-12-31"), ("KE", "2024-01-01", "2024-12-31"), ("IT", "2025-01-01", "2025-12-31"),
      ("EG", "2026-01-01", "2026-12-31")), JVAP_DOMAINS,
     "A platform for political cooperation among the countries along the migration route between the Horn of "
     "Africa and Europe, focused on trafficking in human beings and migrant smuggling."),
    ("MTM", "Mediterranean Transit Migration Dialogue", "MTM", "MED", "2002-06-01",
     f"{_EU27} CH NO {_SOUTH}", (), (),
     "An informal consultative platform between migration officials of countries of origin, transit and "
     "destination along the Mediterranean migration routes, home of the City-to-City initiative."),
)

#: cities where events take place, by country (the first is the capital)
CITIES = {
    "AT": ("Vienna", "Graz", "Salzburg", "Linz", "Innsbruck"), "BE": ("Brussels", "Antwerp"),
    "DE": ("Berlin", "Nuremberg", "Bonn", "Munich"), "CH": ("Bern", "Geneva"), "MT": ("Valletta", "Msida"),
    "CZ": ("Prague", "Brno"), "PL": ("Warsaw", "Kraków"), "PT": ("Lisbon", "Porto"), "HU": ("Budapest",),
    "SK": ("Bratislava",), "SI": ("Ljubljana", "Bled"), "HR": ("Zagreb",), "BG": ("Sofia",), "RO": ("Bucharest",),
    "SE": ("Stockholm",), "GR": ("Athens", "Thessaloniki"), "NL": ("The Hague", "Amsterdam"), "IT": ("Rome", "Turin"),
    "ES": ("Madrid", "Barcelona"), "FR": ("Paris", "Lyon"), "DK": ("Copenhagen",),
    "TR": ("Ankara", "Istanbul", "Izmir", "Gaziantep", "Antalya", "Bursa", "Konya", "Mersin", "Adana", "Trabzon",
           "Edirne", "Van", "Hatay", "Kayseri", "Şanlıurfa"),
    "AL": ("Tirana", "Durrës", "Shkodër", "Vlorë"), "BA": ("Sarajevo", "Banja Luka", "Bihać", "Mostar"),
    "XK": ("Pristina", "Prizren", "Peja"), "ME": ("Podgorica", "Budva"), "MK": ("Skopje", "Ohrid", "Gevgelija"),
    "RS": ("Belgrade", "Novi Sad", "Niš", "Subotica", "Kragujevac"),
    "AM": ("Yerevan", "Gyumri", "Vanadzor", "Dilijan"), "AZ": ("Baku", "Ganja"),
    "GE": ("Tbilisi", "Batumi", "Kutaisi", "Rustavi"), "MD": ("Chisinau", "Balti", "Cahul"),
    "UA": ("Kyiv", "Lviv", "Odesa", "Kharkiv", "Uzhhorod"), "KZ": ("Nur-Sultan", "Almaty", "Shymkent"),
    "KG": ("Bishkek", "Osh", "Karakol"), "TJ": ("Dushanbe", "Khujand", "Kulob"), "TM": ("Ashgabat", "Turkmenabat"),
    "UZ": ("Tashkent", "Samarkand", "Fergana"), "BY": ("Minsk",), "RU": ("Moscow",),
    "AF": ("Kabul", "Herat", "Mazar-i-Sharif"), "BD": ("Dhaka", "Cumilla", "Sylhet", "Chattogram"),
    "IQ": ("Baghdad", "Erbil", "Basra", "Sulaymaniyah"), "PK": ("Islamabad", "Lahore", "Karachi", "Peshawar"),
    "LK": ("Colombo", "Kandy"), "IN": ("New Delhi", "Mumbai", "Kochi"), "IR": ("Tehran",),
    "TN": ("Tunis", "Sfax", "Sousse", "Médenine", "Gabès", "Kasserine", "Bizerte"),
    "LB": ("Beirut", "Tripoli", "Zahlé", "Sidon", "Baalbek"), "JO": ("Amman", "Irbid", "Zarqa", "Aqaba", "Mafraq"),
    "MA": ("Rabat", "Casablanca", "Tangier", "Oujda", "Agadir"), "LY": ("Tripoli", "Misrata"), "EG": ("Cairo",
                                                                                                      "Alexandria"),
    "DZ": ("Algiers",), "PS": ("Ramallah",),
    "GH": ("Accra", "Kumasi", "Tamale", "Aflao", "Elubo", "Paga"), "NG": ("Abuja", "Lagos", "Kano", "Benin City",
                                                                           "Enugu", "Port Harcourt", "Sokoto"),
    "CV": ("Praia", "Mindelo"), "CI": ("Abidjan", "Yamoussoukro", "Bouaké"), "NE": ("Niamey", "Agadez", "Zinder"),
    "SN": ("Dakar", "Saint-Louis", "Ziguinchor"), "BF": ("Ouagadougou",), "ML": ("Bamako",), "GN": ("Conakry",),
    "SL": ("Freetown",), "GM": ("Banjul",), "TG": ("Lomé",), "BJ": ("Cotonou",), "LR": ("Monrovia",),
    "MR": ("Nouakchott",), "ET": ("Addis Ababa",), "KE": ("Nairobi", "Mombasa"), "UG": ("Kampala",),
    "SD": ("Khartoum",), "DJ": ("Djibouti",),
}
#: cities that event organisers type in other ways (the figures compare them trimmed and case-insensitively)
CITY_VARIANTS = {("AT", "Vienna"): " vienna", ("TR", "Ankara"): "ANKARA", ("TN", "Tunis"): "Tunis ",
                 ("BA", "Banja Luka"): "Banja  Luka"}

#: names of people by the region they come from: (female first names, male first names, last names)
NAMES = {
    "WBT": (("Ana", "Marija", "Jelena", "Ivana", "Elma", "Amra", "Teuta", "Arta", "Blerta", "Ayşe", "Elif", "Zeynep",
             "Merve", "Esra", "Fatma"),
            ("Marko", "Nikola", "Dragan", "Emir", "Amar", "Arben", "Besnik", "Ilir", "Stefan", "Mehmet", "Ahmet",
             "Mustafa", "Emre", "Burak", "Serkan"),
            ("Petrović", "Jovanović", "Hodžić", "Kovačević", "Berisha", "Krasniqi", "Hoxha", "Stojanovski", "Popović",
             "Begić", "Gashi", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan")),
    "EECA": (("Анна", "Ольга", "Наталья", "Gulnara", "Aigerim", "Nino", "Tamar", "Lusine", "Ani", "Aynur", "Elena",
              "Dilnoza", "Madina"),
             ("Алексей", "Дмитрий", "Sergiu", "Ion", "Giorgi", "Levan", "Armen", "Tigran", "Rustam", "Farhod",
              "Elnur", "Bakyt", "Олег"),
             ("Коваленко", "Шевченко", "Бондаренко", "Rusu", "Ceban", "Beridze", "Kapanadze", "Hakobyan", "Grigoryan",
              "Sargsyan", "Mammadli", "Abdullaev", "Nurlanuly", "Toktogulov")),
    "SR": (("Ayesha", "Fatima", "Nusrat", "Shirin", "Priya", "Anjali", "Zahra", "Mariam", "Sanjida", "Hasini"),
           ("Ahmad", "Bilal", "Imran", "Rahim", "Tariq", "Hamid", "Arjun", "Rohan", "Karim", "Nuwan"),
           ("Khan", "Ahmed", "Hossain", "Rahman", "Ali", "Siddiqui", "Perera", "Fernando", "Sharma", "Kumar",
            "Haidari", "Noori", "Al-Jaff", "Hassan")),
    "MED": (("Fatma", "Amal", "Leila", "Rania", "Nour", "Samira", "Yasmine", "Salma", "Ines", "Hiba"),
            ("Mohamed", "Ahmed", "Youssef", "Karim", "Omar", "Hichem", "Khaled", "Rami", "Walid", "Sami"),
            ("Ben Ali", "Trabelsi", "Haddad", "Khoury", "El Amrani", "Mansour", "Nasser", "Al-Khatib", "Saleh",
             "Hamdan", "Jaber", "Gharbi", "Benjelloun", "Abi Nader")),
    "AFR": (("Aminata", "Fatou", "Adaeze", "Ngozi", "Akosua", "Abena", "Mariama", "Awa", "Selam", "Wanjiru"),
            ("Chinedu", "Emeka", "Kwame", "Kofi", "Moussa", "Ibrahim", "Oumar", "Abdoulaye", "Dawit", "Otieno"),
            ("Okafor", "Adeyemi", "Mensah", "Owusu", "Diallo", "Traoré", "Ndiaye", "Sow", "Mendes", "Tavares",
             "Ouédraogo", "Koné", "Bekele", "Mwangi")),
    "EU": (("Anna", "Sophie", "Maria", "Julia", "Eva", "Laura", "Katarzyna", "Elena", "Ingrid", "Chiara"),
           ("Thomas", "Michael", "Lukas", "Jan", "Pierre", "Giorgio", "Pedro", "Piotr", "Johan", "Tomáš"),
           ("Müller", "Gruber", "Novák", "Kowalski", "Rossi", "Silva", "Dubois", "Janssen", "Nagy", "Popescu",
            "Horvat", "Andersson", "Papadopoulos", "Borg")),
}
#: the language people of a region are written to in
LANGUAGE = {"WBT": "en", "EECA": "ru", "SR": "en", "MED": "fr", "AFR": "en", "EU": "en"}
FRENCH_SPEAKING = {"SN", "CI", "NE", "BF", "ML", "GN", "TG", "BJ", "MR", "TN", "MA", "DZ", "LB"}

#: event titles by type; {topic} is a field of experience, {project} the project's acronym
EVENT_TITLES = {
    "conference": ("Regional conference on {topic}", "International conference: {topic} in times of crisis",
                   "Annual conference of {project} partners"),
    "ministerial_conference": ("Ministerial conference on {topic}",),
    "senior_officials_meeting": ("Senior officials' meeting",),
    "working_group": ("Working group on {topic}", "Expert working group on {topic}"),
    "thematic_meeting": ("Thematic meeting on {topic}",),
    "training": ("Training on {topic} ({project})", "Training of trainers: {topic}", "Basic course on {topic}",
                 "Advanced training on {topic} ({project})", "Online course on {topic}"),
    "workshop": ("Workshop on {topic} ({project})", "Validation workshop on {topic}",
                 "Stakeholder workshop ({project})"),
    "webinar": ("Webinar: {topic}", "Policy talk: {topic}"),
    "study_visit": ("Study visit on {topic}",),
    "meeting": ("Steering committee meeting ({project})", "Coordination meeting ({project})",
                "Project board meeting ({project})"),
}
TOPICS = {
    "asylum": "asylum procedures and international protection", "border": "integrated border management",
    "capacity": "migration governance", "economy": "labour market integration", "thb": "trafficking in human beings",
    "development": "diaspora engagement", "return": "return counselling and reintegration",
    "legal": "legal migration pathways", "dialogues": "regional migration cooperation",
    "research": "migration data and research",
}
