from django.db import migrations


def officer_message(request, event):
    """The officer's own words in the step's note: request_info wrote the message, a blank line
    and the numbered items there; the items are on the request already."""
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(request.items, start=1))
    note = event.note.strip()
    if listed and note.endswith(listed):
        note = note[: -len(listed)]
    return note.strip()


def fill_in_request_notes(apps, schema_editor):
    """Requests for information made before InfoRequest.note existed (migration 0006) kept the
    officer's message only in the note of the step that made them. Copy it onto the request, so
    that every page and email reads the request alone."""
    InfoRequest = apps.get_model("applications", "InfoRequest")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    for request in InfoRequest.objects.filter(note="").iterator():
        steps = ApplicationEvent.objects.filter(
            application_id=request.application_id, to_status="info_requested", visible_to_citizen=True
        ).order_by("at", "pk")
        # The step linked to the request by migration 0009, or else the first unlinked one made
        # after it (what the page used to look for).
        event = (
            steps.filter(info_request=request).first()
            or steps.filter(info_request=None, at__gte=request.requested_at).first()
        )
        message = officer_message(request, event) if event else ""
        if message:
            request.note = message
            request.save(update_fields=["note"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_event_info_request_and_search_log"),
    ]

    # Backwards there is nothing to undo: the note stays on the request, which is where the
    # code before this migration looked first.
    operations = [migrations.RunPython(fill_in_request_notes, migrations.RunPython.noop)]
