"""Publication dates as inputs give them, checked and written ISO-like (YYYY-MM-DD, or YYYY-MM, YYYY).

The extractor reads "năm nay" and year-less dates ("26/5") from the publication date, so a wrong
one would move deadlines: a value that is not a real calendar date is ignored with a warning.
"""
import datetime
import re

_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?"
                  r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
                        r"(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_published(value):
    """(date string or None, warning or None) for a publication date from an input field or option.

    Accepted: ISO dates and date-times (the date as written, whatever the time zone), YYYY-MM, YYYY,
    YYYY/MM/DD and the Vietnamese day-first forms DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat(), None
    text = str(value).strip()
    if not text:
        return None, None
    m = _ISO.fullmatch(text)
    if m:
        year, month, day, hh, mm, ss = m.groups()
        date = _checked(year, month, day, hh, mm, ss)
    else:
        m = _DAY_FIRST.fullmatch(text)
        date = _checked(m.group(3), m.group(2), m.group(1), *m.groups()[3:]) if m else None
    if date is None:
        return None, (f"the publication date {text!r} is not a valid date (YYYY-MM-DD expected); ignored")
    return date, None


def _checked(year, month, day, hh=None, mm=None, ss=None):
    """The date as YYYY[-MM[-DD]] when it exists on the calendar (and its time on the clock), else None."""
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if hh is not None and not (int(hh) < 24 and int(mm) < 60 and int(ss or 0) < 60):
        return None
    if month is None:
        return f"{y:04d}"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{y:04d}-{int(month):02d}"
    try:
        return datetime.date(y, int(month), int(day)).isoformat()
    except ValueError:
        return None
