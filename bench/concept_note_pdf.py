"""How long a realistic concept note (about seven A4 pages) takes to render as PDF, best of three.

    .venv/bin/python bench/concept_note_pdf.py                  # English
    .venv/bin/python bench/concept_note_pdf.py --language ru    # or fr
    .venv/bin/python bench/concept_note_pdf.py --png /tmp/note  # also write /tmp/note-1.png ... to look at

The note follows the regional project Serbia described at the 2021 sub-regional meeting (seeds/001, M-MPTF
section): a training centre and data hub on migration, IOM leading with UNHCR, UNFPA and UNDP. Budget target
under three seconds. Not part of the test suite.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLE = "Regional Migration Data Hub and Training Centre for South-Eastern Europe"

SECTIONS = {
    "summary": """
The programme establishes a **regional migration data hub and training centre** hosted in Belgrade and open to
officials, researchers and civil society from Serbia, North Macedonia, Montenegro, Bosnia and Herzegovina,
Albania and Kosovo. Over 30 months it will build shared methods to collect, analyse and publish migration data,
and train 600 officials in evidence-based policy making.

The programme has two outcomes: comparable migration data shared across the region, and officials who use it
to design and review policy. It costs USD 2.3 million, of which IOM, UNHCR, UNFPA and UNDP each manage a part
under a single work plan and steering committee chaired in turn by the participating administrations.

It answers a need governments voiced at the sub-regional meeting of March 2021: the region is in a critical
position for migratory flows, emigration to Western Europe continues, and policy makers lack comparable,
disaggregated data to plan labour, return and integration policies. The programme applies the GCM's
whole-of-government and whole-of-society approach and is gender-responsive and child-sensitive by design.
""",
    "context": """
### Migration in the region

Since the enlargement of the European Union, emigration towards Western Europe has been the main trend in
South-Eastern Europe, leading to labour shortages, ageing and brain drain. At the same time the region remains
on a transit route: in 2020 authorities registered more than 40,000 irregular entries, many of them by
unaccompanied children. Return and reintegration of nationals add a third flow that local governments
must absorb.

### The data baseline

| Country | Migration profile updated | Labour-migration survey | Data shared regionally |
|---|---|---|---|
| Serbia | 2020 | 2019 | partly |
| North Macedonia | 2019 | none | no |
| Montenegro | 2018 | none | no |
| Bosnia and Herzegovina | 2020 | 2017 | no |
| Albania | 2019 | 2018 | partly |

Ministries of interior, labour and statistics offices collect data with different definitions and rarely
exchange it. Sex- and age-disaggregated data on returnees is missing in four of the six administrations.
The *Migration Governance Indicators* assessments (2019 to 2021) point to the same gap in every country.

### Lessons from earlier work

The joint project *Evidence-based Migration Policy Planning and Discourse in North Macedonia*, funded by the
fund and implemented by IOM, UNHCR and UNFPA under the coordination of the Resident Coordinator Office, showed
that ministries adopt common definitions when statistics offices lead the technical work and ministries own
the policy questions. It also showed that a national platform alone does not answer regional questions: most
migration in the region crosses at least two of the six administrations, and each sees only its own half of
every movement. This programme builds on that experience and extends it to the region, as governments asked
at the sub-regional meeting.

### Who is affected

Four groups feel the consequences of the data gap most. Returnees find that local services do not know they
exist until they ask for help. Labour migrants leave without information about recruitment fees and rights
abroad. Unaccompanied and separated children in transit are counted several times or not at all, which delays
referral to guardianship. Local governments in border municipalities plan schools, health care and housing
without knowing how many people arrive, stay or leave each year.

Women are over-represented among returnees in social assistance and under-represented among trained
officials: in 2020 fewer than a third of the staff attending migration-statistics courses in the region were
women. The programme addresses both sides.

### The problem

Without comparable data, policies rest on perception rather than evidence; public discourse on migration is
polarised; and governments cannot measure their progress against the GCM objectives they committed to at the
regional review.
""",
    "ownership": """
The programme was designed with the Commissariat for Refugees and Migration of Serbia, which will host the
hub, and with the ministries responsible for migration in each participating administration. Each government
nominated a focal point who sits on the steering committee and co-chairs one working group.

- It implements the **Serbian Strategy on Economic Migration 2021-2027** and the migration chapters of the
  national development plans of North Macedonia and Albania.
- It supports the GCM national implementation plans presented at the 2021 regional review.
- Statistics offices commit staff time (in kind) to harmonise definitions.

