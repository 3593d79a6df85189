"""Reads numbers as Vietnamese writes them: "1.123" (dot groups thousands), "20,5" (comma decimal),
scale words ("1,5 tỷ"), Roman numerals ("cấp III") and small written-out numbers ("hai mươi")."""
import unicodedata
from decimal import Decimal

import regex

from ..tables import load_table

# A number in digits: dot-grouped thousands first, then plain digits with an optional comma
# decimal, then a rare dot decimal ("1.5", "4.0": a dot not followed by exactly three digits).
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+\.\d{4,}|\d+"
_NUMBER_RE = regex.compile(rf"^(?:{NUMBER_PATTERN})$")
_ROMAN_RE = regex.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def _words():
    return load_table("number_words")


def scale_words():
    """Scale words -> multiplier, longest first (so "nghìn tỷ" wins over "nghìn")."""
    scales = _words()["scales"]
    return dict(sorted(scales.items(), key=lambda kv: -len(kv[0])))


def _clean(value):
    """An int when the float is whole, else the float (so 1123.0 reads as 1123)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


def scale(value, factor):
    """``value * factor`` computed in decimal, so 304219,4 tỷ stays exactly 304219400000000."""
    if factor == 1:
        return value
    product = Decimal(repr(value)) * Decimal(factor)
    return int(product) if product == product.to_integral_value() else float(product)


def parse_digits(s):
    """Parse a digit string in Vietnamese writing ("1.123" -> 1123, "20,5" -> 20.5); None if not one."""
    s = s.strip()
    if not _NUMBER_RE.match(s):
        return None
    if "," in s:
        whole, frac = s.split(",", 1)
        return _clean(float(whole.replace(".", "") + "." + frac))
    if "." in s:
        groups = s.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            return int("".join(groups))
        return _clean(float(s))
    return int(s)


def parse_roman(s):
    """Parse a Roman numeral ("IV" -> 4); None if ``s`` is not one (upper case only, as written)."""
    s = s.strip()
    if not s or not _ROMAN_RE.match(s):
        return None
    table = _words()["roman"]
    total = 0
    for i, ch in enumerate(s):
        v = table[ch]
        if i + 1 < len(s) and table[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def parse_words(s):
    """Parse a small written-out number ("hai mươi lăm" -> 25, "một trăm" -> 100); None if not one."""
    words = _words()
    digits, tens, hundreds = words["digits"], set(words["tens_word"]), set(words["hundreds_word"])
    tokens = s.lower().split()
    if not tokens:
        return None
    total, current, seen = 0, 0, False
    for tok in tokens:
        if tok in digits:
            if tok == "mười":
                current += 10
            else:
                current += digits[tok]
            seen = True
        elif tok in tens:
            current = (current or 1) * 10
        elif tok in hundreds:
            total += (current or 1) * 100
            current = 0
        elif tok == "linh" or tok == "lẻ":
            continue
        else:
            return None
    return total + current if seen else None


def parse_number(s):
    """Parse a Vietnamese number with optional scale words: "2 triệu" -> 2000000, "1,5 tỷ" ->
    1500000000, "II" -> 2, "hai mươi" -> 20. Returns int or float, or None when ``s`` is not a number."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).strip()
    if not s:
        return None
    roman = parse_roman(s)
    if roman is not None:
        return roman
    low = s.lower()
    m = regex.match(rf"^({NUMBER_PATTERN})\s*(.*)$", low)
    if m:
        base, rest = parse_digits(m.group(1)), m.group(2).strip()
    else:
        base, rest = None, low
    multiplier = 1
    scales = scale_words()
    while rest:
        for word, factor in scales.items():
            if rest == word or rest.startswith(word + " "):
                multiplier *= factor
                rest = rest[len(word):].strip()
                break
        else:
            break
    if base is None:
        # written-out number, possibly followed by scale words ("hai triệu")
        head = low
        tail_mult = 1
        for word, factor in scales.items():
            if head.endswith(" " + word) and word != "trăm":
                tail_mult = factor
                head = head[: -len(word)].strip()
                break
        value = parse_words(head)
        if value is None:
            return None
        return scale(value, tail_mult)
    if rest:
        return None
    if multiplier == 1:
        return base
    return scale(base, multiplier)
