"""The OpenAPI 3.1 description of the read-only API, served at /api/v1/openapi.json."""

from portal.dialogues.models import GroupKind, GroupRole, MemberStatus
from portal.events.models import EventMode, EventType
from portal.i18n import LANGUAGES, OTHER_LANGUAGES, country_codes
from portal.initiatives.models import InitiativeStatus, Review
from portal.participants.models import Gender, Sector
from portal.partners.models import PartnerType
from portal.partners.rules import ORGANISATION_IDENTIFIER
from portal.projects.models import DeliverableStatus, ImplementerRole, ProjectStatus
from portal.reports.queries import NOT_RECORDED

PREFIX = "/api/v1"
#: limits the API enforces: ids fit PostgreSQL's integer, pages stay cheap
MAX_ID = 2**31 - 1
MAX_PER_PAGE = 100
MAX_PAGE = 100_000


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    if "type" in schema and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"oneOf": [schema, {"type": "null"}]}


def _object(properties: dict, *, optional=()) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
COUNT = {"type": "integer", "minimum": 0}
DATE = {"type": "string", "format": "date"}
MONEY = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$", "description": "Amount with two decimals."}
MEASURE = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$", "description": "Exact number, two decimals."}
CURRENCY = {"type": "string", "pattern": "^[A-Z]{3}$"}
COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 (XK: Kosovo)."}
ID = {"type": "integer", "minimum": 1}
ID_PARAM = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
NO_NUL = "^[^\\x00]*$"
URL = {"type": "string", "description": "Path of the record in this API."}
#: a dialogue's or a group's member: a state (country set, partner null) or an organisation (the other way round)
MEMBER = {
    "country": {**_nullable(COUNTRY), "description": "The state, or null."},
    "partner": _nullable(_ref("PartnerRef")),
}


def _enum(enum) -> dict:
    return {"type": "string", "enum": [member.value for member in enum]}


def _in_every_language(field: str, *, required: bool = True) -> dict:
    """`<field>_en`, `<field>_fr`, `<field>_ru`: the text as written in each language, null where it is not."""
    english = STRING if required else _nullable(STRING)
    translated = {**_nullable(STRING), "description": "Null where not written in this language."}
    return {f"{field}_en": english} | {f"{field}_{language}": translated for language in OTHER_LANGUAGES}


#: a text's `title`, `name` or `description` is in the language of `lang` where written, else in English
IN_LANGUAGE = "In the language `lang` asks for (else the reader's) where written, else in English."


