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
name starts with it; then by how many of the query's concepts a service matches, each worth
more in the name (8) than in keywords and synonyms (4), the summary (2) or the rest of the
guide (1); then popularity; then id. A query that names a life event (生孩子, retiring) shows
the event first (SearchResult.life_events) and the event's services after the matches.
"""

import difflib
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
    `terms` the query's normalised terms (for highlighting and logging)."""

    ids: list = field(default_factory=list)
    life_events: list = field(default_factory=list)
    suggestion: str | None = None
    terms: list = field(default_factory=list)


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
    """The service's Chinese keywords and synonyms, each kept whole by the segmenter."""
    text = _join(service.keywords_zh, service.synonyms_zh)
    return [w for w in re.split(r"[\s,，、;；/]+", text) if len(w) >= 2 and ts.HAN.search(w)]


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
    """Every published service's index row written again (`rebuild_search_index`)."""
    return index_services(None)


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


def _load_vocabulary():
    terms, surface = set(), {}
    rows = SearchDocument.objects.values_list("title", "name_terms", "keyword_terms", "summary_terms")
    for title, *fields in rows.iterator(chunk_size=2000):
        for text in fields:
            terms.update(text.split())
        for word in re.findall(r"[a-z]+", title):
            surface.setdefault(ts.fold_english(word), word)
    chinese = [t for t in terms if ts.HAN.match(t) and len(t) >= 2]
    ts.add_words(chinese)
    by_pinyin = {}
    for word in chinese:
        for pinyin in ts.pinyin_terms([word])[:1]:
            by_pinyin.setdefault(pinyin, []).append(word)
    latin = {t for t in terms if t.isascii() and t.isalpha()}
    return Vocabulary(terms, latin, by_pinyin, surface)


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
    return concepts[:MAX_WORDS]


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
            kept.append(Concept(piece, {piece: 1.0}))
    return kept


def parse(query, language=None):
    flush()
    vocab = vocabulary()
    text = clean_query(query)
    concepts = _concepts(text, vocab)
    rewritten = _rewritten(text, concepts, language or _language(), vocab) if concepts else []
    return Query(text, ts.normalise(text), concepts, rewritten)


def _language():
    from django.utils.translation import get_language

    return "en" if (get_language() or "").startswith("en") else "zh"


# Candidates from the database -----------------------------------------------------------------


def _quote_fts(term):
    return '"' + term.replace('"', '""') + '"'


def _quote_tsquery(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _candidates(terms, audience):
    """(service id, title, [field term sets], popularity) of the published services whose index
    row has any of `terms`, at most MAX_CANDIDATES, the database's own best first."""
    if not terms:
        return []
    audiences = ""
    params_tail = []
    if audience in (Audience.INDIVIDUAL, Audience.BUSINESS):
        audiences = " AND s.audience IN (%s, %s)"
        params_tail = [audience, Audience.BOTH]
    columns = "d.service_id, d.title, d.name_terms, d.keyword_terms, d.summary_terms, d.body_terms, s.popularity"
    if connection.vendor == "sqlite":
        # The f-string parts are constants; every value is a parameter.
        sql = (
            f"SELECT {columns} FROM catalogue_searchdocument_fts f "  # noqa: S608
            "JOIN catalogue_searchdocument d ON d.service_id = f.rowid "
            "JOIN catalogue_service s ON s.id = d.service_id "
            f"WHERE catalogue_searchdocument_fts MATCH %s AND s.published{audiences} "
            "ORDER BY bm25(catalogue_searchdocument_fts, 8.0, 4.0, 2.0, 1.0), d.service_id LIMIT %s"
        )
        params = [" OR ".join(_quote_fts(t) for t in terms), *params_tail, MAX_CANDIDATES]
    elif connection.vendor == "postgresql":
        sql = (
            f"SELECT {columns} FROM catalogue_searchdocument d "  # noqa: S608
            "JOIN catalogue_service s ON s.id = d.service_id "
            f"WHERE d.document @@ %s::tsquery AND s.published{audiences} "
            "ORDER BY ts_rank(d.document, %s::tsquery, 1) DESC, d.service_id LIMIT %s"
        )
        tsquery = " | ".join(_quote_tsquery(t) for t in terms)
        params = [tsquery, *params_tail, tsquery, MAX_CANDIDATES]
    else:  # another database: no full-text index, scan the rows
        return _scan(terms, audience)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1], [set(t.split()) for t in row[2:6]], row[6]) for row in cursor.fetchall()]


def _scan(terms, audience):
    wanted = set(terms)
    rows = SearchDocument.objects.filter(service__published=True)
    if audience in (Audience.INDIVIDUAL, Audience.BUSINESS):
        rows = rows.filter(service__audience__in=[audience, Audience.BOTH])
    found = []
    for row in rows.values_list("service_id", "title", *FIELDS, "service__popularity"):
        sets = [set(t.split()) for t in row[2:6]]
        if any(wanted & s for s in sets):
            found.append((row[0], row[1], sets, row[6]))
    return found[:MAX_CANDIDATES]


# Ranking --------------------------------------------------------------------------------------


def _score(concepts, sets):
    """(how much of the query a service matches: each concept 0-1 times its weight; the field
    score: each concept's best field weight times how sure the match is)."""
    matched = total = 0.0
    for concept in concepts:
        sure = best = 0.0
        for term, factor in concept.alternatives.items():
            for weight, terms in zip(WEIGHTS, sets, strict=True):
                if term in terms:
                    sure, best = max(sure, factor), max(best, weight * factor)
                    break
        if concept.pieces and sure < 1.0:
            size = len(concept.text)
            everywhere = set()
            for weight, terms in zip(WEIGHTS, sets, strict=True):
                covered = set().union(*(at for piece, at in concept.pieces if piece in terms))
                everywhere |= covered
                best = max(best, weight * len(covered) / size)
            sure = max(sure, len(everywhere) / size)
        matched += concept.weight * sure
        total += concept.weight * best
    return matched, total


