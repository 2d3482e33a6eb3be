"""Text for search, in both languages: pure functions, no models (the catalogue's search index
and query, services/catalogue/search.py, are built on them).

Every piece of text - a service's name when it is indexed, a citizen's query when it is read -
goes through the same functions, so the terms on both sides agree:

- `normalise(text)`: full-width to half-width (NFKC), lower case, control characters and
  anything that is neither a letter nor a digit turned into spaces.
- `segment(text)`: Chinese cut into words by jieba (rjieba, the jieba-rs binding), with the
  catalogue's own terms added to its dictionary (`add_words`).
- `english_terms(text)`: English words folded so that spelling variants and word forms meet:
  UK and US spellings (center -> centre, license -> licence), possessives, plurals and a few
  endings (renewal, renewing, renewed -> renew).
- `pinyin_terms(words)`: each Chinese word's full pinyin ("jiashizheng") and initials ("jsz").
- `edits_1(word, vocabulary)`: the vocabulary's words one edit (insertion, deletion,
  substitution or transposition of two neighbours) away, for typos.
"""

import re
import threading
import unicodedata

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CLASS}]")
TOKEN = re.compile(f"[{HAN_CLASS}]+|[a-z0-9]+")
_NOT_WORD = re.compile(f"[^{HAN_CLASS}a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b")
_APOSTROPHE = re.compile(r"(?<=[a-z])['’](?=[a-z])")


# Words that say nothing about which service is meant ("how do I ...", "怎么办理").
def _words(text):
    return frozenset(text.split())


ENGLISH_STOPWORDS = _words(
    """a an the and or of to for in on at by with from into about as is are was were be been am
    do does did doing done how what where when which who whom why can could should would will shall
    may might must i me my mine we us our you your he him his she her it its they them their this
    that these those there here some any if so up out please want wanted need needs needed get
    got getting apply applying application online help find make one someone something"""
)
CHINESE_STOPWORDS = _words(
    """的 了 吗 呢 啊 吧 呀 么 我 我的 我们 你 您 他 她 它 要 想 想要 需要 怎么 怎样 怎么样 如何 怎么办
    怎么弄 弄 办 办理 去 哪 哪里 哪儿 在哪 在哪里 在哪儿 什么 可以 能 能不能 怎 该 应该 请问 一下 是 有
    和 与 或 及 给 把 被 帮 帮忙 找 问 上 下 到"""
)

# UK spelling is the catalogue's (British English): US spellings and common variants fold to it.
SPELLING = {
    "center": "centre",
    "centers": "centres",
    "program": "programme",
    "programs": "programmes",
    "license": "licence",
    "licenses": "licences",
    "licensed": "licenced",
    "color": "colour",
    "labor": "labour",
    "neighbor": "neighbour",
    "neighborhood": "neighbourhood",
    "favor": "favour",
    "honor": "honour",
    "harbor": "harbour",
    "defense": "defence",
    "offense": "offence",
    "catalog": "catalogue",
    "dialog": "dialogue",
    "enroll": "enrol",
    "enrollment": "enrolment",
    "enrolling": "enrolling",
    "fulfill": "fulfil",
    "installment": "instalment",
    "gray": "grey",
    "traveling": "travelling",
    "traveler": "traveller",
    "travelers": "travellers",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "practise": "practice",
    "aging": "ageing",
    "pediatric": "paediatric",
    "pediatrician": "paediatrician",
    "orthopedic": "orthopaedic",
    "anemia": "anaemia",
    "fetus": "foetus",
    "mom": "mum",
    "moms": "mums",
    "jewelry": "jewellery",
    "fiber": "fibre",
    "theater": "theatre",
    "theaters": "theatres",
    "meter": "metre",
    "liter": "litre",
    "analyze": "analyse",
    "apartment": "flat",
    "apartments": "flats",
    "cheque": "check",
    "tire": "tyre",
    "curb": "kerb",
    "plow": "plough",
    "mold": "mould",
    "skeptic": "sceptic",
    "sulfur": "sulphur",
    "judgment": "judgement",
    "ageing": "ageing",
    "esthetic": "aesthetic",
    "maneuver": "manoeuvre",
}
_IZE = re.compile(r"(?<=[a-z]{3})iz(e|es|ed|ing|ation|ations|er|ers)$")