def _schemas() -> dict:
    coded = _object({"id": ID, "code": STRING, "name": STRING})
    named = {"name": {**STRING, "description": IN_LANGUAGE}, **_in_every_language("name")}
    coded_in_languages = _object({"id": ID, "code": STRING, **named})
    project = _object(
        {
            "id": ID,
            "code": STRING,
            "acronym": _nullable(STRING),
            "title": {**STRING, "description": IN_LANGUAGE},
            **_in_every_language("title"),
            "status": _enum(ProjectStatus),
            "region": _ref("CodedInLanguages"),
            "start_date": DATE,
            "end_date": _nullable(DATE),
            "currency": CURRENCY,
            "countries": {"type": "array", "items": COUNTRY},
            "dialogues": {"type": "array", "items": _ref("Coded"), "description": "The dialogues it supports."},
            "url": URL,
        }
    )
    project_detail = {
        "allOf": [
            _ref("Project"),
            _object(
                {
                    "description": {**_nullable(STRING), "description": IN_LANGUAGE},
                    **_in_every_language("description", required=False),
                    "duty_station": _nullable(
                        _object(
                            {
                                "id": ID,
                                "ref": STRING,
                                "country": COUNTRY,
                                "city": {**STRING, "description": IN_LANGUAGE},
                                **_in_every_language("city"),
                            }
                        )
                    ),
                    "thematic_areas": {"type": "array", "items": _object({"code": STRING, **named})},
                    "contributions": {
                        "type": "array",
                        "items": _object(
                            {
                                "ref": STRING,
                                "donor": _ref("PartnerRef"),
                                "amount": MONEY,
                                "currency": CURRENCY,
                                "signed_on": DATE,
                            }
                        ),
                    },
                    "expenditures": {
                        "type": "array",
                        "items": _object({"year": INTEGER, "amount": MONEY, "currency": CURRENCY}),
                    },
                    "implementers": {
                        "type": "array",
                        "description": "The partners that implement the project with us, by role.",
                        "items": _object(
                            {
                                "partner": _object(
                                    {
                                        "id": ID,
                                        "ref": STRING,
                                        "name": STRING,
                                        "acronym": _nullable(STRING),
                                        "iati_ref": _nullable(STRING),
                                    }
                                ),
                                "role": _enum(ImplementerRole),
                            }
                        ),
                    },
                    "deliverables": {
                        "type": "array",
                        "description": "What the project promises to produce, by due date.",
                        "items": _object(
                            {
                                "ref": STRING,
                                "title": {**STRING, "description": IN_LANGUAGE},
                                **_in_every_language("title"),
                                "due_on": DATE,
                                "status": _enum(DeliverableStatus),
                                "delivered_on": {**_nullable(DATE), "description": "Set when delivered."},
                                "is_late": {
                                    "type": "boolean",
                                    "description": "Still planned or in progress after its due date.",
                                },
                            }
                        ),
                    },
                    "gcm_objectives": {
                        "type": "array",
                        "description": "Numbers of the Global Compact for Migration's objectives it works towards.",
                        "items": {"type": "string", "pattern": "^([1-9]|1[0-9]|2[0-3])$"},
                    },
                    "results": {
                        "type": "array",
                        "description": "The project's outputs by number, each with its indicators.",
                        "items": _object(
                            {
                                "ref": {**STRING, "description": "The output's reference, as in the workbook."},
                                "number": COUNT,
                                "title": {**STRING, "description": IN_LANGUAGE},
                                **_in_every_language("title"),
                                "indicators": {
                                    "type": "array",
                                    "items": _object(
                                        {
                                            "ref": {**STRING, "description": "The indicator's workbook reference."},
                                            "number": COUNT,
                                            "text": {**STRING, "description": IN_LANGUAGE},
                                            **_in_every_language("text"),
                                            "unit": _nullable(STRING),
                                            "baseline": _nullable(MEASURE),
                                            "target": _nullable(MEASURE),
                                            "progress_percent": {
                                                **_nullable(MEASURE),
                                                "description": "How far the latest year's actual value has gone "
                                                "from the baseline (0 when none) towards the target, in whole "
                                                "percent; null without an actual value, or a target apart from "
                                                "the baseline.",
                                            },
                                            "actuals": {
                                                "type": "array",
                                                "description": "The actual value of each year recorded, by year.",
                                                "items": _object(
                                                    {"year": INTEGER, "value": MEASURE, "comment": _nullable(STRING)}
                                                ),
                                            },
                                        }
                                    ),
                                },
                            }
                        ),
                    },
                }
            ),
        ]
    }
    partner = _object(
        {
            "id": ID,
            "ref": STRING,
            "name": STRING,
            "acronym": _nullable(STRING),
            "type": _enum(PartnerType),
            "donor_category": _nullable(_ref("CodedInLanguages")),
            "country": _nullable(COUNTRY),
            "iati_ref": _nullable(
                {
                    "type": "string",
                    "pattern": f"^{ORGANISATION_IDENTIFIER.pattern}$",
                    "description": "Organisation identifier in org-id.guide's form, e.g. XM-DAC-41301.",
                }
            ),
            "url": URL,
        }
    )
    dialogue = _object(
        {
            "id": ID,
            "code": STRING,
            "name": {**STRING, "description": IN_LANGUAGE},
            **_in_every_language("name"),
            "acronym": _nullable(STRING),
            "region": _nullable(_ref("CodedInLanguages")),
            "secretariat": _nullable(_ref("PartnerRef")),
            "started_on": _nullable(DATE),
            "members": {"type": "array", "items": COUNTRY},
            "url": URL,
        }
    )
    dialogue_detail = {
        "allOf": [
            _ref("Dialogue"),
            _object(
                {
                    "description": {**_nullable(STRING), "description": IN_LANGUAGE},
                    **_in_every_language("description", required=False),
                    "chairmanships": {
                        "type": "array",
                        "items": _object({"country": COUNTRY, "start_date": DATE, "end_date": _nullable(DATE)}),
                    },
                    "memberships": {
                        "type": "array",
                        "description": "States and organisations taking part, states first; `members` lists the "
                        "member states alone.",
                        "items": _object({"status": _enum(MemberStatus), **MEMBER}),
                    },
                    "groups": {
                        "type": "array",
                        "items": _object(
                            {
                                "kind": _enum(GroupKind),
                                "name": {**STRING, "description": IN_LANGUAGE},
                                **_in_every_language("name"),
                                "members": {
                                    "type": "array",
                                    "items": _object({"role": _enum(GroupRole), **MEMBER}),
                                },
                            }
                        ),
                    },
                    "projects": {"type": "array", "items": _ref("ProjectRef")},
                    "action_plans": {"type": "array", "items": _ref("ActionPlanRef")},
                }
            ),
        ]
    }
    workbook_ref = {**STRING, "description": "The row's identity in the portfolio workbook."}
    plan_ref = _object(
        {
            "id": ID,
            "ref": workbook_ref,
            "title": {**STRING, "description": IN_LANGUAGE},
            **_in_every_language("title"),
            "valid_from": _nullable(DATE),
            "valid_until": _nullable(DATE),
            "url": URL,
        }
    )
    plan_item = {"allOf": [_ref("ActionPlanRef"), _object({"dialogues": {"type": "array", "items": _ref("Coded")}})]}
    tally = _object(
        {
            "count": COUNT,
            "money": {
                "type": "object",
                "propertyNames": CURRENCY,
                "additionalProperties": MONEY,
                "description": "Sums per currency (ISO 4217 code), never added across currencies.",
            },
        }
    )
    counted = {
        "initiatives": {**_ref("Tally"), "description": "Validated initiatives and their stated budgets."},
        "portal_projects": {
            **_ref("Tally"),
            "description": "The portal's own projects mapped to the plan's priorities and their signed contributions.",
        },
    }
    action_plan = {
        "allOf": [
            _ref("ActionPlanItem"),
            _object(
                {
                    "domains": {
                        "type": "array",
                        "items": _object(
                            {
                                "id": ID,
                                "ref": workbook_ref,
                                "position": INTEGER,
                                "title": STRING,
                                "priorities": {
                                    "type": "array",
                                    "items": _object(
                                        {
                                            "id": ID,
                                            "ref": workbook_ref,
                                            "code": _nullable(STRING),
                                            "title": STRING,
                                            "champion": _nullable(COUNTRY),
                                        }
                                    ),
                                },
                            }
                        ),
                    },
                    "figures": _object(
                        {
                            "domains": {"type": "array", "items": _object({"domain": ID, **counted})},
                            "priorities": {"type": "array", "items": _object({"priority": ID, **counted})},
                            "countries": {"type": "array", "items": _object({"country": COUNTRY, **counted})},
                            "cycles": {
                                "type": "array",
                                "items": _object(
                                    {
                                        "cycle": ID,
                                        "name": STRING,
                                        "is_open": {"type": "boolean"},
                                        "initiatives": counted["initiatives"],
                                    }
                                ),
                            },
                        }
                    ),
                    "initiatives_url": URL,
                }
            ),
        ]
    }
    initiative = _object(
        {
            "id": ID,
            "ref": workbook_ref,
            "title": STRING,
            "actor": _ref("PartnerRef"),
            "cycle": _object({"id": ID, "ref": workbook_ref, "name": STRING}),
            "priorities": {"type": "array", "items": ID},
            "countries": {"type": "array", "items": COUNTRY},
            "budget": _nullable(MONEY),
            "currency": _nullable(CURRENCY),
            "start_date": _nullable(DATE),
            "end_date": _nullable(DATE),
            "status": _enum(InitiativeStatus),
            "source": _nullable(STRING),
            "review": {**_enum(Review), "description": "Only validated initiatives count in the figures."},
            "return_reason": _nullable(STRING),
        }
    )
    event = _object(
        {
            "id": ID,
            "ref": STRING,
            "title": {**STRING, "description": IN_LANGUAGE},
            **_in_every_language("title"),
            "type": _enum(EventType),
            "mode": _enum(EventMode),
            "start_date": DATE,
            "end_date": DATE,
            "days": {"type": "integer", "minimum": 1},
            "city": _nullable(STRING),
            "country": _nullable(COUNTRY),
            "project": _nullable(_ref("ProjectRef")),
            "dialogue": _nullable(_ref("Coded")),
            "in_person_count": _nullable(COUNT),
            "online_count": _nullable(COUNT),
            "participants": {
                **COUNT,
                "description": "Attended records if the event has any, else the declared counts.",
            },
            "url": URL,
        }
    )
    event_detail = {
        "allOf": [
            _ref("Event"),
            _object(
                {
                    "description": {**_nullable(STRING), "description": IN_LANGUAGE},
                    **_in_every_language("description", required=False),
                    "partners": {"type": "array", "items": _ref("PartnerRef")},
                }
            ),
        ]
    }
    share = _object({"amount": MONEY, "percent": {"type": "integer", "minimum": 0, "maximum": 100}})
    key_figures = _object(
        {
            "year": INTEGER,
            "currency": CURRENCY,
            **dict.fromkeys(
                (
                    "projects",
                    "countries",
                    "duty_stations",
                    "conferences",
                    "trainings_meetings_workshops",
                    "event_days",
                    "locations",
                    "participants",
                    "unique_participants",
                    "partners",
                ),
                COUNT,
            ),
            "contracted_volume": MONEY,
            "participants_by_gender": _object(dict.fromkeys([*(g.value for g in Gender), NOT_RECORDED], COUNT)),
            "participants_by_sector": _object(dict.fromkeys([*(s.value for s in Sector), NOT_RECORDED], COUNT)),
            "revenue": _object(dict.fromkeys(("membership", "operational", "project", "other", "total"), MONEY)),
            "implementation_by_region": {
                "type": "object",
                "additionalProperties": share,
                "description": "By region code; every region is listed.",
            },
            "implementation_by_funding": {
                "type": "object",
                "additionalProperties": share,
                "description": "By donor category code, plus `unattributed` when not zero.",
            },
            "implementation_by_year": {
                "type": "object",
                "additionalProperties": MONEY,
                "description": "Total revenue of each of the six years ending with `year`.",
            },
        }
    )
    link = _nullable(STRING)
    schemas = {
        "Coded": coded,
        "CodedInLanguages": coded_in_languages,
        "PartnerRef": _object({"id": ID, "ref": STRING, "name": STRING}),
        "ProjectRef": _object({"id": ID, "code": STRING, "title": STRING}),
        "Project": project,
        "ProjectDetail": project_detail,
        "Partner": partner,
        "Dialogue": dialogue,
        "DialogueDetail": dialogue_detail,
        "ActionPlanRef": plan_ref,
        "ActionPlanItem": plan_item,
        "ActionPlan": action_plan,
        "OrganisationFacts": _object(
            {
                "years": {
                    "type": "array",
                    "items": _object(
                        {
                            "year": INTEGER,
                            "employees": {**_nullable(COUNT), "description": "Staff at the end of the year."},
                            "nationalities": {**_nullable(COUNT), "description": "Nationalities among the staff."},
                            "member_states": {
                                **_nullable(COUNT),
                                "description": "Member states at the end of the year; null while none is recorded.",
                            },
                        }
                    ),
                },
                "member_states": {
                    "type": "array",
                    "items": _object({"country": COUNTRY, "joined_year": INTEGER, "left_year": _nullable(INTEGER)}),
                },
            }
        ),
        "Tally": tally,
        "Initiative": initiative,
        "Event": event,
        "EventDetail": event_detail,
        "KeyFigures": key_figures,
        "Links": _object({"self": STRING, "first": STRING, "last": STRING, "prev": link, "next": link}),
        "Error": _object(
            {
                "error": _object(
                    {
                        "status": INTEGER,
                        "title": STRING,
                        "detail": STRING,
                        "currency": CURRENCY,
                        "year": INTEGER,
                        "settings": {"type": "array", "items": STRING},
                    },
                    optional=("currency", "year", "settings"),
                )
            }
        ),
    }
    for name in ("Project", "Partner", "Dialogue", "Event", "Initiative", "ActionPlanItem"):
        schemas[f"{name}Page"] = _object(
            {
                "items": {"type": "array", "items": _ref(name)},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                "total": COUNT,
                "pages": COUNT,
                "links": _ref("Links"),
            }
        )
    return schemas


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


