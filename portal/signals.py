"""Where one domain's page shows another domain's records. The page's domain sends a signal named here; the domain
that owns the records answers it (its views connect when create_app imports them). So imports run one way, from
the domain that knows about the other down to the one it is about: funding knows projects and partners, events
know dialogues, participants know events, never the reverse. Indico grows its pages the same way
(`indico/core/signals`, `values_from_signal`)."""

from dataclasses import dataclass, field

from blinker import Namespace
from flask import render_template
from markupsafe import Markup

_signals = Namespace()

#: a project's page: receivers (project) -> Section, e.g. its funding
project_page = _signals.signal("project-page")
#: a partner's page: receivers (partner) -> Section, e.g. what it gave as a donor
partner_page = _signals.signal("partner-page")
#: a dialogue's page: receivers (dialogue) -> Section, e.g. its meetings and events
dialogue_page = _signals.signal("dialogue-page")
#: an event's page: receivers (event) -> Section, e.g. who attended and the certificates
event_page = _signals.signal("event-page")
#: people per event: receivers (event ids) -> {event id: participants}
participants_per_event = _signals.signal("participants-per-event")
#: the project form: receivers (form) -> None fill the choices of the fields that name their records
project_form = _signals.signal("project-form")


@dataclass(frozen=True)
class Section:
    """Part of a page drawn by another domain: its HTML, the (anchor, label) links the page's contents list gives
    it, and the countries it names (for the Kosovo* footnote)."""

    html: Markup
    links: tuple[tuple[str, str], ...] = field(default=())
    countries: tuple[str, ...] = field(default=())

    @classmethod
    def render(cls, template: str, *, links=(), countries=(), **context) -> "Section":
        """A section drawn by a template of the answering domain."""
        # render_template escapes what it is given (autoescape), so its output is markup already
        return cls(Markup(render_template(template, **context)), tuple(links), tuple(countries))  # noqa: S704


def answers(signal, sender, **kwargs) -> list:
    """What the receivers of `signal` give for `sender`, in the order they connected, leaving out None."""
    return [value for _, value in signal.send(sender, **kwargs) if value is not None]


def participants_per_event_of(event_ids: list[int]) -> dict[int, int]:
    """People per event, as the participants domain counts them (0 for every event when it is not loaded)."""
    counts = dict.fromkeys(event_ids, 0)
    for answer in answers(participants_per_event, event_ids):
        counts.update(answer)
    return counts
