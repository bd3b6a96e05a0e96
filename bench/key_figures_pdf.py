"""How long the two-page key-figures PDF of the demo year takes to render, best of three, next to the 2 s budget.

    .venv/bin/python bench/key_figures_pdf.py                 # English
    .venv/bin/python bench/key_figures_pdf.py --language fr   # or ru
    .venv/bin/python bench/key_figures_pdf.py --png /tmp/kf   # also write /tmp/kf-1.png ... to look at

The portfolio is the demo's (`flask demo load`: the 2021 annual report's 84 projects, 648 events, 12,420
participants). The timing covers what a request does: compute the figures, draw the charts, render the HTML and
the PDF (in the limited child process, as in production). Not part of the test suite.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_S = 2.0


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en", choices=("en", "fr", "ru"))
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--png", help="also write the pages as PNG files with this prefix (pdftoppm)")
    parser.add_argument("--pdf", default=str(Path(tempfile.gettempdir()) / "key_figures_bench.pdf"))
    args = parser.parse_args()

    from flask_babel import force_locale
    from pypdf import PdfReader

    from portal import create_app
    from portal.demo.loader import load_demo
    from portal.extensions import db
    from portal.reports import views
    from portal.reports.queries import Filters

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db"})
        with app.app_context(), app.test_request_context(), force_locale(args.language):
            db.create_all()
            load_demo(db.session, reporting_currency=app.config["REPORTING_CURRENCY"])
            db.session.commit()
            timings, cpu = [], []
            for _ in range(3):
                started, used = time.perf_counter(), _cpu_seconds()
                pdf = views._pdf(views._figures(args.year, Filters()))  # what GET /reports/key-figures.pdf does
                timings.append(time.perf_counter() - started)
                cpu.append(_cpu_seconds() - used)
            db.engine.dispose()
    Path(args.pdf).write_bytes(pdf)
    best = min(timings)
    pages = len(PdfReader(args.pdf).pages)
    print(f"{pages} pages, {len(pdf):,} bytes, language {args.language}, year {args.year}")
    verdict = f"(under {BUDGET_S:g} s: ok)" if best < BUDGET_S else f"(OVER the {BUDGET_S:g} s budget)"
    print("renders: " + ", ".join(f"{t:.2f} s" for t in timings) + f"; best {best:.2f} s {verdict}")
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
