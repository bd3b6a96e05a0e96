from flask import current_app, has_request_context
from flask_babel import Babel
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from portal.db import Base
from portal.query_args import page_number


class PortalSQLAlchemy(SQLAlchemy):
    def paginate(self, select, *, page=None, per_page=None, **kwargs):
        """Flask-SQLAlchemy's paginate, with the page read by portal.query_args.page_number (a number no list can
        reach, ?page=99999999999999999999999, is page 1 rather than an overflow) and never ?per_page=."""
        if has_request_context():
            page = page_number() if page is None else page
            per_page = current_app.config["ITEMS_PER_PAGE"] if per_page is None else per_page
        return super().paginate(select, page=page, per_page=per_page, **kwargs)


db = PortalSQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
mail = Mail()
