"""Everyday words -> the catalogue's official terms (issue 12, point 3).

Editors keep `Synonym` rows in the admin (驾照 -> 机动车驾驶证; 退休金 -> 养老金; center -> centre);
`expand(query, language)` returns the official terms a search should look for as well. The rows
are read once per process and kept until a Synonym (or any other catalogue model) is written
(`services.lib.cache.kept`: this process at once, the other processes within
CATALOGUE_VERSION_TTL), so an editor's new pair takes effect on the next search.

How a phrase matches depends on its script, not on the row's language: a Chinese phrase is a
substring of the query (Chinese has no spaces: "我的驾照过期了" contains 驾照 and 过期), an English
phrase is whole words ("car" matches "my car", not "care"), with a plural s/es allowed on the
last word ("driver licenses"). Apostrophes are ignored on both sides, so
"driver's license", "drivers license" and "driver’s license" are one phrase. Rows of both
languages apply whatever the page's language (people type English on the Chinese page and the
other way round); the page language's pairs come first.
"""

import re
import unicodedata

from services.lib import cache

MAX_TERMS = 12  # a 10,000-character query must not turn into hundreds of terms
MAX_SCAN = 200  # characters of the query looked at (the search box takes 100)

_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_LATIN = re.compile(r"[a-z0-9]")


def normalise(text):
    """The form phrases and queries are compared in: NFKC (full-width letters and digits become
    ASCII), lower case, no apostrophes, one space between words."""
    text = unicodedata.normalize("NFKC", text or "").lower().translate(_APOSTROPHES)
    return " ".join(text.split())


def _is_latin(phrase):
    return bool(_LATIN.search(phrase)) and all(ord(ch) < 0x2E80 for ch in phrase)


def _compile(phrase):
    # Whole words; a plural ending on the last word still matches (licenses, centres).
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?:e?s)?(?![a-z0-9])")


def _load():
    from .models import Synonym  # noqa: PLC0415 - models import this module's callers

    table = {}  # language -> [(phrase, pattern or None, [officials])]
    grouped = {}
    for language, phrase, official in Synonym.objects.values_list("language", "phrase", "official").order_by("pk"):
        phrase, official = normalise(phrase), " ".join(official.split())
        if not phrase or not official:
            continue
        grouped.setdefault((language, phrase), []).append(official)
    for (language, phrase), officials in grouped.items():
        pattern = _compile(phrase) if _is_latin(phrase) else None
        table.setdefault(language, []).append((phrase, pattern, officials))
    # Longer phrases first: "身份证丢了" (补领) is looked at before "丢了".
    for rows in table.values():
        rows.sort(key=lambda row: -len(row[0]))
    return table


def table():
    """The pairs kept in this process: {language: [(phrase, pattern, [officials])]}."""
    return cache.kept("catalogue:synonyms", _load)


def expand(query, language):
    """The official terms to search for as well as `query` (any text: it is normalised here),
    in the order their phrases occur in the query, without duplicates or terms the query
    already contains. `language` is the page's language ("zh" or "en", "zh-hans" works too)."""
    text = normalise((query or "")[: MAX_SCAN * 2])[:MAX_SCAN]
    if not text:
        return []
    first = "en" if (language or "").lower().startswith("en") else "zh"
    rows = table()
    found = []  # (position, order, official)
    for language_rows in (rows.get(first, []), rows.get("zh" if first == "en" else "en", [])):
        for phrase, pattern, officials in language_rows:
            if phrase not in text:
                continue
            if pattern is None:
                position = text.find(phrase)
            else:
                match = pattern.search(text)
                if match is None:
                    continue
                position = match.start()
            for official in officials:
                found.append((position, len(found), official))
    terms, seen = [], set()
    for _position, _order, official in sorted(found):
        key = normalise(official)
        if key in seen or key in text:
            continue
        seen.add(key)
        terms.append(official)
        if len(terms) == MAX_TERMS:
            break
    return terms