Governments also shaped the content. At the consultation of June 2021 the administrations asked for three
changes to the first draft: a module on return and reintegration, a stronger role for local governments in
border municipalities, and training in the regional languages rather than in English only. All three are in
the programme. The steering committee, chaired in turn by each administration, approves the annual work plan
and the list of datasets to be published, so that no data leaves a country without its government's consent.

National ownership is secured by a phased hand-over: from month 18 the hub's running costs move
progressively to the host government budget.
""",
    "theory_of_change": """
**If** officials in the six administrations share definitions, tools and a common platform for migration
data, **and if** they are trained to use that data in policy cycles, **then** migration policies in the region
will be based on evidence and coordinated across borders, **because** the main obstacles identified today are
incompatible data and limited analytical capacity, not the absence of political will.

The change pathway has three steps:

1. Harmonised definitions and a shared data platform (output 1.1, 1.2).
2. Trained officials and researchers who use the platform (output 2.1).
3. Regular regional policy dialogue informed by the data (output 2.2).

The programme deliberately starts with definitions rather than software. Experience from earlier projects in
the region shows that platforms built before the ministries agreed on what to count remained empty. The first
six months are therefore spent in working groups that compare existing registers, agree on a minimum common
dataset, and test it on two flows (labour emigration and return). Only then is the platform configured, with
the same working groups acting as its first users and testers.

Training follows the same logic. Officials are trained in mixed groups from several ministries and
administrations, on real data from the platform, so that the course itself builds the working relationships
the policy dialogue relies on later.

Assumptions: governments keep their focal points in post; data-protection rules allow aggregated exchange;
the regional political climate permits technical cooperation.
""",
    "results": """
The programme has two outcomes. The first concerns the data infrastructure, the second its use. Indicators
are disaggregated by sex, age and migration status wherever the data allow; baselines come from the 2021
assessments and targets were agreed with the focal points.

Monitoring is shared: the hub collects indicator data every quarter from the platform and the training
records, the participating organisations verify them, and the steering committee reviews progress twice a
year. A mid-term review in month 15 may adjust targets where the baseline proves wrong; any change is reported
to the fund with its reasons.
""",
    "principles": """
- **People-centred:** the data hub publishes analysis on migrants' own situations, including returnees and
  unaccompanied children, not only flows.
- **Whole-of-government approach:** interior, labour, social-protection and statistics bodies sit together in
  each working group.
- **Whole-of-society approach:** universities, migrant associations and local governments take part in the
  training programme and the annual forum.
- **Gender-responsive:** every dataset is disaggregated by sex; half of the trainees are women.
- **Child-sensitive:** a dedicated module covers data on children on the move, with UNICEF's advice.
- **Human rights:** data-protection safeguards follow the IOM Data Protection Principles.
- **National sovereignty:** each government decides which data it shares, under a memorandum it signs.
""",
    "partnerships": """
IOM convenes the programme and runs the hub; UNHCR leads work on asylum and protection data; UNFPA brings its
experience with censuses and population registers; UNDP links the hub to development planning and local
governments. Working jointly avoids four parallel data projects in the same ministries, lets one training
curriculum cover labour, protection and population data, and gives governments a single entry point.

| Organisation | Role in the programme | Main counterparts |
|---|---|---|
| IOM (lead) | Hub management, labour-migration and return data, training | Ministries of interior and labour |
| UNHCR | Asylum and protection data, children on the move | Asylum offices, social welfare centres |
| UNFPA | Population registers, census methods, survey design | Statistics offices |
| UNDP | Development planning, local governments, platform hosting | Planning ministries, municipalities |

The programme works with the Regional Cooperation Council, national statistics offices, three universities
(Belgrade, Skopje, Tirana) and the network of migrant associations created during the 2020 consultations.
""",
    "sustainability": """
Sustainability rests on three commitments. First, the host government takes over the hub's running costs
progressively from month 18 and fully after the programme. Second, the training curriculum is accredited by the
national schools of public administration, which will continue to teach it. Third, the data platform uses open
standards and open-source software, so that no licence costs remain and other countries can join.

Financial sustainability is complemented by institutional anchoring: the hub becomes a unit of the
Commissariat with its own staffing table, and the memorandum of understanding signed by the six
administrations continues after the programme, with the steering committee meeting once a year at the
Regional Cooperation Council.

Knowledge is kept in the region: every training module, dataset definition and method note is published under
an open licence in the regional languages and English, and a pool of 40 trainers from the administrations is
certified to teach the curriculum without international support.

Finally, the programme prepares the next step without depending on it. By month 24 the steering committee
will decide whether to open the hub to Moldova, Ukraine, Georgia and Armenia, which took part in the 2021
meeting as observers; the platform and curriculum are designed so that new members can join at their own cost
without changes to the software or the governance.

