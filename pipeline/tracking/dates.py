"""When things were said: publication dates from the article records, an article's reference year
from its dates when the publication date is missing, and the "as of" date that decides whether a
deadline has passed (never the machine's clock: an option, the newest publication date, else the
latest year the results report).
"""
import re
from collections import Counter

_YEAR = re.compile(r"^(\d{4})(?:$|-)")


def year_of(date):
    """The year of an ISO-like date ("2021", "2021-04-28", "2021-04-28T10:00"), or None."""
    m = _YEAR.match(str(date or "")) if date else None
    return int(m.group(1)) if m else None


def reference_year(article):
    """The year an article's DATE entities centre on (most frequent single year, latest on ties), or None."""
    years = Counter()
    for e in article.get("entities") or []:
        value = str(e.get("value") or "")
        if e.get("label") == "DATE" and "/" not in value:
            y = year_of(value)
            if y:
                years[y] += 1
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def article_dates(articles):
    """{article_id: {"published": str or None, "year": int or None, "year_source": ...}} from article records."""
    out = {}
    for a in articles or []:
        aid = a.get("article_id")
        if aid is None:
            continue
        published = a.get("published") or None
        year = year_of(published)
        if year:
            out[aid] = {"published": str(published), "year": year, "year_source": "published"}
        else:
            ref = reference_year(a)
            out[aid] = {"published": None, "year": ref, "year_source": "article_dates" if ref else None}
    return out


def as_of(dates, option=None, result_years=()):
    """{"date", "year", "source"}: the option when given, else the newest publication date in the inputs,
    else the latest year the results report (95th percentile of the years in result sentences, so one
    stray year does not count), else the median of the articles' reference years."""
    if option:
        return {"date": str(option), "year": year_of(option), "source": "option"}
    published = sorted(d["published"] for d in dates.values() if d.get("published") and year_of(d["published"]))
    if published:
        return {"date": published[-1][:10], "year": year_of(published[-1]), "source": "published"}
    years = sorted(y for y in result_years if isinstance(y, int))
    if years:
        y = years[round(0.95 * (len(years) - 1))]
        return {"date": str(y), "year": y, "source": "result_years"}
    years = sorted(d["year"] for d in dates.values() if d.get("year"))
    if years:
        y = years[(len(years) - 1) // 2]
        return {"date": str(y), "year": y, "source": "article_dates"}
    return {"date": None, "year": None, "source": None}


def passed(deadline_year, now):
    """True when the deadline year has ended by the "as of" date (a date inside the year has not)."""
    if deadline_year is None or not now or now.get("year") is None:
        return False
    return now["year"] > deadline_year
