import io

import pytest
import sqlalchemy as sa
from PIL import Image

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.organisation.models import OrganisationProfile


@pytest.fixture
def instance(app, tmp_path, monkeypatch):
    """The app's instance folder, where the images are kept, in a folder of the test's own."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path


def image_bytes(kind="PNG", size=(120, 40), colour=(11, 61, 107)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, kind)
    return output.getvalue()


def _save(client, **fields):
    data = {"name": "", "signatory_name": "", "signatory_title": "", **fields}
    return client.post("/admin/organisation/", data=data, content_type="multipart/form-data")


def _profile():
    return db.session.scalar(sa.select(OrganisationProfile))


def test_only_admins_reach_the_organisation_page(client, auth, instance):
    response = client.get("/admin/organisation/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login(Role.OFFICER)
    assert 'href="/admin/organisation/"' not in client.get("/events/").get_data(as_text=True)
    assert client.get("/admin/organisation/").status_code == 403
    assert _save(client, name="Hijacked").status_code == 403
    assert _profile() is None
    auth.logout()
    auth.login(Role.ADMIN)
    page = client.get("/admin/organisation/").get_data(as_text=True)
    assert "Signatory&#39;s name" in page and 'href="/admin/organisation/"' in page


def test_the_profile_is_saved_with_its_images_and_served_to_admins(client, auth, instance):
    auth.login(Role.ADMIN)
    # the JPEG carries text after its end: the stored copy is written anew from the pixels, without it
    jpeg = image_bytes("JPEG") + b"<script>alert(1)</script>"
    response = _save(
        client,
        name="International Centre",
        signatory_name="Dr Maria Example",
        signatory_title="Director General",
        logo_file=(io.BytesIO(image_bytes(size=(2400, 600))), "logo.png"),
        signature_file=(io.BytesIO(jpeg), "signature.jpeg"),
    )
    assert response.status_code == 302
    profile = _profile()
    assert (profile.name, profile.signatory_name, profile.signatory_title) == (
        "International Centre",
        "Dr Maria Example",
        "Director General",
    )
    assert profile.logo.endswith(".png") and profile.signature.endswith(".jpg")
    with Image.open(instance / "organisation" / profile.logo) as logo:
        assert logo.size == (1200, 300)  # no more pixels than print needs
    stored = (instance / "organisation" / profile.signature).read_bytes()
    assert stored.startswith(b"\xff\xd8\xff") and b"<script>" not in stored
    with client.get(f"/admin/organisation/images/{profile.logo}") as logo:
        assert logo.status_code == 200 and logo.mimetype == "image/png" and logo.data.startswith(b"\x89PNG")
    page = client.get("/admin/organisation/").get_data(as_text=True)
    assert f'src="/admin/organisation/images/{profile.logo}"' in page
    assert client.get("/admin/organisation/images/..%2Fportal.db").status_code == 404

    response = _save(client, name="International Centre", remove_logo="y", version=str(profile.version))
    assert response.status_code == 302
    db.session.expire_all()
    assert _profile().logo is None and _profile().signature is not None


def test_each_change_is_in_the_history(client, auth, instance):
    auth.login(Role.ADMIN)
    _save(client, name="Old Centre")
    profile = _profile()
    _save(client, name="New Centre", signatory_name="Dr Maria Example", version=str(profile.version))
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.record_type == "OrganisationProfile").order_by(AuditEntry.id)
    ).all()
    assert [entry.action for entry in entries] == ["create", "update"]
    assert '"Old Centre"' in entries[1].changes and '"New Centre"' in entries[1].changes
    page = client.get("/admin/organisation/").get_data(as_text=True)
    assert f"/history/OrganisationProfile/{profile.id}" in page
    history = client.get(f"/history/OrganisationProfile/{profile.id}").get_data(as_text=True)
    assert "Old Centre" in history and "New Centre" in history and "Dr Maria Example" in history
    assert "Signatory&#39;s name" in history and "Organisation name" in history


TOO_WIDE = image_bytes(size=(4001, 10))
SMALL_LIMIT = 20_000


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "Only PNG and JPEG images are accepted"),
        ("logo.gif", b"GIF89a" + bytes(40), "Only PNG and JPEG images are accepted"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(SMALL_LIMIT), "The image is too large: at most"),
        ("logo.png", TOO_WIDE, "at most 4000 pixels a side"),
        ("logo.png", image_bytes()[:60], "The image is damaged and cannot be read."),
        ("logo.png", image_bytes(size=(400, 400))[:-40], "The image is damaged and cannot be read."),
    ],
)
def test_uploads_refuse_what_is_not_a_small_png_or_jpeg(
    client, auth, instance, monkeypatch, filename, content, message
):
    # a lower limit keeps the request small (the test client leaves a request over 500 kB in an unclosed file)
    monkeypatch.setattr("portal.organisation.rules.MAX_IMAGE_BYTES", SMALL_LIMIT)
    monkeypatch.setattr("portal.organisation.views.MAX_IMAGE_BYTES", SMALL_LIMIT)
    auth.login(Role.ADMIN)
    response = _save(client, name="International Centre", logo_file=(io.BytesIO(content), filename))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    errors = page.split('id="logo_file-errors"')[1].split("</div>\n")[0]
    assert message in errors
    assert _profile() is None
    assert not (instance / "organisation").exists() or not any((instance / "organisation").iterdir())
