"""An action plan's title in French and Russian, written on its form and read in the reader's language; the number
that identifies it in the portfolio workbook."""

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.dialogues import services
from portal.dialogues.models import ActionPlan
from portal.extensions import db
from tests import factories


def test_the_plan_form_keeps_the_title_in_french_and_russian_and_pages_show_the_readers(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue()
    db.session.commit()
    response = client.post(
        f"/dialogues/{dialogue.id}/plans/new",
        data={
            "title": "Joint Valletta Action Plan",
            "title_fr": "Plan d'action conjoint de La Valette",
            "title_ru": "",
        },
    )
    assert response.status_code == 302
    plan = db.session.scalar(sa.select(ActionPlan))
    assert (plan.title_fr, plan.title_ru) == ("Plan d'action conjoint de La Valette", None)

    page = client.get(f"/dialogues/{dialogue.id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Plan d&#39;action conjoint de La Valette" in page or "Plan d'action conjoint de La Valette" in page
    page = client.get(f"/dialogues/{dialogue.id}", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Joint Valletta Action Plan" in page


def test_plans_domains_and_priorities_are_numbered_for_the_workbook(app):
    dialogue = factories.dialogue()
    first = services.create_plan(dialogue, {"title": "One"})
    second = services.create_plan(dialogue, {"title": "Two"})
    domain = services.add_domain(second, title="Legal migration")
    priority = services.add_priority(domain, code=None, title="Mobility")
    assert (first.ref, second.ref, domain.ref, priority.ref) == ("AP-0001", "AP-0002", "APD-0001", "APP-0001")