An exit review in month 28 will confirm the hand-over with each government.
""",
    "risks": """
The main risks are institutional rather than technical. They are monitored quarterly by the steering
committee, which may re-allocate activities between administrations if one of them cannot take part for a
period. Risks to people, above all the protection of personal data on migrants and children, are handled by
design: the platform holds aggregated data only, and each administration keeps its own registers.
""",
    "budget": """
The budget requested is USD 2.3 million over 30 months. Staff and contractual services carry the largest
share because the programme builds capacity rather than infrastructure. Indirect support costs are 7 % of
direct costs for each participating organisation, as set by the fund.

- **Staff (line 1):** the hub coordinator, two data specialists and the training coordinator, plus part-time
  technical staff in each participating organisation.
- **Contractual services (line 4):** platform development and hosting, curriculum design, translation.
- **Travel (line 5):** working-group meetings rotating between capitals, residential training courses.
- **Transfers and grants (line 6):** small grants to universities and migrant associations for research
  using platform data.
""",
}

RESULTS = [
    (
        "Migration data in the six administrations is comparable, shared and used in policy planning.",
        [
            (
                "Harmonised definitions for labour migration, return and transit are adopted.",
                [
                    (
                        "Administrations that adopted the harmonised definitions",
                        "0 of 6",
                        "6 of 6",
                        "Official decisions; hub records",
                        "IOM",
                        ["migration_status"],
                    ),
                    (
                        "Datasets published on the regional platform",
                        "0",
                        "24",
                        "Platform statistics",
                        "UNFPA",
                        ["sex", "age", "migration_status"],
                    ),
                ],
            ),
            (
                "A regional migration data platform is running and maintained by the host government.",
                [
                    ("Platform availability during working hours", "n/a", "98 %", "Hosting reports", "UNDP", []),
                    ("Ministries submitting data each quarter", "0", "15", "Platform logs", "IOM", []),
                ],
            ),
        ],
    ),
    (
        "Officials and researchers use migration data to design and review policies.",
        [
            (
                "Officials and researchers are trained in migration statistics and policy analysis.",
                [
                    (
                        "People trained who pass the course assessment",
                        "0",
                        "600 (50 % women)",
                        "Training records",
                        "IOM",
                        ["sex", "age"],
                    ),
                    (
                        "Trainees using platform data in their work after six months",
                        "n/a",
                        "60 %",
                        "Follow-up survey",
                        "UNHCR",
                        ["sex"],
                    ),
                ],
            ),
            (
                "A regional policy dialogue on migration data meets every year.",
                [
                    (
                        "Policy briefs based on platform data discussed by governments",
                        "0",
                        "8",
                        "Forum reports",
                        "UNDP",
                        [],
                    ),
                    (
                        "Children on the move covered in national data reports",
                        "1 of 6",
                        "6 of 6",
                        "National reports",
                        "UNHCR",
                        ["age", "migration_status"],
                    ),
                ],
            ),
        ],
    ),
]

RISKS = [
    (
        "Focal points change after elections",
        "high",
        "medium",
        "Two focal points per administration; induction package; steering committee meets at ministerial level.",
    ),
    (
        "Data-protection rules prevent sharing",
        "medium",
        "high",
        "Share aggregated data only; memoranda reviewed by national data-protection authorities.",
    ),
    (
        "Political tensions interrupt regional cooperation",
        "low",
        "high",
        "Technical meetings rotate between capitals and online; bilateral tracks continue.",
    ),
    (
        "Host government cannot take over running costs",
        "medium",
        "medium",
        "Costs phased in from month 18; budget line agreed in the memorandum of understanding.",
    ),
    (
        "Low participation of women in training",
        "low",
        "medium",
        "Nomination quotas; childcare support during residential courses.",
    ),
]

BUDGET = {
    "IOM": {
        "1": "412000.00",
        "2": "18500.00",
        "3": "64000.00",
        "4": "238000.00",
        "5": "96500.00",
        "6": "120000.00",
        "7": "41250.35",
    },
    "UNHCR": {"1": "210000.00", "4": "95000.00", "5": "38200.00", "7": "12400.10"},
    "UNFPA": {"1": "168000.00", "2": "6000.00", "4": "120000.00", "5": "24000.00", "7": "9800.00"},
    "UNDP": {"1": "190000.00", "3": "28000.00", "4": "150000.00", "5": "31000.00", "6": "80000.00", "7": "14300.00"},
}


def build_note(owner, language: str):
    """The realistic note, saved through the services like the editor does."""
    from portal.concept_notes import queries, services
    from portal.concept_notes.models import Indicator, Level, Outcome, Output, Risk, Scope

    services.ensure_reference_data()
    note = services.create_note(actor=owner, title=TITLE, language=language)
    services.update_cover(
        note,
        {
            "scope": Scope.REGIONAL,
            "countries": ["RS", "MK", "ME", "BA", "AL", "XK"],
            "organisations": ["IOM", "UNHCR", "UNFPA", "UNDP"],
            "lead_organisation": "IOM",
            "implementing_partners": "Commissariat for Refugees and Migration of Serbia\nNational statistics offices\n"
            "Regional Cooperation Council\nUniversities of Belgrade, Skopje and Tirana\n"
            "Network of migrant associations",
            "thematic_area": "1",
            "gcm_objectives": ["1", "3", "17", "23"],
            "guiding_principles": [
                "people-centred",
                "whole-of-government",
                "whole-of-society",
                "gender-responsive",
                "child-sensitive",
                "human-rights",
                "national-sovereignty",
            ],
            "duration_months": 30,
            "planned_start_on": date(2027, 4, 1),
            "gender_marker": 2,
            "gender_justification": "Every dataset disaggregated by sex; half of trainees women.",
            "human_rights_marker": 2,
            "human_rights_justification": "Data protection by design; rights of returnees.",
            "child_marker": 1,
            "child_justification": "A module on children on the move.",
            "contact_name": "Refet Hajdari",
            "contact_organisation": "IOM Regional Office, Vienna",
            "contact_email": "concept-notes@example.org",
        },
    )
    for key, text in SECTIONS.items():
        services.save_section(note, key, text.strip(), opened=queries.section_version(note, key))
    for outcome_text, outputs in RESULTS:
        outcome = services.save_result(note, Outcome(), {"statement": outcome_text})
        for output_text, indicators in outputs:
            output = services.save_result(note, Output(), {"outcome_id": outcome.id, "statement": output_text})
            for description, baseline, target, means, org, disaggregation in indicators:
                services.save_result(
                    note,
                    Indicator(),
                    {
                        "output_id": output.id,
                        "description": description,
                        "baseline": baseline,
                        "target": target,
                        "means_of_verification": means,
                        "responsible_organisation": org,
                        "disaggregation": disaggregation,
                    },
                )
    for description, likelihood, impact, mitigation in RISKS:
        services.save_risk(
            note,
            Risk(),
            {
                "description": description,
                "likelihood": Level(likelihood),
                "impact": Level(impact),
                "mitigation": mitigation,
            },
        )
    services.save_budget(
        note, {(org, cat): Decimal(amount) for org, lines in BUDGET.items() for cat, amount in lines.items()}
    )
    return note


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en", choices=("en", "fr", "ru"))
    parser.add_argument("--png", help="also write the pages as PNG files with this prefix (pdftoppm)")
    parser.add_argument("--pdf", default=str(Path(tempfile.gettempdir()) / "concept_note_bench.pdf"))
    args = parser.parse_args()

    from portal import create_app
    from portal.accounts.models import Role, User
    from portal.concept_notes import documents
    from portal.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db"}
        )
        with app.app_context(), app.test_request_context():
            db.create_all()
            owner = User(email="applicant@example.org", name="Bench Applicant", role=Role.APPLICANT, password_hash="!")  # noqa: S106 - no password: nobody signs in
            db.session.add(owner)
            note = build_note(owner, args.language)
            db.session.commit()
            rate = app.config.get("CONCEPT_NOTE_ISC_RATE", Decimal("0.07"))
            timings, cpu = [], []
            for _ in range(3):
                started, used = time.perf_counter(), _cpu_seconds()
                pdf, pages = documents.render_note_pdf(note, rate=Decimal(str(rate)))
                timings.append(time.perf_counter() - started)
                cpu.append(_cpu_seconds() - used)
            db.engine.dispose()
    Path(args.pdf).write_bytes(pdf)
    best = min(timings)
    print(f"{pages} pages, {len(pdf):,} bytes, language {args.language}")
    print(
        "renders: "
        + ", ".join(f"{t:.2f} s" for t in timings)
        + f"; best {best:.2f} s "
        + ("(under 3 s: ok)" if best < 3 else "(OVER the 3 s budget)")
    )
    print(
        "CPU time (this process and the rendering child): "
        + ", ".join(f"{t:.2f} s" for t in cpu)
        + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"written to {args.pdf}")
    if args.png and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", args.pdf, args.png], check=True)
        print(f"pages as {args.png}-N.png")


if __name__ == "__main__":
    main()
