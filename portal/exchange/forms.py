from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired

from portal.i18n import lazy_gettext as _l


class UploadForm(FlaskForm):
    workbook = FileField(
        _l("Portfolio workbook"),
        validators=[
            FileRequired(_l("Choose a workbook to upload.")),
            FileAllowed(["xlsx"], _l("Only Excel workbooks (.xlsx) can be imported.")),
        ],
        description=_l(
            "The .xlsx file with the sheets described in the workbook guide. Nothing is written "
            "before you have seen the check and confirmed."
        ),
    )


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the workbook waits on the server."""