ERRORS = {
    "400": _error("Invalid parameter."),
    "401": _error("No valid token or session."),
    "403": _error("The user's role may not use this endpoint."),
}


def _json(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


#: every operation that answers with texts takes `lang`
LANG = _query(
    "lang",
    {"type": "string", "enum": list(LANGUAGES)},
    "Language of the response's texts (titles, names, descriptions, messages); without it, the user's language, "
    "else the browser's, else English. The response's Content-Language header names it.",
)


def _list(tag: str, schema: str, summary: str, filters: list) -> dict:
    paging = [
        _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Page number."),
        _query(
            "per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 25}, "Items per page."
        ),
    ]
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "operationId": f"list_{tag}",
            "parameters": paging + filters + [LANG],
            "responses": {"200": _json(f"{schema}Page", "One page of results."), **ERRORS},
        }
    }


def _detail(tag: str, schema: str, summary: str, parameter: str) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "operationId": f"get_{parameter}",
            "parameters": [{"name": parameter, "in": "path", "required": True, "schema": ID_PARAM}, LANG],
            "responses": {"200": _json(schema, "The record."), **ERRORS, "404": _error("No such record.")},
        }
    }


def _in_plan(operation: dict) -> dict:
    """A list operation under /action-plans/{plan_id}: the plan's id is a parameter of the path, and 404 answers an
    unknown plan."""
    get = operation["get"]
    path = {"name": "plan_id", "in": "path", "required": True, "schema": ID_PARAM}
    get["parameters"] = [path, *get["parameters"]]
    get["responses"]["404"] = _error("No such record.")
    return operation