# Endings folded away (longest first), each only when at least MIN_STEM letters remain.
_ENDINGS = ("ments", "ment", "ings", "ing", "ed", "als", "al")
MIN_STEM = 4


def normalise(text):
    """Lower-case text with full-width forms made half-width, possessives and apostrophes
    dropped, and every run of other characters (punctuation, control characters) one space."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHE.sub("", text)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def fold_english(word):
    """One English word's index form: UK spelling, no plural, no common endings. Both sides of
    a search go through it, so it only has to be consistent, not good English."""
    word = SPELLING.get(word, word)
    word = _IZE.sub(lambda m: "is" + m.group(1), word)
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses") or word.endswith(("ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            break
    if word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def english_terms(text, stopwords=True):
    """The folded English words (and numbers) of `text`, in order; stop words left out."""
    terms = []
    for word in re.findall(r"[a-z0-9]+", normalise(text)):
        if stopwords and word in ENGLISH_STOPWORDS:
            continue
        terms.append(fold_english(word))
    return terms


_jieba_lock = threading.Lock()
_added_words = set()


def _jieba():
    import rjieba  # imported on first use: 0.35 s, which pages without search never pay

    return rjieba


def add_words(words):
    """Add the catalogue's own terms (service keywords, synonyms) to the segmenter's dictionary,
    so "社保卡" stays one word. Adding a word again does nothing."""
    new = {w for w in words if w and HAN.search(w) and w not in _added_words}
    if not new:
        return
    jieba = _jieba()
    with _jieba_lock:
        for word in sorted(new):
            jieba.add_word(word, None, None)
        _added_words.update(new)


def segment(text, fine=False):
    """The Chinese words of `text`, in order. `fine=True` (for the index) gives the shorter
    words inside longer ones too: 居民身份证 -> 居民, 身份, 身份证, 居民身份证."""
    jieba = _jieba()
    words = []
    for run in re.findall(f"[{HAN_CLASS}]+", normalise(text)):
        pieces = list(jieba.cut(run, False))
        if fine:
            pieces += jieba.cut_for_search(run, False)
        words += [p for p in pieces if HAN.search(p)]
    return list(dict.fromkeys(words))


def chinese_terms(text, stopwords=True, fine=False):
    return [w for w in segment(text, fine=fine) if not (stopwords and w in CHINESE_STOPWORDS)]


def pinyin_terms(words):
    """Full pinyin ("jiashizheng") and initials ("jsz") of each Chinese word."""
    from pypinyin import lazy_pinyin  # 0.5 s to import: only when first needed

    terms = []
    for word in words:
        if not HAN.search(word):
            continue
        syllables = [s for s in lazy_pinyin(word, errors="ignore") if s.isascii() and s.isalpha()]
        if not syllables:
            continue
        terms.append("".join(syllables))
        if len(syllables) > 1:
            terms.append("".join(s[0] for s in syllables))
    return list(dict.fromkeys(terms))


def terms(text, fine=False, stopwords=True):
    """Every search term of `text`: its Chinese words and folded English words."""
    return chinese_terms(text, stopwords=stopwords, fine=fine) + english_terms(text, stopwords=stopwords)


ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def edits_1(word, vocabulary):
    """The words of `vocabulary` (a set) one edit away from `word`."""
    return sorted(edits(word) & vocabulary)


def edits(word):
    """Every string one edit away from `word` (insertion, deletion, substitution, swap)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    candidates = set()
    for left, right in splits:
        if right:
            candidates.add(left + right[1:])
            if len(right) > 1:
                candidates.add(left + right[1] + right[0] + right[2:])
            for c in ALPHABET:
                candidates.add(left + c + right[1:])
        for c in ALPHABET:
            candidates.add(left + c + right)
    candidates.discard(word)
    return candidates
