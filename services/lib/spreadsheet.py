"""The one rule for a text cell of a CSV file that people open in a spreadsheet (CSV injection).

A spreadsheet treats a cell starting with = + - @ (and, in some, a tab or carriage return
before one) as a formula: `=HYPERLINK(...)` in a centre's name would run in the reader's Excel.
Such a cell is prefixed with ' (OWASP's advice): the spreadsheet then shows it as text, and the
' is visible, so nothing is hidden from the reader. A phone number ("+86 21 6000 1000", "-1234"):
digits and + - ( ) . / and spaces only, cannot call a function or refer to a cell, so it is left
as it is (readable) even when it starts with + or -.

Used by every CSV the portal writes: the digital-life export, the officers' queue export and
the open-data downloads.
"""

import re

PHONE_LIKE = re.compile(r"\+?[\d\s()./-]*\d[\d\s()./-]*")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as CSV text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text
