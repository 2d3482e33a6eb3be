"""How the insights pages and the guide write a figure: one rule for every chart, table, summary
and guide - round half up (2.25 -> 2.3, 2.96 -> 3.0, 0.5 -> 1), then the active language's
format. Django's number_format cuts the digits off (2.96 -> "2.9") and widthratio rounds half
to even (12.5 -> 12): neither is used for a figure.

Shares that make up a whole (the channels) are given by `whole_percents`, so that the shown
percentages add up to 100."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats


def rounded(value, places=0):
    """`value` rounded half up to `places` decimals, as a Decimal."""
    step = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def decimal(value, places=0):
    """`value` rounded half up, written in the active language ("2.3", "1,234")."""
    return formats.number_format(rounded(value, places), places, use_l10n=True)


def percent(part, whole, places=0):
    """`part` of `whole` in per cent, rounded half up, with its sign ("65.0%"); "–" without a whole."""
    if not whole:
        return "–"
    return decimal(100 * Decimal(part) / Decimal(whole), places) + "%"


def whole_percents(counts):
    """Whole percentages of `counts` that add up to 100 (the largest remainder method): each
    gets the whole part of its share, and the points left go to the largest remainders, the
    earlier count first on a tie. [] or all zero: None for each."""
    total = sum(counts)
    if not total:
        return [None] * len(counts)
    exact = [Decimal(100 * n) / total for n in counts]
    shown = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - shown[i]), i))
    for i in order[: 100 - sum(shown)]:
        shown[i] += 1
    return shown
