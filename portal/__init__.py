import logging
from importlib import import_module
from pathlib import Path

from flask import Flask

from portal.config import Config, database_url, secure_cookies
from portal.query_args import IntegerConverter

#: domain packages, in import order; each may have models.py, modules of routes (views.py and *_views.py, each
#: with `bp`, or BLUEPRINTS naming the blueprints it defines) and cli.py (with COMMANDS)
DOMAINS = (
    "accounts",
    "reference",
    "partners",
    "projects",
    "funding",
    "dialogues",
    "initiatives",
    "events",
    "participants",
    "organisation",
    "reports",
    "concept_notes",
    "exchange",
    "api",
    "audit",
    "history",
    "demo",
    "operations",
    "jobs",
    "search",
)


def create_app(config=None) -> Flask:
    """Build the application: configuration, extensions, then each domain's models, views and commands."""
    app = Flask(__name__, instance_relative_config=True)
    # before any route: ids in URLs are bounded like those in query strings
    app.url_map.converters["int"] = IntegerConverter
    app.config.from_object(Config)
    app.config.from_prefixed_env("PORTAL")
    app.config.update(config or {})
    secure_cookies(app)
    _configure_database(app)
    if not app.config.get("SECRET_KEY") and not app.testing:
        raise RuntimeError("SECRET_KEY is not set: export SECRET_KEY (make run creates one for development).")

    from portal import cli, extensions, i18n, mail, queue, web
    from portal.search import index as search_index

    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(Path(app.root_path).parent / "migrations"))
    extensions.login_manager.init_app(app)
    extensions.babel.init_app(app, locale_selector=i18n.select_locale)
    extensions.csrf.init_app(app)
    queue.huey.init_app(app)
    mail.init_app(app)
    for domain in DOMAINS:
        _load_domain(app, domain)
    web.init_app(app)
    search_index.init_app(app)
    app.cli.add_command(cli.translate)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _configure_database(app: Flask) -> None:
    url = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(url)


def _load_domain(app: Flask, domain: str) -> None:
    package = Path(__file__).parent / domain
    # views.py last: the other modules of routes may add theirs to its blueprint, which is registered after them
    views = sorted((path.stem for path in package.glob("*views.py")), key=lambda stem: (stem == "views", stem))
    # tasks.py is imported so that the worker knows the domain's background tasks
    for module in ("models", "tasks", *views, "cli"):
        if not (package / f"{module}.py").exists():
            continue
        loaded = import_module(f"portal.{domain}.{module}")
        if module in views:
            for blueprint in getattr(loaded, "BLUEPRINTS", (loaded.bp,)):
                app.register_blueprint(blueprint)
        elif module == "cli":
            for command in getattr(loaded, "COMMANDS", ()):
                app.cli.add_command(command)