# An editor said what people mean: the reading with every synonym applied wins a tie (one
# synonym alone leaves out what the others said, so it only helps where the whole fails).
SYNONYM_PREFERENCE = 1.1


def _best_reading(query, sets):
    """(the share of the query a service matches, 0-1, in its best reading; its field score)."""
    best = (0.0, 0.0)
    for n, concepts in enumerate(query.readings):
        size = sum(c.weight for c in concepts)
        if not size:
            continue
        matched, total = _score(concepts, sets)
        share = matched / size * (SYNONYM_PREFERENCE if n == 1 else 1.0)
        best = max(best, (share, total))
    return best


def _rank(query, rows, event_services):
    whole = query.normalised
    squeezed = whole.replace(" ", "")
    scored = []
    for service_id, title, sets, popularity in rows:
        names = title.split("\n")
        exact = whole in names or any(n.replace(" ", "") == squeezed for n in names)
        prefix = any(n.startswith(whole) for n in names)
        matched, total = _best_reading(query, sets)
        if not matched and not exact:
            continue
        if service_id in event_services:
            total += EVENT_BONUS
        scored.append(((exact, prefix, matched, total, popularity or 0, -service_id), service_id))
    if not scored:
        return []
    scored.sort(reverse=True)
    # Keep what matches nearly as much of the query as the best match does: a quarter of it
    # less, at most a third (words the index does not know count for no service).
    best = max(key[2] for key, _ in scored)
    floor = best - min(0.34, best / 4)
    kept = [sid for key, sid in scored if key[0] or key[1] or key[2] >= floor]
    if len(kept) < FEW:  # few clear matches: the nearest ones follow, best first
        near = [sid for key, sid in scored if floor > key[2] >= NEAR_SHARE and not (key[0] or key[1])]
        kept += near[: FEW - len(kept)]
    return kept


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
    catalogue form's values (event, department, channel, district). One database query for
    the candidates, one more when there are filters; the rest is kept per process."""
    parsed = parse(query, language)
    result = SearchResult(terms=parsed.terms())
    if not parsed.text:
        return result
    named = _named_events(parsed)
    if audience in (Audience.INDIVIDUAL, Audience.BUSINESS):
        named = [(e, ids) for e, ids in named if e.audience == audience] or named
    result.life_events = [e for e, _ in named]
    event_services = set().union(*(ids for _, ids in named)) if named else set()
    rows = _candidates(result.terms, audience)
    ids = _rank(parsed, rows, event_services)
    if named:
        # The named event's services follow the matches (a query "生育" lists them all).
        found = set(ids)
        extra = _popular_first(event_services - found, audience)
        ids += extra
    result.ids = _filtered(ids, filters)
    if not result.ids:
        result.suggestion = suggest(parsed)
    return result


def _popular_first(ids, audience):
    if not ids:
        return []
    qs = Service.objects.published().filter(pk__in=ids).for_audience(audience)
    return list(qs.order_by("-popularity", "pk").values_list("pk", flat=True))


def suggest(parsed):
    """A query with each word the index does not know replaced by the nearest one it does, or
    None (for "Did you mean ...?")."""
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
        near = difflib.get_close_matches(folded, vocab.latin, n=1, cutoff=0.75)
        if near:
            words.append(vocab.surface.get(near[0], near[0]))
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None


def _match_rows(parsed, rows):
    """[(score, object)] of (object, field term sets) rows by the query's concepts."""
    found = []
    for obj, sets in rows:
        matched, total = _best_reading(parsed, sets)
        if matched:
            found.append(((matched, total), obj))
    if not found:
        return []
    best = max(score[0] for score, _ in found)
    found = [(s, o) for s, o in found if s[0] >= best / 2]
    found.sort(key=lambda item: (-item[0][0], -item[0][1], item[1].pk))
    return [obj for _, obj in found]


def _load_centres():
    model = Service._meta.get_field("centres").related_model
    rows = []
    for centre in model.objects.select_related("district").order_by("pk"):
        rows.append(
            (
                centre,
                [
                    set(_name_terms(_join(centre.name_zh, centre.name_en))),
                    set(ts.terms(_join(centre.district.name_zh, centre.district.name_en), fine=True)),
                    set(ts.terms(_join(centre.address_zh, centre.address_en), fine=True)),
                    set(),
                ],
            )
        )
    return rows


def find_centres(query, limit=5):
    """Service centres whose name, district or address matches the query, best first (at most
    `limit`). The centres are kept per process: no query while the catalogue is unchanged."""
    parsed = parse(query)
    if not parsed.text:
        return []
    return _match_rows(parsed, cache.kept("catalogue:search-centres", _load_centres))[:limit]


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
                [set(_name_terms(_join(name_zh, name_en))), set(), set(ts.terms(_join(summary_zh, summary_en))), set()],
            )
        )
    return rows


@dataclass(frozen=True)
class _Key:
    pk: int


def find_life_entries(query, limit=5):
    """Published digital-life entries whose name or summary matches the query, best first (at
    most `limit`): one query for the entries shown; their terms are kept per process."""
    parsed = parse(query)
    if not parsed.text:
        return []
    keys = _match_rows(parsed, cache.kept("catalogue:search-life", _load_entries, scopes=("catalogue", "life")))
    ids = [k.pk for k in keys[:limit]]
    if not ids:
        return []
    entries = _entry_model()._default_manager.filter(pk__in=ids).select_related("district").in_bulk()
    return [entries[i] for i in ids if i in entries]
