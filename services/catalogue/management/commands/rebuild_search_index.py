"""`manage.py rebuild_search_index`: write every published service's search index row again."""

import time

from django.core.management.base import BaseCommand

from services.catalogue import search


class Command(BaseCommand):
    help = (
        "Rebuild the search index (issue 12) from the catalogue: every published service's name, keywords, "
        "synonyms, summary and guide, segmented and folded. Run it after upgrading; edits keep it up to date."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        written = search.rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {written} services in {time.monotonic() - started:.1f}s.")
        )
