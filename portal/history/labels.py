"""How the audit trail names what it recorded, in the reader's language: each record type's label, the labels of its
fields (those of the forms that edit them, else a label written here) and how one record of the type is named."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from wtforms.fields.core import UnboundField

from portal.accounts.forms import UserForm
from portal.api.forms import TokenForm
from portal.concept_notes.forms import (
    CommentForm,
    CoverForm,
    IndicatorForm,
    InviteForm,
    OutcomeForm,
    OutputForm,
    ReferenceItemForm,
    RiskForm,
    SectionForm,
)
from portal.concept_notes.sections import SECTION_TITLES
from portal.dialogues.forms import (
    ChairmanshipForm,
    DialogueForm,
    DomainForm,
    GroupForm,
    GroupMemberForm,
    MembershipForm,
    PlanForm,
    PriorityForm,
)
from portal.events.forms import EventForm
from portal.funding.forms import ContributionForm, ExpenditureForm, RevenueForm
from portal.i18n import country_name
from portal.i18n import lazy_gettext as _l
from portal.initiatives.forms import CycleForm, InitiativeForm, ReturnForm
from portal.organisation.forms import MemberStateForm, OrganisationForm, OrganisationYearForm
from portal.participants.forms import AttendanceAddForm, PersonForm
from portal.partners.forms import PartnerForm
from portal.projects.forms import (
    DeliverableForm,
    ImplementerForm,
    IndicatorResultForm,
    ProjectForm,
    ProjectIndicatorForm,
    ProjectOutputForm,
)
from portal.reference.forms import CodeNameForm, DutyStationForm, ExchangeRateForm, ThematicAreaForm


@dataclass(frozen=True)
class Kind:
    label: str
    #: the forms that edit the record: their field labels name its fields
    forms: tuple = ()
    #: labels of the fields that no form edits, or that read better otherwise in a history
    fields: Mapping[str, str] = field(default_factory=dict)
    #: the record's name, from the loaded record; None: records are told apart by id only
    name: Callable[[object], str | None] | None = None
    #: the relationships the name reads, loaded with the records
    name_from: tuple[str, ...] = ()
    #: the name tells what only the record's readers may know (a participant's name, a draft's title)
    private: bool = False


#: labels of fields that mean the same in every record
COMMON_FIELDS = {
    "ref": _l("Reference"),
    "code": _l("Code"),
    "name": _l("Name"),
    "title": _l("Title"),
    "description": _l("Description"),
    "position": _l("Position"),
    "country": _l("Country"),
    "language": _l("Language"),
    "amount": _l("Amount"),
    "currency": _l("Currency"),
    "year": _l("Year"),
    "project_id": _l("Project"),
    "dialogue_id": _l("Dialogue"),
    "event_id": _l("Event"),
    "note_id": _l("Concept note"),
    "user_id": _l("User"),
}


def _note_part(label, forms=(), fields=None, name=None) -> Kind:
    return Kind(label, forms, fields or {}, name, private=True)


KINDS: dict[str, Kind] = {
    # accounts
    "User": Kind(
        _l("User"),
        (UserForm,),
        {"password_hash": _l("Password"), "totp_secret": _l("Two-step sign-in")},
        lambda user: user.name,
    ),
    "ApiToken": Kind(
        _l("API token"),
        (TokenForm,),
        {"token_hash": _l("Token"), "last_used_at": _l("Last used"), "revoked_at": _l("Revoked on")},
        lambda token: token.name,
    ),
    # reference data
    "Region": Kind(_l("Region"), (CodeNameForm,), name=lambda region: region.display_name),
    "ThematicArea": Kind(_l("Thematic area"), (ThematicAreaForm,), name=lambda area: area.display_name),
    "DonorCategory": Kind(_l("Donor category"), (CodeNameForm,), name=lambda category: category.display_name),
    "DutyStation": Kind(_l("Duty station"), (DutyStationForm,), name=lambda station: station.display_city),
    "ExchangeRate": Kind(_l("Exchange rate"), (ExchangeRateForm,), name=lambda rate: f"{rate.currency} {rate.year}"),
    # portfolio
    "Partner": Kind(_l("Partner"), (PartnerForm,), name=lambda partner: partner.display_name),
    "Project": Kind(
        _l("Project"),
        (ProjectForm,),
        {
            "thematic_areas": _l("Thematic areas"),
            "priorities": _l("Action plan priorities"),
            "dialogues": _l("Dialogues supported"),
        },
        lambda project: project.code,
    ),
    "ProjectPartner": Kind(
        _l("Implementer"), (ImplementerForm,), name=lambda row: row.partner.display_name, name_from=("partner",)
    ),
    "Deliverable": Kind(_l("Deliverable"), (DeliverableForm,), name=lambda deliverable: deliverable.ref),
    "ProjectOutput": Kind(_l("Output"), (ProjectOutputForm,), name=lambda output: str(output.number)),
    "ProjectIndicator": Kind(
        _l("Indicator"),
        (ProjectIndicatorForm,),
        {"output_id": _l("Output")},
        lambda indicator: f"{indicator.output.number}.{indicator.number}",
        name_from=("output",),
    ),
    "IndicatorResult": Kind(
        _l("Actual value"), (IndicatorResultForm,), {"indicator_id": _l("Indicator")}, lambda result: str(result.year)
    ),
    "Contribution": Kind(_l("Contribution"), (ContributionForm,), name=lambda line: line.ref),
    "Expenditure": Kind(_l("Expenditure"), (ExpenditureForm,), name=lambda line: str(line.year)),
    "Revenue": Kind(_l("Revenue"), (RevenueForm,), name=lambda line: line.ref),
    "Dialogue": Kind(
        _l("Dialogue"),
        (DialogueForm,),
        {"member_rows": _l("Member states"), "plans": _l("Action plans"), "projects": _l("Projects")},
        lambda dialogue: dialogue.display_name,
    ),
    "Chairmanship": Kind(
        _l("Chairmanship"), (ChairmanshipForm,), name=lambda chairmanship: country_name(chairmanship.country)
    ),
    "DialogueMember": Kind(
        _l("Dialogue member"),
        (MembershipForm,),
        {"dialogue_id": _l("Dialogue")},
        lambda row: row.display_name,
        ("partner",),
    ),
    "DialogueGroup": Kind(
        _l("Dialogue group"), (GroupForm,), {"dialogue_id": _l("Dialogue")}, lambda g: g.display_name
    ),
    "DialogueGroupMember": Kind(
        _l("Group member"), (GroupMemberForm,), {"group_id": _l("Group")}, lambda row: row.display_name, ("partner",)
    ),
    "ActionPlan": Kind(
        _l("Action plan"),
        (PlanForm,),
        {"ref": _l("Reference"), "dialogues": _l("Dialogues")},
        lambda plan: plan.display_title,
    ),
    "ActionPlanDomain": Kind(
        _l("Action plan domain"),
        (DomainForm,),
        {"ref": _l("Reference"), "plan_id": _l("Action plan")},
        lambda domain: domain.title,
    ),
    "ActionPlanPriority": Kind(
        _l("Action plan priority"),
        (PriorityForm,),
        {"ref": _l("Reference"), "domain_id": _l("Action plan domain"), "projects": _l("Projects")},
        lambda priority: priority.code or priority.title,
    ),
    "CollectionCycle": Kind(
        _l("Data-collection cycle"),
        (CycleForm,),
        {"ref": _l("Reference"), "plan_id": _l("Action plan")},
        lambda cycle: cycle.name,
    ),
    "Initiative": Kind(
        _l("Initiative"),
        (InitiativeForm, ReturnForm),
        {
            "ref": _l("Reference"),
            "plan_id": _l("Action plan"),
            "priorities": _l("Action plan priorities"),
            "review": _l("Review"),
            "return_reason": _l("Reason for return"),
            "reviewed_by_id": _l("Reviewed by"),
            "reviewed_at": _l("Reviewed on"),
        },
        lambda initiative: initiative.title,
    ),
    "Event": Kind(_l("Event"), (EventForm,), {"partners": _l("Partners")}, lambda event: event.display_title),
    "IatiPublication": Kind(
        _l("IATI publication"),
        fields={
            "published_at": _l("Published on"),
            "published_by_id": _l("Published by"),
            "activities": _l("Activities"),
            "size": _l("Size in bytes"),
            "sha256": _l("SHA-256 checksum"),
            "file_name": _l("File"),
        },
        name=lambda publication: publication.file_name,
    ),
    "KeyFigureSnapshot": Kind(
        _l("Key figures"),
        fields={
            "filters": _l("Filters"),
            "document": _l("Figures"),
            "pdf": _l("PDF"),
            "published_at": _l("Published on"),
            "published_by_id": _l("Published by"),
        },
        name=lambda snapshot: str(snapshot.year),
    ),
    # participants
    "Person": Kind(
        _l("Person"),
        (PersonForm,),
        {
            "consent_recorded_at": _l("Consent recorded on"),
            "consent_recorded_by_id": _l("Consent recorded by"),
            "erased_at": _l("Erased on"),
            "alternative_emails": _l("Alternative e-mail addresses"),
        },
        lambda person: person.full_name,
        private=True,
    ),
    "Attendance": Kind(
        _l("Attendance"),
        (AttendanceAddForm,),
        {"person_id": _l("Participant"), "certificate_number": _l("Certificate number")},
        lambda attendance: attendance.person.full_name,
        ("person",),
        private=True,
    ),
    # concept notes
    "ConceptNote": _note_part(
        _l("Concept note"),
        (CoverForm,),
        {
            "owner_id": _l("Owner"),
            "status": _l("Status"),
            "copied_from_id": _l("Copied from"),
            "implementing_partners": _l("Implementing partners"),
            "principle_applications": _l("Application of the GCM guiding principles"),
        },
        lambda note: note.title,
    ),
    "NoteSection": _note_part(
        _l("Section"), (SectionForm,), {"key": _l("Section")}, lambda section: SECTION_TITLES.get(section.key)
    ),
    "Outcome": _note_part(_l("Outcome"), (OutcomeForm,), name=lambda outcome: outcome.statement),
    "Output": _note_part(_l("Output"), (OutputForm,), name=lambda output: output.statement),
    "Indicator": _note_part(_l("Indicator"), (IndicatorForm,), name=lambda indicator: indicator.description),
    "Risk": _note_part(_l("Risk"), (RiskForm,), name=lambda risk: risk.description),
    "BudgetLine": _note_part(
        _l("Budget line"),
        fields={"organisation": _l("Organisation"), "category": _l("Category")},
        name=lambda line: line.category,
    ),
    "BudgetAllocation": _note_part(
        _l("Budget by outcome and year"),
        fields={"outcome_id": _l("Outcome")},
        name=lambda allocation: str(allocation.year),
    ),
    "Collaborator": _note_part(_l("Collaborator"), fields={"added_at": _l("Added on")}),
    "Invitation": _note_part(_l("Invitation"), (InviteForm,), {"invited_by_id": _l("Invited by")}),
    "Submission": _note_part(
        _l("Submission"),
        fields={
            "number": _l("Number"),
            "submitted_at": _l("Submitted on"),
            "submitted_by_id": _l("Submitted by"),
            "snapshot": _l("Submitted text"),
            "decision": _l("Decision"),
            "decided_at": _l("Decided on"),
            "decided_by_id": _l("Decided by"),
        },
        name=lambda submission: str(submission.number),
    ),
    "ReviewComment": _note_part(
        _l("Review comment"), (CommentForm,), {"submission_id": _l("Submission"), "author_id": _l("Author")}
    ),
    "ReferenceItem": Kind(
        _l("Concept-note reference list item"),
        (ReferenceItemForm,),
        {"kind": _l("List")},
        lambda item: item.label,
    ),
    # organisation
    "OrganisationProfile": Kind(
        _l("Organisation"), (OrganisationForm,), {"logo": _l("Logo"), "signature": _l("Signature")}, lambda p: p.name
    ),
    "OrganisationYear": Kind(_l("Organisation facts of a year"), (OrganisationYearForm,), {}, lambda y: str(y.year)),
    "MemberState": Kind(_l("Member state"), (MemberStateForm,), {}, lambda m: country_name(m.country)),
}


#: labels of what an import, merge, erasure or export entry tells (services.batch(), record_event())
DETAIL_LABELS = {
    "kind": _l("What"),
    "what": _l("What"),
    "summary": _l("Source"),
    "format": _l("Format"),
    "count": _l("Total"),
    "rows": _l("Rows"),
    "merged": _l("Merged with"),
    "merged_id": _l("Merged record"),
    "years": _l("Retention period (years)"),
    "anonymised": _l("People anonymised"),
}
#: what an import read (its entry's "kind")
IMPORT_KINDS = {"portfolio_workbook": _l("Portfolio workbook"), "registration_list": _l("Registration list")}


def _form_labels(form) -> dict[str, str]:
    fields = ((name, getattr(form, name)) for name in dir(form))
    return {
        name: unbound.args[0] if unbound.args else unbound.kwargs["label"]
        for name, unbound in fields
        if isinstance(unbound, UnboundField) and (unbound.args or unbound.kwargs.get("label"))
    }


#: the label of every field of every record type: the record's own, its forms', the common ones
FIELD_LABELS: dict[str, dict[str, str]] = {
    record_type: {
        **COMMON_FIELDS,
        **{name: label for form in kind.forms for name, label in _form_labels(form).items()},
        **kind.fields,
    }
    for record_type, kind in KINDS.items()
}


def type_label(record_type: str | None) -> str | None:
    """What the reader calls a record type; the class name for a type not described here."""
    kind = KINDS.get(record_type)
    return kind.label if kind is not None else record_type


def field_label(record_type: str | None, name: str) -> str:
    """What the reader calls a field of a record type; its name for a field not described here."""
    return FIELD_LABELS.get(record_type, COMMON_FIELDS).get(name, name)


def record_name(record) -> str | None:
    """The name of a loaded record; None for a type whose records have none."""
    kind = KINDS.get(type(record).__name__)
    return kind.name(record) if kind is not None and kind.name is not None else None
