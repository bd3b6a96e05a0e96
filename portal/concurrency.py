"""No lost updates (security.md R7): edit forms carry the version they were opened at; a save against a newer
version is refused, and the form shows the other person's values beside the user's own."""

from wtforms import HiddenField

from portal.i18n import lazy_gettext as _l

CONFLICT_MESSAGE = _l(
    "Changed by someone else since you opened it. Nothing was saved: their values are shown beside yours. "
    "Save again to keep yours."
)


#: fields of every edit form that are not the record's values
FORM_BOOKKEEPING = ("csrf_token", "version")


class VersionedFormMixin:
    """Add to an edit form; fill `version` from the record when the form is first shown."""

    version = HiddenField()


def unchanged_since_opened(form, obj) -> bool:
    """True when `obj` is still at the version the form was opened at. Otherwise marks the differing fields
    (field.conflict holds the saved value), adds the message, moves the form to the new version, and returns False."""
    try:
        opened = int(form.version.data)
    except (TypeError, ValueError):
        opened = None
    if opened == obj.version:
        return True
    saved = type(form)(formdata=None, obj=obj)
    for name, field in form._fields.items():
        if name in FORM_BOOKKEEPING:
            continue
        theirs = saved._fields.get(name)
        if theirs is not None and _blank_as_none(theirs.data) != _blank_as_none(field.data):
            field.conflict = theirs._value() if hasattr(theirs, "_value") else theirs.data
    form.form_errors.append(CONFLICT_MESSAGE)
    form.version.data = obj.version
    return False


def _blank_as_none(value):
    """An empty text box submits "" where the record holds None: both mean nothing was entered."""
    return None if value == "" else value


def label_conflicts(form) -> None:
    """After a refused stale save, show the other person's choices by their labels rather than ids or codes."""
    for field in form:
        if hasattr(field, "conflict") and getattr(field, "choices", None) is not None:
            labels = {str(value): str(label) for value, label, *_ in field.choices}
            chosen = field.conflict if isinstance(field.conflict, list) else [field.conflict]
            field.conflict = ", ".join(labels.get(str(v), str(v)) for v in chosen if v not in (None, ""))
