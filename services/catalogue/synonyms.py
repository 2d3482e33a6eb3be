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


def is_latin(phrase):
    return bool(_LATIN.search(phrase)) and all(ord(ch) < 0x2E80 for ch in phrase)


def _compile(phrase):
    # Whole words; a plural ending on the last word still matches (licenses, centres).
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?:e?s)?(?![a-z0-9])")


def _load():
    from .models import Synonym  # noqa: PLC0415 - imported when first used, not at app loading

    grouped = {}  # (phrase, language) -> [officials]
    for language, phrase, official in Synonym.objects.values_list("language", "phrase", "official").order_by("pk"):
        phrase, official = normalise(phrase), " ".join(official.split())
        if phrase and official:
            grouped.setdefault((phrase, language), []).append(official)
    # Longest phrase first: where two phrases overlap in a query the longer one wins
    # (身份证丢了 -> 居民身份证补领, not also 丢了 -> 补领; 驾驶执照 is not 执照 -> 营业执照).
    rows = [
        (phrase, language, _compile(phrase) if is_latin(phrase) else None, officials)
        for (phrase, language), officials in grouped.items()
    ]
    rows.sort(key=lambda row: (-len(row[0]), row[1], row[0]))
    return rows


def table():
    """The pairs kept in this process: [(phrase, language, pattern or None, [officials])],
    longest phrase first."""
    return cache.kept("catalogue:synonyms", _load)


def _occurrences(text, phrase, pattern):
    if pattern is not None:
        return ((m.start(), m.end()) for m in pattern.finditer(text))
    spans, start = [], text.find(phrase)
    while start != -1:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def expand(query, language):
    """The official terms to search for as well as `query` (any text: it is normalised here),
    in the order their phrases occur in the query, without duplicates or terms the query
    already contains. Where phrases overlap, the longest wins. `language` is the page's
    language ("zh", "en", "zh-hans"): at the same place, its pair comes first."""
    text = normalise((query or "")[: MAX_SCAN * 2])[:MAX_SCAN]
    if not text:
        return []
    first = "en" if (language or "").lower().startswith("en") else "zh"
    taken = [False] * len(text)
    found = []  # (position, other language, official)
    for phrase, row_language, pattern, officials in table():
        if phrase not in text:
            continue
        for start, end in _occurrences(text, phrase, pattern):
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            found += [(start, row_language != first, n, official) for n, official in enumerate(officials)]
    terms, seen = [], set()
    for *_, official in sorted(found):
        key = normalise(official)
        if key in seen or key in text:
            continue
        seen.add(key)
        terms.append(official)
        if len(terms) == MAX_TERMS:
            break
    return terms
