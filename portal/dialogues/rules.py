"""Rules of dialogues as plain checks, for the services and the workbook import alike."""

from datetime import date

from portal.i18n import lazy_gettext as _l

#: a chairmanship's period: first day, last day (None while it runs)
Period = tuple[date, date | None]


def overlapping_period(periods, start_date: date, end_date: date | None) -> Period | None:
    """The first of `periods` that shares a day with start_date..end_date, or None."""
    for other_start, other_end in periods:
        if start_date <= (other_end or date.max) and other_start <= (end_date or date.max):
            return other_start, other_end
    return None


def overlap_message(period: Period):
    start, end = period
    return _l(
        "This period overlaps the chairmanship from %(start)s to %(end)s.",
        start=start.isoformat(),
        end=end.isoformat() if end else "…",
    )
