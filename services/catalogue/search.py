"""Search (issue 12): the index of published services, the query, and its ranking.

The index. Each service has one SearchDocument row holding the terms of four fields - its name,
its keywords and synonyms, its summary, the rest of its guide (who can apply, conditions, steps,
fee, legal basis, materials, FAQ, department, life events) - segmented for Chinese and folded
for English by services.lib.textsearch, with the pinyin of the Chinese words of the name and
keywords. The database's own full-text index over those rows (FTS5 on SQLite, a tsvector with a
GIN index on PostgreSQL: migration 0005) finds the candidates of a query; the ranking is done
here, in Python, so both databases give the same order.

A write to a service, its materials, FAQ, department or life events marks the service for
re-indexing; the marks are applied when the transaction commits, and before any search in the
same process (so a test or an admin action sees its own edit at once). `rebuild_index()` (the
`rebuild_search_index` command, and load_demo) writes every row again.

The query. The words of a query (Chinese cut by jieba with the catalogue's own terms in its
dictionary; English folded: plurals, endings, UK/US spelling) become concepts, each a set of
alternative terms: the word itself, and - when the index does not know it - the words one typo
away (English, five letters or more), the index's words with the same pinyin (a Chinese typo
from a pinyin keyboard), or its characters (Chinese words the index does not know: "补办").
An all-Latin query that is pinyin ("jiashizheng", "jsz", "jia shi zheng") matches the pinyin
terms of the index. Editors' synonyms (synonyms.expand: 驾照 -> 机动车驾驶证) add concepts.

The ranking. Matched services come in this order: the whole query is a service's name; a
name starts with it; then by how much of the query a service matches, each concept weighed by
how many services have it (an IDF: `_rarity`); then by where, worth more in the name (8) than in
keywords and synonyms (4), the summary (2) or the rest of the guide (1); then popularity; then
id. With filters, services matched only in the rest of the guide are not listed when the filters
removed a stronger match (`SearchResult.without_filters` says how many more match without them).
A query that names a life event (生孩子, retiring) shows
the event first (SearchResult.life_events) and the event's services after the matches.
"""

import difflib
import math
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from services.lib import cache
from services.lib import textsearch as ts

from . import synonyms
from .models import FAQ, MAX_QUERY_LENGTH, Audience, Department, LifeEvent, Material, SearchDocument, Service

FIELDS = ("name_terms", "keyword_terms", "summary_terms", "body_terms")
WEIGHTS = (8.0, 4.0, 2.0, 1.0)  # name > keywords and synonyms > summary > rest of the guide
MAX_CANDIDATES = 1000  # rows the database returns for ranking (the best by its own rank first)
MAX_TERMS = 48  # alternatives sent to the database, however long the query
MAX_WORDS = 12  # concepts read from a query
TYPO_MIN_LENGTH = 5  # English words of five letters or more match with one edit
TYPO_FACTOR = 0.8
CHARACTER_FACTOR = 0.5
EVENT_BONUS = 0.5
INDEX_CHUNK = 500
FEW = 10  # under this many clear matches, the nearest others are listed after them
NEAR_SHARE = 0.6  # ... if they match more than half of the query

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class SearchResult:
    """What a search found: `ids` the matching published service ids, best first (all of them,
    at most MAX_CANDIDATES); `life_events` the life events the query names; `suggestion` a
    query that finds something when this one found nothing ("Did you mean ...?"), else None;
    `terms` the query's normalised terms (for highlighting and logging); `without_filters` how
    many more services the same words find without the catalogue's filters (0 without filters)."""

    ids: list = field(default_factory=list)
    life_events: list = field(default_factory=list)
    suggestion: str | None = None
    terms: list = field(default_factory=list)
    without_filters: int = 0  # how many more services the same words find without the filters


# The index ----------------------------------------------------------------------------------


def _join(*parts):
    return " ".join(p for p in parts if p)


def _unique(terms):
    return " ".join(dict.fromkeys(t for t in terms if ts.TOKEN.fullmatch(t)))


def _name_terms(text):
    """A name's terms: its words (short and long), their pinyin, and each Chinese character
    (for queries that use the name's characters in another order)."""
    words = ts.terms(text, fine=True)
    characters = [c for c in ts.normalise(text) if ts.HAN.match(c) and c not in ts.CHINESE_STOPWORDS]
    return words + ts.pinyin_terms(ts.chinese_terms(text, fine=True)) + characters


def _keyword_terms(text):
    chinese = ts.chinese_terms(text, fine=True)
    return chinese + ts.english_terms(text) + ts.pinyin_terms(chinese)


def _dictionary_words(service):
    """The service's Chinese keywords and synonyms, each kept whole by the segmenter, and the
    words of its name the segmenter would cut into single characters (养犬登记: 养犬)."""
    text = _join(service.keywords_zh, service.synonyms_zh)
    words = [w for w in re.split(r"[\s,，、;；/]+", text) if len(w) >= 2 and ts.HAN.search(w)]
    return words + _name_words(service.name_zh)


def _name_words(name):
    """Runs of two or more single characters in a name's segmentation, joined (养 犬 登记 ->
    养犬): a name's own word the segmenter's dictionary lacks."""
    found, run = [], []
    for word in [*ts.chinese_terms(name or "", stopwords=False), ""]:
        if len(word) == 1 and word not in ts.CHINESE_STOPWORDS:
            run.append(word)
            continue
        if len(run) > 1:
            found.append("".join(run))
        run = []
    return found


