from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from services.lib.i18n import bilingual, is_english, lines, translated

MAX_QUERY_LENGTH = 100


def service_centre_model():
    """The offline app's ServiceCentre, reached through its `centres` relation to Service: the
    catalogue imports no other app (the import contracts in pyproject.toml)."""
    return Service._meta.get_field("centres").related_model


class Audience(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuals")
    BUSINESS = "business", _("Businesses")
    BOTH = "both", _("Individuals and businesses")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At a service centre")
    POST = "post", _("By post")


class District(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in URLs and filters."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Department(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the department's URL."))
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Short official code, e.g. PSB."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=120)
    description_zh, description_en = bilingual(
        models.TextField, _("description"), blank=True, help_text=_("What the department does.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Enquiry line."))
    email = models.EmailField(_("email"), blank=True, help_text=_("Enquiry email address."))
    address_zh, address_en = bilingual(
        models.CharField, _("address"), max_length=200, blank=True, help_text=_("Head office.")
    )
    complaint_channel_zh, complaint_channel_en = bilingual(
        models.TextField,
        _("complaint channel"),
        blank=True,
        help_text=_("How to complain about this department's service (hotline, email, office)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")
    description = translated("description")
    address = translated("address")
    complaint_channel = translated("complaint_channel")

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:department-detail", args=[self.slug])


class LifeEvent(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the life event's URL."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=100)
    description_zh, description_en = bilingual(
        models.TextField, _("description"), blank=True, help_text=_("Shown on the event's page.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=12,
        choices=[(Audience.INDIVIDUAL, Audience.INDIVIDUAL.label), (Audience.BUSINESS, Audience.BUSINESS.label)],
        default=Audience.INDIVIDUAL,
        help_text=_("Whether this is a moment in a person's life or a business's."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")
    description = translated("description")

    class Meta:
        ordering = ["audience", "order", "slug"]
        verbose_name = _("life event")
        verbose_name_plural = _("life events")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:lifeevent-detail", args=[self.slug])


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def for_audience(self, audience):
        if audience in (Audience.INDIVIDUAL, Audience.BUSINESS):
            return self.filter(audience__in=[audience, Audience.BOTH])
        return self

    def with_channel(self, channel):
        field = {Channel.ONLINE: "offers_online", Channel.COUNTER: "offers_counter", Channel.POST: "offers_post"}
        return self.filter(**{field[channel]: True}) if channel in field else self

    def in_district(self, district):
        """Services that a centre in the district handles (online services are everywhere, but
        the district filter is about where a citizen can go)."""
        return self.filter(pk__in=service_centre_model().objects.filter(district=district).values("services"))

    def search(self, query):
        """The services the search index finds for `query` (services/catalogue/search.py), as a
        filter: for the ranked order use search.find_services."""
        from .search import find_services  # search.py imports these models

        return self.filter(pk__in=find_services(query).ids)

    def popular(self):
        return self.order_by("-popularity", "pk")


def normalise_query(query):
    return " ".join((query or "")[:MAX_QUERY_LENGTH].split())


class Service(models.Model):
    class CounterVisits(models.IntegerChoices):
        NONE = 0, _("No visit needed")
        ONE = 1, _("At most one visit")

    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Used in the guide's URL."))
    code = models.CharField(
        _("service code"), max_length=40, blank=True, help_text=_("Implementation code on the national catalogue.")
    )
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=200)
    summary_zh, summary_en = bilingual(
        models.TextField, _("summary"), help_text=_("One or two sentences: what the service gives you.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="services",
        help_text=_("The department that decides applications for this service."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.INDIVIDUAL,
        help_text=_("Who can use the service."),
    )
    life_events = models.ManyToManyField(
        LifeEvent,
        verbose_name=_("life events"),
        blank=True,
        related_name="services",
        help_text=_("The moments in life this service belongs to."),
    )
    keywords_zh, keywords_en = bilingual(
        models.CharField,
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Words people search with, separated by spaces or commas."),
    )
    synonyms_zh, synonyms_en = bilingual(
        models.CharField,
        _("synonyms"),
        max_length=300,
        blank=True,
        help_text=_("Other names for the service, including colloquial and former names."),
    )
    offers_online = models.BooleanField(_("online"), default=False, help_text=_("Can be applied for online."))
    offers_counter = models.BooleanField(
        _("at a counter"), default=True, help_text=_("Can be applied for at a service centre.")
    )
    offers_post = models.BooleanField(_("by post"), default=False, help_text=_("Can be applied for by post."))
    eligibility_zh, eligibility_en = bilingual(
        models.TextField, _("who can apply"), blank=True, help_text=_("One line per group of applicants.")
    )
    conditions_zh, conditions_en = bilingual(
        models.TextField, _("conditions"), blank=True, help_text=_("One condition per line.")
    )
    steps_zh, steps_en = bilingual(
        models.TextField, _("steps"), blank=True, help_text=_("One step per line, in order.")
    )
    fee_zh, fee_en = bilingual(
        models.CharField, _("fee"), max_length=300, blank=True, help_text=_("Leave blank when the service is free.")
    )
    legal_basis_zh, legal_basis_en = bilingual(
        models.TextField, _("legal basis"), blank=True, help_text=_("Laws and regulations, one per line.")
    )
    statutory_limit_days = models.PositiveSmallIntegerField(
        _("statutory time limit"), help_text=_("Working days the law allows for a decision.")
    )
    promised_limit_days = models.PositiveSmallIntegerField(
        _("promised time limit"), help_text=_("Working days the department promises; at most the statutory limit.")
    )
    counter_visits = models.PositiveSmallIntegerField(
        _("counter visits needed"),
        choices=CounterVisits.choices,
        default=CounterVisits.ONE,
        help_text=_("How many times an applicant must come to a counter (0 or 1)."),
    )
    published = models.BooleanField(_("published"), default=True, help_text=_("Shown to the public."))
    popularity = models.PositiveIntegerField(
        _("popularity"), default=0, help_text=_("Applications in the last year; orders 'popular services'.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    name = translated("name")
    summary = translated("summary")
    keywords = translated("keywords")
    synonyms = translated("synonyms")
    fee = translated("fee")

    class Meta:
        ordering = ["-popularity", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["published", "-popularity"], name="service_popular_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(promised_limit_days__lte=models.F("statutory_limit_days")),
                name="service_promise_within_statute",
                violation_error_message=_("The promised time limit cannot exceed the statutory one."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:service-detail", args=[self.slug])

    @property
    def channels(self):
        return [
            c
            for c, on in (
                (Channel.ONLINE, self.offers_online),
                (Channel.COUNTER, self.offers_counter),
                (Channel.POST, self.offers_post),
            )
            if on
        ]

    def _lines(self, field):
        zh, en = getattr(self, f"{field}_zh"), getattr(self, f"{field}_en")
        return lines((en or zh) if is_english() else (zh or en))

    def eligibility_lines(self):
        return self._lines("eligibility")

    def condition_lines(self):
        return self._lines("conditions")

    def step_lines(self):
        return self._lines("steps")

    def legal_basis_lines(self):
        return self._lines("legal_basis")


class Material(models.Model):
    class Form(models.TextChoices):
        ORIGINAL = "original", _("Original")
        COPY = "copy", _("Copy")
        BOTH = "both", _("Original and copy")

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="materials")
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=200)
    description_zh, description_en = bilingual(
        models.TextField, _("description"), blank=True, help_text=_("What exactly is needed and where to get it.")
    )
    form = models.CharField(
        _("original or copy"),
        max_length=10,
        choices=Form.choices,
        default=Form.ORIGINAL,
        help_text=_("Whether the original, a copy, or both must be shown."),
    )
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1, help_text=_("How many are needed."))
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Untick when only some applicants need it.")
    )
    accepted_file_types = models.CharField(
        _("accepted file types"),
        max_length=60,
        default="pdf,jpg,png",
        help_text=_("For online uploads: file extensions, separated by commas."),
    )
    e_certificate = models.BooleanField(
        _("e-certificate accepted"),
        default=False,
        help_text=_("An electronic licence or certificate on record can stand in for the paper one."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")
    description = translated("description")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.name


class FAQ(models.Model):
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="faqs")
    question_zh, question_en = bilingual(models.CharField, _("question"), max_length=300)
    answer_zh, answer_en = bilingual(models.TextField, _("answer"))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    question = translated("question")
    answer = translated("answer")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self):
        return self.question


class CatalogueVersion(models.Model):
    """One row whose number goes up whenever anything in the catalogue changes; cached pages are
    keyed by it, so every web process drops stale pages without a shared cache."""

    version = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self):
        return str(self.version)


class Synonym(models.Model):
    """An everyday word or phrase citizens type, and the official term the catalogue uses for it
    (驾照 -> 机动车驾驶证; 退休金 -> 养老金; center -> centre). Kept by editors in the admin and
    applied to every search query at once (issue 12)."""

    class Language(models.TextChoices):
        ZH = "zh", _("Chinese")
        EN = "en", _("English")

    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    phrase = models.CharField(
        _("what people type"), max_length=60, help_text=_("An everyday word or phrase, e.g. 驾照 or driver's license.")
    )
    official = models.CharField(
        _("official term"),
        max_length=120,
        help_text=_("The word the catalogue uses, e.g. 机动车驾驶证 or driving licence."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["language", "phrase"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "phrase", "official"],
                name="synonym_unique_pair",
                violation_error_message=_("This pair is already in the list."),
            )
        ]

    def __str__(self):
        return f"{self.phrase} → {self.official}"


class SearchQueryDay(models.Model):
    """How often a query was searched on a day and how many results it found: what editors
    read to add synonyms (anything like an ID or phone number is removed before storing)."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0, help_text=_("Results found the last time."))

    class Meta:
        ordering = ["-day", "-searches"]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [models.UniqueConstraint(fields=["day", "language", "query"], name="search_query_day_unique")]
        indexes = [models.Index(fields=["results", "day"], name="search_query_zero_idx")]

    def __str__(self):
        return f"{self.day} {self.query}"


class SearchDocument(models.Model):
    """A published service as the search index sees it: the terms of its name, its keywords and
    synonyms, its summary and the rest of its guide, each already segmented (Chinese), folded
    (English) and with pinyin added (services/catalogue/search.py writes it; never edit by hand).
    The database finds candidates through its full-text index - an FTS5 table on SQLite, a
    tsvector column with a GIN index on PostgreSQL, both made by migration 0005 - and search.py
    ranks them in Python, so both databases give the same order."""

    service = models.OneToOneField(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(_("names"), help_text=_("Both names, normalised, one per line."))
    name_terms = models.TextField(_("name terms"), blank=True)
    keyword_terms = models.TextField(_("keyword and synonym terms"), blank=True)
    summary_terms = models.TextField(_("summary terms"), blank=True)
    body_terms = models.TextField(_("guide terms"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title.split("\n")[0]
