"""`manage.py load_demo`: the Haipu City demo, read from services/demo/data/*.yaml.

The catalogue, centres and logins first (services.demo.catalogue) with the digital-life directories
(services.demo.life), then the online forms and the demo citizen's applications and the officers'
caseload. Safe to run any number of times.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from services.catalogue import search
from services.catalogue.models import FAQ, Material, Service
from services.demo.applications import load_demo_applications
from services.demo.bundles import load_demo_bundles
from services.demo.catalogue import DEMO_PASSWORD, DemoDataError, load_demo_catalogue
from services.demo.forms import load_demo_forms
from services.demo.history import load_demo_history, report
from services.demo.life import demo_life, load_demo_life
from services.demo.offline import load_demo_visits
from services.lib import cache


class Command(BaseCommand):
    help = (
        "Load the Haipu City demo from services/demo/data: districts, departments, life events, services with "
        "guides, service centres, the digital-life directories, online forms, demo applications and demo users "
        "(password "
        f"'{DEMO_PASSWORD}'). Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            life_data = demo_life()  # read and checked before anything is written
            with transaction.atomic():
                catalogue = load_demo_catalogue()
                life = load_demo_life(life_data)
        except DemoDataError as error:
            raise CommandError(f"The demo data has a mistake, nothing was loaded: {error}") from error
        forms, applications = load_demo_forms(), load_demo_applications()
        try:
            bundles = load_demo_bundles()  # after the forms: a bundle's services need theirs
        except DemoDataError as error:
            raise CommandError(f"The demo data has a mistake, no bundle was loaded: {error}") from error
        visits = load_demo_visits()
        history = load_demo_history()  # months of applications, ratings and follow-ups, then the roll-up
        search.rebuild_index()  # materials and FAQ are written in bulk (no signals)
        cache.bump_version()  # the forms and applications are written in bulk too
        elapsed = time.monotonic() - started

        demo = Service.objects.filter(slug__in=catalogue["services"])
        out = self.stdout
        out.write(self.style.SUCCESS(f"Haipu City demo loaded in {elapsed:.1f}s:"))
        out.write(
            f"  {catalogue['districts']} districts, {catalogue['departments']} departments, "
            f"{catalogue['life_events']} life events"
        )
        out.write(
            f"  {len(catalogue['services'])} services ({demo.filter(offers_online=True).count()} online, "
            f"{demo.filter(offers_counter=True).count()} at a counter, {demo.filter(offers_post=True).count()} "
            f"by post), {Material.objects.filter(service__in=demo).count()} materials, "
            f"{FAQ.objects.filter(service__in=demo).count()} FAQ entries"
        )
        out.write(
            f"  {catalogue['centres']} service centres, {catalogue['opening_hours']} opening-hours rows, "
            f"{catalogue['links']} centre-service links"
        )
        out.write(
            f"  {forms['services']} online forms ({forms['pages']} pages, {forms['fields']} questions); the demo "
            f"citizen has {applications['draft']} drafts, {applications['submitted']} submitted and "
            f"{applications['withdrawn']} withdrawn applications"
        )
        out.write(f"  {bundles['bundles']} bundles of services applied for together ({bundles['parts']} services)")
        out.write(
            f"  visits booked at the demo clerk's centre: {visits['booked']} now, {visits['kept']} kept, "
            f"{visits['no_show']} past ones marked as not come"
        )
        out.write(report(history))
        out.write(
            f"  digital life: {life['health']} internet hospitals, {life['education']} education resources, "
            f"{life['elderly']} elderly-care services, {life['culture']} culture venues "
            f"({life['organisations']} provider organisations, {life['hours']} opening-hours rows, "
            f"{life['waiting']} waiting for the content editor)"
        )
        out.write("")
        logins = catalogue["logins"]
        width = max(len(username) for username, *_ in logins)
        out.write(f"  {'username'.ljust(width)}  {'password'.ljust(len(DEMO_PASSWORD))}  role")
        for username, password, role in logins:
            out.write(f"  {username.ljust(width)}  {password}  {role}")