def document(service):
    """The SearchDocument of a service (its materials, faqs, life events and department read
    from the prefetched relations)."""
    names = _join(service.name_zh, service.name_en)
    keywords = _join(service.keywords_zh, service.keywords_en, service.synonyms_zh, service.synonyms_en)
    body = _join(
        service.eligibility_zh,
        service.eligibility_en,
        service.conditions_zh,
        service.conditions_en,
        service.steps_zh,
        service.steps_en,
        service.fee_zh,
        service.fee_en,
        service.legal_basis_zh,
        service.legal_basis_en,
        service.department.name_zh,
        service.department.name_en,
        *(_join(m.name_zh, m.name_en) for m in service.materials.all()),
        *(_join(f.question_zh, f.question_en) for f in service.faqs.all()),
        *(_join(e.name_zh, e.name_en) for e in service.life_events.all()),
    )
    return SearchDocument(
        service_id=service.pk,
        title="\n".join(ts.normalise(n) for n in (service.name_zh, service.name_en) if n),
        name_terms=_unique(_name_terms(names)),
        keyword_terms=_unique(_keyword_terms(keywords)),
        summary_terms=_unique(ts.terms(_join(service.summary_zh, service.summary_en), fine=True)),
        body_terms=_unique(ts.terms(body, fine=True)),
    )


def index_services(ids=None):
    """Write the index rows of these services (all when `ids` is None); unpublished and deleted
    services lose theirs. Returns how many rows were written."""
    services = (
        Service.objects.published()
        .select_related("department")
        .prefetch_related("materials", "faqs", "life_events")
        .order_by("pk")
    )
    if ids is not None:
        services = services.filter(pk__in=ids)
    written = 0
    with transaction.atomic():
        if ids is None:
            SearchDocument.objects.all().delete()
        else:
            SearchDocument.objects.filter(service_id__in=ids).delete()
        last = 0
        while True:
            chunk = list(services.filter(pk__gt=last)[:INDEX_CHUNK])
            if not chunk:
                break
            ts.add_words(w for s in chunk for w in _dictionary_words(s))
            SearchDocument.objects.bulk_create([document(s) for s in chunk])
            written += len(chunk)
            last = chunk[-1].pk
    _pending.clear()
    return written


def rebuild_index():
    """Every published service's index row written again (`rebuild_search_index`); what every
    process keeps of earlier searches is renewed (the catalogue version)."""
    written = index_services(None)
    cache.bump_version()
    return written


# Keeping the index in step: writes mark services, the marks are applied on commit and before a
# search. Plumbing like services.lib.cache.watch (a signal catches every write path: admin,
# inlines, commands); the rules stay in the functions above.
_pending = set()
ALL = "all"


def _mark(ids):
    if not ids:
        return
    first = not _pending
    _pending.update(ids)
    if first:
        transaction.on_commit(flush, robust=True)


def flush():
    """Apply the marks of this process (a no-op when there are none)."""
    if not _pending:
        return
    ids = None if ALL in _pending else sorted(_pending)
    _pending.clear()
    index_services(ids)


