"""Values and periods in plain words for the reasons, the report and the review (no heavy imports)."""


def number(x):
    """A value for a sentence: 232.8 billion, 2.5 million, 16.5."""
    if x is None:
        return "?"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            return f"{x / scale:.4g} {word}"
    return f"{x:,.4g}"


def part_label(part, year):
    """A period for people: "2017", "first 9 months of 2017", "first half of 2017", "Q2 2017", "2017 so far"."""
    if year is None:
        return None
    if not part:
        return str(year)
    if part == "H1":
        return f"first half of {year}"
    if part == "YTD":
        return f"{year} so far"
    if part.startswith("M") and part[1:].isdigit():
        return f"first {part[1:]} month{'s' if part[1:] != '1' else ''} of {year}"
    return f"{part} {year}"
