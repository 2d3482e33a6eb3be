"""Applying by post: the guide's "Apply by post" page and the printable blank form made from the
service's form definition, for every demo service that takes post, in both languages."""

from collections import Counter
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from services.applications import definitions
from services.applications.printform import asked_in_about_you
from services.catalogue.models import Service
from services.demo.catalogue import demo_services
from tests.makers import make_form, make_material, make_service

pytestmark = pytest.mark.django_db

POSTAL_SLUGS = sorted(s["slug"] for s in demo_services() if s["offers_post"])
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Structure(HTMLParser):
    """What a valid page needs that a browser would silently mend: balanced elements, unique
    ids, labelled-by pointing at something, one h1."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.refs, self.h1 = [], [], Counter(), [], 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        if attrs.get("aria-labelledby"):
            self.refs += attrs["aria-labelledby"].split()
        self.h1 += tag == "h1"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def check(self):
        problems = list(self.problems)
        problems += [f"unclosed {t}" for t in self.stack]
        problems += [f"id {i} used {n} times" for i, n in self.ids.items() if n > 1]
        problems += [f"aria-labelledby {r} names no id" for r in self.refs if r not in self.ids]
        if self.h1 != 1:
            problems.append(f"{self.h1} h1 elements")
        return problems


def parse(response):
    page = Structure()
    page.feed(response.content.decode())
    page.close()
    return page, " ".join(" ".join(page.text).split())


def url(name, slug, language):
    with translation.override(language):
        return reverse(f"applications:{name}", args=[slug])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_postal_demo_service_prints_every_question_in_both_languages(demo_city, client, language):
    assert len(POSTAL_SLUGS) >= 20
    for slug in POSTAL_SLUGS:
        service = Service.objects.get(slug=slug)
        response = client.get(url("print-form", slug, language))
        assert response.status_code == 200, slug
        page, text = parse(response)
        assert page.check() == [], slug
        with translation.override(language):
            definition = definitions.for_service(service.pk)
            assert service.name in text
            for field in (f for p in definition.pages for f in p.fields.all()):
                if not asked_in_about_you(field):
                    assert unescape(str(field.label)) in text, (slug, field.key)
                for _key, option in field.options():
                    assert option in text, (slug, field.key, option)
            for material in definition.materials:
                assert material.name in text, slug
            assert service.department.address in text, slug


def test_the_form_has_tick_boxes_lines_and_says_when_to_answer(client, settings):
    service = make_service(slug="permit", name_en="Residence permit", offers_post=True)
    make_material(service, name_en="Tenancy agreement")
    make_form(service)
    with translation.override("en"):
        response = client.get(reverse("applications:print-form", args=["permit"]))
    page, text = parse(response)
    html = response.content.decode()
    assert page.check() == []
    assert "About the applicant" in text and "Postal address for our reply" in text
    assert "Full name" in text and text.count("Full name") == 1  # asked once, in "About the applicant"
    # choices as tick boxes, the condition with the number of the question it depends on
    assert "New" in text and "Renewal" in text and "Lost" in text
    assert "Answer only if your answer to question" in text and "(“Reason”) is “Lost”." in text
    assert 'class="tick"' in html and 'class="write-line"' in html
    assert "Tenancy agreement" in text and "Declaration" in text and "Signature" in text
    assert "css/paper.css" in html and "<script" not in html.split("</head>")[1]


def test_a_service_without_post_has_no_printable_form(client):
    make_service(slug="online-only", offers_post=False)
    assert client.get(reverse("applications:print-form", args=["online-only"])).status_code == 404
    assert client.get(reverse("applications:apply-by-post", args=["online-only"])).status_code == 404
    assert client.get(reverse("applications:print-form", args=["no-such-service"])).status_code == 404


def test_the_guide_links_apply_by_post_to_the_page_with_the_form_and_the_address(client):
    service = make_service(slug="permit", offers_post=True)
    service.department.address_en = "1 People's Square"
    service.department.save()
    with translation.override("en"):
        guide = client.get(service.get_absolute_url()).content.decode()
        post_url = reverse("applications:apply-by-post", args=["permit"])
        assert f'href="{post_url}"' in guide
        old = client.get(reverse("catalogue:service-how-to-apply", args=["permit", "post"]))
        assert old.status_code == 301 and old["Location"] == post_url
        response = client.get(post_url)
    page, text = parse(response)
    assert page.check() == []
    assert "1 People's Square" in text
    assert reverse("applications:print-form", args=["permit"]) in response.content.decode()