def document() -> dict:
    """The whole OpenAPI document."""
    country = _query("country", {"type": "string", "enum": country_codes()}, "Recipient or host country code.")
    year = {"type": "integer", "minimum": 1900, "maximum": 2200}
    #: text parameters refuse NUL, which PostgreSQL cannot store or compare
    q = {"type": "string", "maxLength": 200, "pattern": NO_NUL}
    code = {"type": "string", "maxLength": 40, "pattern": NO_NUL}
    figures_error = {**ERRORS, "422": _error("An exchange rate is missing: `currency` and `year` name it.")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Portal read-only API",
            "version": "1.0.0",
            "description": "Projects, partners, dialogues and events (head counts only, never who attended), "
            "key figures and IATI 2.03 activities. Authenticate with a personal token "
            "(`Authorization: Bearer ...`, created on your profile) or a browser session. "
            "Staff only; key figures and IATI for managers and administrators.",
        },
        "security": [{"bearerToken": []}, {"session": []}],
        "paths": {
            f"{PREFIX}/openapi.json": {
                "get": {
                    "tags": ["meta"],
                    "summary": "This document",
                    "operationId": "openapi",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            f"{PREFIX}/projects": _list(
                "projects",
                "Project",
                "Projects, by code",
                [
                    _query("region", ID_PARAM, "Region id."),
                    _query("status", _enum(ProjectStatus), "Status."),
                    _query("donor", ID_PARAM, "Partner id of a donor with a contribution to the project."),
                    country,
                    _query("year", year, "Projects whose period overlaps this calendar year."),
                    _query("q", q, "Text in the code, acronym or title (in any language)."),
                ],
            ),
            f"{PREFIX}/projects/{{project_id}}": _detail(
                "projects",
                "ProjectDetail",
                "A project with its contributions, expenditure, implementers, deliverables, GCM objectives and results",
                "project_id",
            ),
            f"{PREFIX}/partners": _list(
                "partners",
                "Partner",
                "Partners, by name",
                [
                    _query("type", _enum(PartnerType), "Partner type."),
                    _query("donor_category", ID_PARAM, "Donor category id."),
                    _query("q", q, "Text in the reference, name or acronym."),
                ],
            ),
            f"{PREFIX}/partners/{{partner_id}}": _detail("partners", "Partner", "A partner", "partner_id"),
            f"{PREFIX}/dialogues": _list(
                "dialogues",
                "Dialogue",
                "Dialogues, by name",
                [
                    _query("region", ID_PARAM, "Region id."),
                    _query("q", q, "Text in the code, name (in any language) or acronym."),
                ],
            ),
            f"{PREFIX}/dialogues/{{dialogue_id}}": _detail(
                "dialogues", "DialogueDetail", "A dialogue with its chairs and projects", "dialogue_id"
            ),
            f"{PREFIX}/action-plans": _list(
                "action plans",
                "ActionPlanItem",
                "Action plans, by title",
                [_query("dialogue", ID_PARAM, "Dialogue id: the plans this dialogue shares.")],
            ),
            f"{PREFIX}/action-plans/{{plan_id}}": _detail(
                "action plans",
                "ActionPlan",
                "An action plan with its domains, priorities and the figures of its initiative register",
                "plan_id",
            ),
            f"{PREFIX}/action-plans/{{plan_id}}/initiatives": _in_plan(
                _list(
                    "initiatives",
                    "Initiative",
                    "The initiatives of an action plan's register, latest first",
                    [_query("review", _enum(Review), "Review state: submitted, validated or returned.")],
                )
            ),
            f"{PREFIX}/organisation/facts": {
                "get": {
                    "tags": ["organisation"],
                    "summary": "The organisation's staff, nationalities and member states",
                    "operationId": "organisation_facts",
                    "description": "Every year with facts entered, latest first, and every member state past and "
                    "present; with `year`, that year alone and the states that are members at its end.",
                    "parameters": [_query("year", year, "Calendar year.")],
                    "responses": {"200": _json("OrganisationFacts", "The facts."), **ERRORS},
                }
            },
            f"{PREFIX}/events": _list(
                "events",
                "Event",
                "Events, latest first",
                [
                    _query("year", year, "Events starting in this year."),
                    _query("type", _enum(EventType), "Type."),
                    _query("dialogue", ID_PARAM, "Dialogue id."),
                    _query("project", ID_PARAM, "Project id."),
                    country,
                    _query("mode", _enum(EventMode), "In person, online or hybrid."),
                ],
            ),
            f"{PREFIX}/events/{{event_id}}": _detail("events", "EventDetail", "An event with its partners", "event_id"),
            f"{PREFIX}/key-figures": {
                "get": {
                    "tags": ["key figures"],
                    "summary": "The key figures of a year",
                    "operationId": "key_figures",
                    "description": "Managers and administrators. Money is in the reporting currency.",
                    "parameters": [
                        _query("year", year, "Calendar year; the current year when left out."),
                        _query("region", code, "Region code."),
                        _query("donor_category", code, "Donor category code."),
                        _query("dialogue", code, "Dialogue code."),
                    ],
                    "responses": {"200": _json("KeyFigures", "The key figures."), **figures_error},
                }
            },
            f"{PREFIX}/iati-activities.xml": {
                "get": {
                    "tags": ["IATI"],
                    "summary": "Every project as IATI 2.03 activity XML",
                    "operationId": "iati",
                    "description": "Managers and administrators.",
                    "responses": {
                        "200": {
                            "description": "An iati-activities document (version 2.03).",
                            "content": {"application/xml": {"schema": {"type": "string"}}},
                        },
                        **ERRORS,
                        "422": _error(
                            "An exchange rate is missing (`currency` and `year` name it), or the settings do not "
                            "name the reporting organisation (`settings` lists those to set)."
                        ),
                    },
                }
            },
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token from the profile's token page.",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The browser session of a signed-in user.",
                },
            },
        },
    }
