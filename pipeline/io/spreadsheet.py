"""CSV cells a spreadsheet opens as text, never runs: one rule for every CSV camket writes."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text starting with = + - @ tab or CR gets a leading apostrophe (OWASP's advice for CSV injection);
    numbers and other values are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