def _on_service(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark({instance.pk})


def _on_part(sender, instance, raw=False, **kwargs):
    if not raw and instance.service_id:
        _mark({instance.service_id})


def _on_department(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark(set(Service.objects.filter(department=instance).values_list("pk", flat=True)))


def _on_event(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark(set(instance.services.values_list("pk", flat=True)) if instance.pk else set())


def _on_events_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        _mark({instance.pk})
    elif pk_set:
        _mark(set(pk_set))
    else:
        _mark({ALL})


def connect():
    """Called once from CatalogueConfig.ready."""
    for sender, receiver in (
        (Service, _on_service),
        (Material, _on_part),
        (FAQ, _on_part),
        (Department, _on_department),
        (LifeEvent, _on_event),
    ):
        post_save.connect(receiver, sender=sender, dispatch_uid=f"search-save-{sender.__name__}")
        post_delete.connect(receiver, sender=sender, dispatch_uid=f"search-delete-{sender.__name__}")
    m2m_changed.connect(_on_events_changed, sender=Service.life_events.through, dispatch_uid="search-events")


# The vocabulary: every term of the names, keywords and summaries, kept per process -------------


@dataclass
class Vocabulary:
    terms: set
    latin: set  # Latin terms (English, pinyin) for typos
    by_pinyin: dict  # full pinyin -> Chinese words of the index (homophone typos)
    surface: dict  # folded English term -> a word as written in a name (for "Did you mean")
    published: dict  # service id -> (audience, popularity) of the indexed (published) services
    services: dict = field(default_factory=dict)  # term -> how many services have it (name, keywords, summary)


def _load_vocabulary():
    terms, surface, published, services = set(), {}, {}, {}
    rows = SearchDocument.objects.filter(service__published=True).values_list(
        "service_id",
        "service__audience",
        "service__popularity",
        "title",
        "name_terms",
        "keyword_terms",
        "summary_terms",
    )
    for service_id, audience, popularity, title, *fields in rows.iterator(chunk_size=2000):
        published[service_id] = (audience, popularity or 0)
        own = set()
        for text in fields:
            own.update(text.split())
        terms |= own
        for term in own:
            services[term] = services.get(term, 0) + 1
        for word in re.findall(r"[a-z]+", title):
            surface.setdefault(ts.fold_english(word), word)
    chinese = [t for t in terms if ts.HAN.match(t) and len(t) >= 2]
    ts.add_words(chinese)
    by_pinyin = {}
    for word in chinese:
        for pinyin in ts.pinyin_terms([word])[:1]:
            by_pinyin.setdefault(pinyin, []).append(word)
    latin = {t for t in terms if t.isascii() and t.isalpha()}
    return Vocabulary(terms, latin, by_pinyin, surface, published, services)


def vocabulary():
    return cache.kept("catalogue:search-vocabulary", _load_vocabulary)


# The query ------------------------------------------------------------------------------------


@dataclass
class Concept:
    """One thing the query asks for: alternative terms, each with how much a match is worth,
    and - for a Chinese word the index does not know - the known pieces inside it with the
    characters each covers (a service matches as much of the word as its pieces cover)."""

    text: str
    alternatives: dict  # term -> factor (1 exact, less for a typo)
    weight: float = 1.0
    pieces: tuple = ()  # ((piece, frozenset of character positions), ...)
    piece_worth: dict = field(default_factory=dict)  # piece -> its rarity over the word's (at most 1)
    rarity: float = 1.0  # how much matching it says: more for a word few services have (_rarity)

    def terms(self):
        return [*self.alternatives, *(p for p, _ in self.pieces)]


def clean_query(query):
    """The query as searched: control characters removed, at most MAX_QUERY_LENGTH characters."""
    text = _CONTROL.sub(" ", str(query or ""))[: MAX_QUERY_LENGTH * 4]
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _pieces(word, vocab):
    """The index's words and characters inside an unknown Chinese word, with their positions."""
    found = []
    for piece in ts.segment(word, fine=True):
        if piece == word or piece not in vocab.terms or (len(piece) == 1 and piece in ts.CHINESE_STOPWORDS):
            continue
        start = word.find(piece)
        while start >= 0:
            found.append((piece, frozenset(range(start, start + len(piece)))))
            start = word.find(piece, start + 1)
    for position, character in enumerate(word):
        if character in vocab.terms and character not in ts.CHINESE_STOPWORDS:
            found.append((character, frozenset({position})))
    return tuple(dict.fromkeys(found))


def _homophones(words, vocab):
    """Runs of single characters the segmenter could not join (驾使证 -> 驾 使 证) joined again
    when the index has a word with the same pinyin (驾驶证): a pinyin keyboard's typo."""
    joined, run = [], []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) > 1 and vocab.by_pinyin.get("".join(ts.pinyin_terms(["".join(run)])[:1])):
            joined.append("".join(run))
        else:
            joined += run
        run = []
        if word:
            joined.append(word)
    return joined


def _chinese_concepts(run, vocab):
    concepts = []
    for word in _homophones(ts.chinese_terms(run), vocab):
        # A single character says little (开个小饭店): it counts half.
        weight = CHARACTER_FACTOR if len(word) == 1 else 1.0
        if word in vocab.terms:
            # A longer word also matches by its pieces (护照过期: 护照, 过期) where a service
            # has the pieces but not the word.
            pieces = _pieces(word, vocab) if len(word) >= 3 else ()
            concepts.append(Concept(word, {word: 1.0}, weight, pieces))
            continue
        alternatives = {word: 1.0}
        for pinyin in ts.pinyin_terms([word])[:1]:  # a homophone typed by mistake (驾使证)
            for same in vocab.by_pinyin.get(pinyin, [])[:3]:
                alternatives[same] = TYPO_FACTOR
        concepts.append(Concept(word, alternatives, weight, _pieces(word, vocab)))
    return concepts


def _latin_concepts(words, vocab):
    joined = "".join(words)
    if len(words) > 1 and joined in vocab.latin:  # "jia shi zheng": pinyin typed with spaces
        return [Concept(joined, {joined: 1.0})]
    words = _joined_words(words, vocab)
    concepts = []
    for word in words:
        if word in ts.ENGLISH_STOPWORDS:
            continue
        folded = ts.fold_english(word)
        alternatives = {folded: 1.0, word: 1.0}  # the word as typed: pinyin is not English
        if folded not in vocab.terms and word not in vocab.terms and len(word) >= TYPO_MIN_LENGTH:
            # One edit of the word as typed, folded (unemploymant -> unemployment -> unemploy),
            # or of its folded form.
            near = {ts.fold_english(e) for e in ts.edits(word)} | ts.edits(folded)
            for term in sorted(near & vocab.latin)[:5]:
                alternatives.setdefault(term, TYPO_FACTOR)
        concepts.append(Concept(word, alternatives))
    return concepts


def _joined_words(words, vocab):
    """Two neighbouring words the index knows as one ("new born" -> newborn, "pass port" ->
    passport) joined, as pinyin typed with spaces is."""
    out, i = [], 0
    while i < len(words):
        if i + 1 < len(words) and not ({words[i], words[i + 1]} & ts.ENGLISH_STOPWORDS):
            joined = words[i] + words[i + 1]
            if joined in vocab.latin or ts.fold_english(joined) in vocab.latin:
                out.append(joined)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def _concepts(text, vocab):
    concepts = []
    latin = []
    for token in ts.TOKEN.findall(ts.normalise(text)):
        if ts.HAN.match(token):
            if latin:
                concepts += _latin_concepts(latin, vocab)
                latin = []
            concepts += _chinese_concepts(token, vocab)
        else:
            latin.append(token)
    if latin:
        concepts += _latin_concepts(latin, vocab)
    concepts = concepts[:MAX_WORDS]
    for concept in concepts:
        concept.rarity = _rarity(concept, vocab)
        for piece, _at in concept.pieces:
            # A common piece (报名) of a rare word (小学报名) says less than the word.
            rarity = _idf(vocab.services.get(piece, 0), len(vocab.published))
            concept.piece_worth[piece] = min(1.0, rarity / concept.rarity)
    return concepts


RARITY_FLOOR = 0.2


def _rarity(concept, vocab):
    """A concept's worth in the share of the query a service matches, by how many services have
    it (an IDF): 1 for a word one service has (or none), less the more services have it, at
    least RARITY_FLOOR (孩子上小学报名: 孩子, in many services, counts less than 小学报名)."""
    counts = [vocab.services.get(t, 0) for t, factor in concept.alternatives.items() if factor >= 1.0]
    return _idf(max(counts, default=0), len(vocab.published))


def _idf(count, total):
    if count <= 1 or total <= 2:
        return 1.0
    return max(RARITY_FLOOR, math.log((total + 1) / (min(count, total) + 1)) / math.log((total + 1) / 2))


@dataclass
class Query:
    """A parsed query: its concepts as typed, and one more list of concepts for each way the
    editors' synonyms rewrite it (驾照过期了 -> 机动车驾驶证换领了); a service is scored by the
    reading that suits it best."""

    text: str
    normalised: str
    concepts: list
    rewritten: list = field(default_factory=list)  # [[Concept]] per synonym reading

    @property
    def readings(self):
        return [self.concepts, *self.rewritten]

    @property
    def all_concepts(self):
        return [c for reading in self.readings for c in reading]

    def terms(self):
        seen = {}
        for concept in self.all_concepts:
            for term in concept.terms():
                if ts.TOKEN.fullmatch(term):
                    seen.setdefault(term, None)
        return list(seen)[:MAX_TERMS]


MAX_READINGS = 5  # the query as typed, with every synonym, and with each one alone


def _rewritten(text, concepts, language, vocab):
    """The query read with the editors' synonyms (synonyms.expand: 驾照 -> 机动车驾驶证): their
    official terms in place of the words that make up the phrases - all of them at once, and
    each alone (生孩子报销: 生育 with 报销, and 零星报销 with 生孩子). Which words make up a
    phrase is found by asking expand again without each word: a word whose absence loses the
    official term is part of its phrase (生 and 孩子 of 生孩子 -> 生育)."""
    lowered = text.lower()
    officials = synonyms.expand(lowered, language)
    if not officials:
        return []
    without = [set(synonyms.expand(lowered.replace(c.text, " ", 1), language)) for c in concepts]
    added = {official: _concepts(official, vocab) for official in officials}
    readings = []
    for chosen in [officials, *([[o] for o in officials] if len(officials) > 1 else [])]:
        kept = []
        for concept, found in zip(concepts, without, strict=True):
            if all(o in found for o in chosen):
                kept.append(concept)
            else:  # a word that holds the phrase and more (护照过期 holds 过期): keep the rest (护照)
                kept += _outside(concept, lowered, chosen, language)
        reading = kept + [c for o in chosen for c in added[o]]
        if reading and any(added[o] for o in chosen):
            readings.append(reading)
    return readings[: MAX_READINGS - 1]


def _outside(concept, text, chosen, language):
    """The pieces of a word that are not part of a synonym's phrase, longest first, not
    overlapping."""
    taken, kept = set(), []
    for piece, at in sorted(concept.pieces, key=lambda item: -len(item[0])):
        if len(piece) < 2 or at & taken:
            continue
        if all(o in synonyms.expand(text.replace(piece, " ", 1), language) for o in chosen):
            taken |= at
            kept.append(Concept(piece, {piece: 1.0}, rarity=_rarity(Concept(piece, {piece: 1.0}), vocabulary())))
    return kept


def parse(query, language=None):
    """The query read (kept per process while the catalogue is unchanged: the search page
    reads the same words for services, centres and digital-life entries)."""
    flush()
    text = clean_query(query)
    language = language or _language()
    stamp = PARSED_KEPT.stamp()
    parsed = PARSED_KEPT.get(stamp, (text, language))
    if parsed is None:
        vocab = vocabulary()
        concepts = _concepts(text, vocab)
        rewritten = _rewritten(text, concepts, language, vocab) if concepts else []
        parsed = PARSED_KEPT.set(stamp, (text, language), Query(text, ts.normalise(text), concepts, rewritten))
    return parsed


def _language():
    from django.utils.translation import get_language

    return "en" if (get_language() or "").startswith("en") else "zh"


# Candidates from the database -----------------------------------------------------------------
#
# Speed (issue 12, Benchmark; bench/RESULTS.md): the database's full-text index returns ids only,
# best first by its own rank (bm25 / ts_rank), with no JOIN - published and audience come from a
# kept map of the published services. The concepts are AND-ed first (each concept's
# alternatives OR-ed); the OR of every term is asked only when that finds fewer than FEW.
# Only the best RANKED rows are read with their terms and ranked here; the other ids follow in
# the database's order (for the count and later pages). A search's ranked ids are kept per
# process (SEARCHES_KEPT), valid while the catalogue is unchanged.

RANKED = 150  # rows ranked in Python: the database's best by its own rank
SEARCHES_KEPT = cache.KeptStore(2000)
PARSED_KEPT = cache.KeptStore(500)


def _quote_fts(term):
    return '"' + term.replace('"', '""') + '"'


def _quote_tsquery(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def published_services():
    """{service id: (audience, popularity)} of the published services, kept per process (read
    with the vocabulary): the search's statement needs no JOIN for published and audience."""
    return vocabulary().published


def _clauses(query, vocab):
    """[[alternatives of each concept]] per reading, for the AND-ed match: the concepts the
    index's names, keywords or summaries know, single characters (开个小饭店: 开, 小) left to
    the ranking."""
    readings = []
    for concepts in query.readings:
        clauses = []
        for concept in concepts:
            terms = [t for t in dict.fromkeys(concept.terms()) if ts.TOKEN.fullmatch(t)]
            if concept.weight < 1.0 or not any(t in vocab.terms for t in terms):
                continue
            clauses.append(terms[:MAX_TERMS])
        if clauses:
            readings.append(clauses)
    return readings


def _fts_expression(readings):
    return " OR ".join(
        "(" + " AND ".join("(" + " OR ".join(_quote_fts(t) for t in clause) + ")" for clause in clauses) + ")"
        for clauses in readings
    )


def _tsquery(readings):
    return " | ".join(
        "(" + " & ".join("(" + " | ".join(_quote_tsquery(t) for t in clause) + ")" for clause in clauses) + ")"
        for clauses in readings
    )


# One statement: the concepts AND-ed (`a`), and only when that finds fewer than FEW the OR of
# every term (`b`: its best RANKED of the others, flagged `o` = 1, after `a`'s) - the nearest
# matches that follow a few clear ones; the ids of every match in the database's order, the
# terms of the first RANKED only (a LEFT JOIN on the row number). `(SELECT count(*) FROM a) <
# FEW` does not depend on the row, so both databases test it once and skip `b`'s scan when the
# AND found enough.
_SQLITE = """
WITH a AS (
    SELECT rowid AS id, bm25(catalogue_searchdocument_fts, 8.0, 4.0, 2.0, 1.0) AS r, 0 AS o
    FROM catalogue_searchdocument_fts WHERE catalogue_searchdocument_fts MATCH %s ORDER BY r, rowid LIMIT %s
), b AS (
    SELECT rowid AS id, bm25(catalogue_searchdocument_fts, 8.0, 4.0, 2.0, 1.0) AS r, 1 AS o
    FROM catalogue_searchdocument_fts WHERE catalogue_searchdocument_fts MATCH %s
    AND (SELECT count(*) FROM a) < %s AND rowid NOT IN (SELECT id FROM a) ORDER BY r, rowid LIMIT %s
), n AS (
    SELECT id, o, row_number() OVER (ORDER BY o, r, id) AS k FROM (SELECT * FROM a UNION ALL SELECT * FROM b) m
)
SELECT n.id, n.o, d.title, d.name_terms, d.keyword_terms, d.summary_terms, d.body_terms
FROM n LEFT JOIN catalogue_searchdocument d ON d.service_id = n.id AND n.k <= %s ORDER BY n.k"""
_POSTGRESQL = """
WITH a AS (
    SELECT service_id AS id, -ts_rank(document, %s::tsquery, 1) AS r, 0 AS o
    FROM catalogue_searchdocument WHERE document @@ %s::tsquery ORDER BY r, service_id LIMIT %s
), b AS (
    SELECT service_id AS id, -ts_rank(document, %s::tsquery, 1) AS r, 1 AS o
    FROM catalogue_searchdocument WHERE document @@ %s::tsquery
    AND (SELECT count(*) FROM a) < %s AND service_id NOT IN (SELECT id FROM a) ORDER BY r, service_id LIMIT %s
), n AS (
    SELECT id, o, row_number() OVER (ORDER BY o, r, id) AS k FROM (SELECT * FROM a UNION ALL SELECT * FROM b) m
)
SELECT n.id, n.o, d.title, d.name_terms, d.keyword_terms, d.summary_terms, d.body_terms
FROM n LEFT JOIN catalogue_searchdocument d ON d.service_id = n.id AND n.k <= %s ORDER BY n.k"""


def _valid(readings):
    return [clauses for clauses in readings if clauses and all(clauses)]


def _matches(readings, wider, audience):
    """(the rows of the database's best RANKED matches, the ids of the others in its order) of
    the published services (of `audience` and both) whose index row matches `readings` - and,
    under FEW of those, the best RANKED that match `wider`; a row is (service id, title,
    [padded term strings of the four fields], popularity), its terms tested as " term " in the
    padded string, never split into sets."""
    readings, wider = _valid(readings), _valid(wider)
    if not readings:
        readings, wider = wider, []
    if not readings:
        return [], []
    wider = wider or readings  # the same words: `b` finds nothing `a` has not
    if connection.vendor == "sqlite":
        first, second = _fts_expression(readings), _fts_expression(wider)
        sql, params = _SQLITE, [first, MAX_CANDIDATES * 2, second, FEW, RANKED, RANKED]
    elif connection.vendor == "postgresql":
        first, second = _tsquery(readings), _tsquery(wider)
        sql, params = _POSTGRESQL, [first, first, MAX_CANDIDATES * 2, second, second, FEW, RANKED, RANKED]
    else:  # another database: no full-text index, scan the rows
        return _scan(readings, wider, audience)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _split(cursor.fetchall(), audience)


def _split(rows, audience):
    published = published_services()
    allowed = (audience, Audience.BOTH) if audience in (Audience.INDIVIDUAL, Audience.BUSINESS) else None
    head, rest = [], []
    for service_id, wider, title, *fields in rows:
        service = published.get(service_id)
        if service is None or (allowed and service[0] not in allowed):
            continue
        if title is not None and len(head) < RANKED:
            head.append((service_id, title, [f" {t} " for t in fields], service[1]))
        elif not wider:  # what only the OR finds matches part of the query: its best RANKED only
            rest.append(service_id)
    return head, rest[: MAX_CANDIDATES - len(head)]


def _scan(readings, wider, audience):
    def matching(readings):
        found = []
        for row in SearchDocument.objects.order_by("service_id").values_list("service_id", "title", *FIELDS):
            padded = " " + " ".join(row[2:]) + " "
            if any(all(any(f" {t} " in padded for t in clause) for clause in clauses) for clauses in readings):
                found.append(row)
        return found

    rows = [(row[0], 0, *row[1:]) for row in matching(readings)]
    if len(rows) < FEW:
        found = {row[0] for row in rows}
        rows += [(row[0], 1, *row[1:]) for row in matching(wider) if row[0] not in found][:RANKED]
    return _split(rows, audience)


# Ranking --------------------------------------------------------------------------------------


def _has(padded, term):
    return f" {term} " in padded


def _score(concepts, fields, words_only=False):
    """(how much of the query a service matches: each concept 0-1 times its weight - with
    `words_only`, the concepts of more than one character only; the field score: each concept's
    best field weight times how sure the match is)."""
    matched = total = plain = 0.0
    for concept in concepts:
        sure = best = 0.0
        for term, factor in concept.alternatives.items():
            for weight, padded in zip(WEIGHTS, fields, strict=True):
                if _has(padded, term):
                    sure, best = max(sure, factor), max(best, weight * factor)
                    break
        # The pieces count even where the word itself matched: 登记结婚 is a keyword of the
        # marriage registration, whose name 结婚登记 holds all of its pieces (the name's weight).
        # Each character covered counts by the worth of its piece (a common piece, 报名 of
        # 小学报名, covers less than the rare word it is part of).
        if concept.pieces:
            size = len(concept.text)
            everywhere = {}
            for weight, padded in zip(WEIGHTS, fields, strict=True):
                covered = set()
                for piece, at in concept.pieces:
                    if _has(padded, piece):
                        covered |= at
                        worth = concept.piece_worth.get(piece, 1.0)
                        everywhere.update({p: max(everywhere.get(p, 0.0), worth) for p in at})
                best = max(best, weight * len(covered) / size)
            # A part of a word is less sure than the whole (报名 of 小学报名).
            part = 1.0 if len(everywhere) == size else CHARACTER_FACTOR
            sure = max(sure, part * sum(everywhere.values()) / size)
        if not words_only or concept.weight >= 1.0:
            matched += concept.weight * concept.rarity * sure
            plain += concept.weight * sure
        total += concept.weight * best
    return matched, total, plain


# An editor said what people mean: the reading with every synonym applied wins a tie (one
# synonym alone leaves out what the others said, so it only helps where the whole fails).
SYNONYM_PREFERENCE = 1.1


def _best_reading(query, fields):
    """(the share of the query a service matches, 0-1, in its best reading, each word weighed by
    its rarity; its field score; the share with every word weighing the same, in the reading
    where that is largest - what _rank's floor reads: a rare word orders the matches, it does
    not drop those that match as many of the query's words)."""
    best = (0.0, 0.0)
    most = 0.0
    for n, concepts in enumerate(query.readings):
        # Single characters (开个小饭店: 开, 个, 小) say little: beside a word they only order
        # the services that match as much of the words, they do not make the share.
        words_only = any(c.weight >= 1.0 for c in concepts)
        counted = [c for c in concepts if c.weight >= 1.0 or not words_only]
        size = sum(c.weight * c.rarity for c in counted)
        if not size:
            continue
        matched, total, plain = _score(concepts, fields, words_only)
        preference = SYNONYM_PREFERENCE if n == 1 else 1.0
        best = max(best, (matched / size * preference, total))
        most = max(most, plain / sum(c.weight for c in counted) * preference)
    return (*best, most)


def _scored(query, rows, event_services):
    whole = query.normalised
    squeezed = whole.replace(" ", "")
    scored = []
    for service_id, title, fields, popularity in rows:
        names = title.split("\n")
        exact = whole in names or any(n.replace(" ", "") == squeezed for n in names)
        prefix = any(n.startswith(whole) for n in names)
        matched, total, plain = _best_reading(query, fields)
        if not matched and not exact:
            continue
        if service_id in event_services:
            total += EVENT_BONUS
        scored.append(((exact, prefix, matched, total, popularity or 0, -service_id, plain), service_id))
    scored.sort(reverse=True)
    return scored


def _weak(query, rows):
    """The ids of the rows matched only in the rest of the guide (not by their name, keywords or
    summary, nor as the whole query)."""
    whole = query.normalised
    return {
        service_id
        for service_id, title, fields, _popularity in rows
        if whole not in title.split("\n") and not _best_reading(query, [*fields[:3], " "])[0]
    }


def _rank(query, scored):
    """The ids to list from `_scored`'s rows: what matches nearly as much of the query as the
    best match does, and under FEW of those the nearest others."""
    if not scored:
        return []
    # A quarter of the query less than the best, at most a third (words the index does not
    # know count for no service).
    # The share with every word weighing the same (key[6]): a rare word orders, it does not drop.
    best = max(key[6] for key, _ in scored)
    floor = best - min(0.34, best / 4)
    kept = [sid for key, sid in scored if key[0] or key[1] or key[6] >= floor]
    if len(kept) < FEW:  # few clear matches: the nearest ones follow, best first
        near = [sid for key, sid in scored if floor > key[6] >= NEAR_SHARE and not (key[0] or key[1])]
        kept += near[: FEW - len(kept)]
    return kept


def _ranked_ids(query, audience, event_services, weak=None):
    """The matching published ids, best first: the concepts AND-ed (each concept's alternatives
    OR-ed), under FEW of those the OR of every term too; the database's best RANKED ranked
    here, the rest after them in its order. One statement. With a set `weak`, the ids _weak
    finds among the best RANKED are added to it."""
    head, rest = _matches(_clauses(query, vocabulary()), [[query.terms()]], audience)
    ranked = _rank(query, _scored(query, head, event_services))
    if weak is not None:
        weak.update(_weak(query, head))
    # The rest follow only if every ranked row was worth listing: where the ranking dropped the
    # weakest of the best RANKED, those the database ranks lower are weaker still.
    return ranked + (rest if len(ranked) >= len(head) else [])


# Life events (point 6) ------------------------------------------------------------------------

EVENT_FILLER = frozenset({"having", "getting", "finding", "starting", "buying", "seeing", "help"})


def _load_events():
    events = []
    for event in LifeEvent.objects.prefetch_related("services").order_by("order", "pk"):
        chinese = set(ts.chinese_terms(event.name_zh))
        english = {ts.fold_english(w) for w in ts.normalise(event.name_en).split()}
        english -= {ts.fold_english(w) for w in EVENT_FILLER | ts.ENGLISH_STOPWORDS}
        ids = {s.pk for s in event.services.all() if s.published}
        events.append((event, chinese, english, ids))
    return events


def _named_events(query):
    said = {t for c in query.all_concepts for t, factor in c.alternatives.items() if factor >= 1.0}
    named = []
    for event, chinese, english, ids in cache.kept("catalogue:search-events", _load_events):
        if (chinese and chinese <= said) or (english and english <= said):
            named.append((event, ids))
    return named


# The API --------------------------------------------------------------------------------------


def _filtered(ids, filters):
    """The ids that pass the catalogue's filters (life event, department, channel, district)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "") and k not in ("q", "audience")}
    if not filters or not ids:
        return ids
    qs = Service.objects.published().filter(pk__in=ids)
    if filters.get("event"):
        qs = qs.filter(life_events=filters["event"])
    if filters.get("department"):
        qs = qs.filter(department=filters["department"])
    if filters.get("channel"):
        qs = qs.with_channel(filters["channel"])
    if filters.get("district"):
        qs = qs.in_district(filters["district"])
    allowed = set(qs.values_list("pk", flat=True))
    return [i for i in ids if i in allowed]


def find_services(query, *, audience=None, filters=None, language=None):
    """Search the published services (see the module's docstring for how). `audience`
    ("individual"/"business") keeps those services and the ones for both; `filters` is the
    catalogue form's values (event, department, channel, district). A query asked before in
    this process, with the same audience, filters and language, is answered from what was kept
    (no database query) while the catalogue is unchanged; otherwise one query for the ids, one
    for the terms of the best RANKED, one more when there are filters or too few matches."""
    language = language or _language()
    parsed = parse(query, language)
    if not parsed.text:
        return SearchResult(terms=parsed.terms())
    stamp = SEARCHES_KEPT.stamp()
    key = (parsed.normalised, audience or "", _filters_key(filters), language)
    result = SEARCHES_KEPT.get(stamp, key)
    if result is None:
        result = SEARCHES_KEPT.set(stamp, key, _find(parsed, audience, filters, language))
    # A copy: the caller may change its lists, the kept one stays as it was.
    return SearchResult(
        list(result.ids), list(result.life_events), result.suggestion, list(result.terms), result.without_filters
    )


def _filters_key(filters):
    return tuple(
        sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in (filters or {}).items()
            if value not in (None, "") and name not in ("q", "audience")
        )
    )


def _find(parsed, audience, filters, language, suggesting=True):
    result = SearchResult(terms=parsed.terms())
    named = _named_events(parsed)
    if audience in (Audience.INDIVIDUAL, Audience.BUSINESS):
        named = [(e, ids) for e, ids in named if e.audience == audience] or named
    result.life_events = [e for e, _ in named]
    event_services = set().union(*(ids for _, ids in named)) if named else set()
    weak = set() if _filters_key(filters) else None
    ids = _ranked_ids(parsed, audience, event_services, weak)
    if named:
        # The named event's services follow the matches (a query "生育" lists them all).
        found = set(ids)
        ids += _popular_first(event_services - found, audience)
    result.ids = _filtered(ids, filters)
    if weak is not None:
        # Where the filters remove every strong match (passport in a district with no passport
        # office online), what matched only in the rest of a guide is no answer: it is not
        # listed, and the page says how many the same words find without the filters.
        shown = set(result.ids)
        if any(i not in weak for i in ids if i not in shown):
            result.ids = [i for i in result.ids if i not in weak]
        result.without_filters = len(ids) - len(result.ids)
    if not result.ids and suggesting:
        result.suggestion = suggest(parsed, audience, filters, language)
    return result


def _popular_first(ids, audience):
    if not ids:
        return []
    qs = Service.objects.published().filter(pk__in=ids).for_audience(audience)
    return list(qs.order_by("-popularity", "pk").values_list("pk", flat=True))


def suggest(parsed, audience=None, filters=None, language=None):
    """A query with each word the index does not know replaced by the nearest one it does, or
    None (for "Did you mean ...?"); only a query that finds something with the same audience
    and filters is offered ("zzzz qqqq" -> "zzz qqqq" would find nothing again)."""
    vocab = vocabulary()
    changed = False
    words = []
    for word in parsed.normalised.split():
        if ts.HAN.search(word) or word in ts.ENGLISH_STOPWORDS or len(word) < 3:
            words.append(word)
            continue
        folded = ts.fold_english(word)
        if folded in vocab.terms or word in vocab.terms:
            words.append(word)
            continue
        # Words of the services' English names only: a pinyin initial ("zzz" of 暂住证) is no
        # word to offer for "zzzz".
        near = difflib.get_close_matches(folded, vocab.surface, n=1, cutoff=0.75)
        if near:
            words.append(vocab.surface.get(near[0], near[0]))
            changed = True
        else:
            words.append(word)
    if not changed:
        return None
    suggestion = " ".join(words)
    found = _find(parse(suggestion, language), audience, filters, language, suggesting=False)
    return suggestion if found.ids else None


def _match_rows(parsed, rows):
    """[(score, object)] of (object, padded field terms) rows by the query's concepts."""
    found = []
    for obj, fields in rows:
        matched, total, _plain = _best_reading(parsed, fields)
        if matched:
            found.append(((matched, total), obj))
    if not found:
        return []
    best = max(score[0] for score, _ in found)
    found = [(s, o) for s, o in found if s[0] >= best / 2]
    found.sort(key=lambda item: (-item[0][0], -item[0][1], item[1].pk))
    return [obj for _, obj in found]


@dataclass
class _Rows:
    """Kept rows of (object, padded field terms) and which rows hold each term, so that a
    search scores only the rows that have one of its terms."""

    rows: list
    index: dict

    @classmethod
    def of(cls, rows):
        index = {}
        for position, (_, fields) in enumerate(rows):
            for padded in fields:
                for term in padded.split():
                    index.setdefault(term, set()).add(position)
        return cls(rows, index)

    def having(self, parsed):
        positions = set()
        for concept in parsed.all_concepts:
            for term in concept.terms():
                positions |= self.index.get(term, set())
        return [self.rows[p] for p in sorted(positions)]


def _padded(terms):
    return " " + " ".join(dict.fromkeys(terms)) + " "


def _load_centres():
    model = Service._meta.get_field("centres").related_model
    rows = []
    for centre in model.objects.select_related("district").order_by("pk"):
        rows.append(
            (
                centre,
                [
                    _padded(_name_terms(_join(centre.name_zh, centre.name_en))),
                    _padded(ts.terms(_join(centre.district.name_zh, centre.district.name_en), fine=True)),
                    _padded(ts.terms(_join(centre.address_zh, centre.address_en), fine=True)),
                    " ",
                ],
            )
        )
    return _Rows.of(rows)


def find_centres(query, limit=5):
    """Service centres whose name, district or address matches the query, best first (at most
    `limit`). The centres are kept per process: no query while the catalogue is unchanged."""
    parsed = parse(query)
    if not parsed.text:
        return []
    rows = cache.kept("catalogue:search-centres", _load_centres).having(parsed)
    # The query's words found whole in a centre's name or district ("江心区": the district's
    # three centres) come before those found only in its address; what only shares characters
    # with the query (中心, 区) is not listed.
    whole = {obj.pk: (_whole_words(parsed, fields[:2]), _whole_words(parsed, fields[2:3])) for obj, fields in rows}
    best = max(whole.values(), default=(0, 0))
    if best == (0, 0):  # characters in common only ("养老金" and 金滩区): no centre is meant
        return []
    rows = [(obj, fields) for obj, fields in rows if whole[obj.pk] >= (best[0], 0) and any(whole[obj.pk])]
    found = _match_rows(parsed, rows)
    found.sort(key=lambda obj: whole[obj.pk], reverse=True)  # stable: the match order within
    return found[:limit]


def _whole_words(parsed, fields):
    """How many of the query's words (not single characters) a centre has whole in `fields`, in
    the query's best reading."""
    return max(
        sum(
            1
            for concept in concepts
            if concept.weight >= 1.0
            and any(
                _has(padded, term)
                for term, factor in concept.alternatives.items()
                if factor >= 1.0
                for padded in fields
            )
        )
        for concepts in parsed.readings
    )


def _entry_model():
    return Service._meta.get_field("life_entries").related_model


def _load_entries():
    rows = []
    for pk, name_zh, name_en, summary_zh, summary_en in (
        _entry_model()
        ._default_manager.filter(published=True)
        .order_by("pk")
        .values_list("pk", "name_zh", "name_en", "summary_zh", "summary_en")
    ):
        rows.append(
            (
                _Key(pk),
                [
                    _padded(_name_terms(_join(name_zh, name_en))),
                    " ",
                    _padded(ts.terms(_join(summary_zh, summary_en))),
                    " ",
                ],
            )
        )
    return _Rows.of(rows)


@dataclass(frozen=True)
class _Key:
    pk: int


LIFE_KEPT = cache.KeptStore(2000, scopes=("catalogue", "life"))


def find_life_entries(query, limit=5):
    """Published digital-life entries whose name or summary matches the query, best first (at
    most `limit`): their terms are kept per process, and the entries found for a query too
    (one query for the entries shown the first time)."""
    parsed = parse(query)
    if not parsed.text:
        return []
    stamp = LIFE_KEPT.stamp()
    key = (parsed.text, _language(), limit)
    found = LIFE_KEPT.get(stamp, key)
    if found is None:
        found = LIFE_KEPT.set(stamp, key, _life_entries(parsed, limit))
    return list(found)


def _life_entries(parsed, limit):
    kept = cache.kept("catalogue:search-life", _load_entries, scopes=("catalogue", "life"))
    ids = [k.pk for k in _match_rows(parsed, kept.having(parsed))[:limit]]
    if not ids:
        return []
    entries = _entry_model()._default_manager.filter(pk__in=ids).select_related("district").in_bulk()
    return [entries[i] for i in ids if i in entries]
