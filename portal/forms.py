"""The form renderer of every form on the site (settings.FORM_RENDERER).

Django renders a refused form with exactly what was posted in each input. A text input's field
refuses a value longer than its max_length, but the page would still carry the whole value back:
a script posting a megabyte to the sign-in page got a megabyte page. This renderer shows such a
value cut to the input's maxlength (what a browser would have let anyone type); the field's own
message ("at most 254 characters") still says what was wrong.
"""

from django.forms.renderers import DjangoTemplates


def _cut(widget):
    limit = str(widget.get("attrs", {}).get("maxlength", ""))
    value = widget.get("value")
    if limit.isdigit() and isinstance(value, str) and len(value) > int(limit):
        widget["value"] = value[: int(limit)]
    for subwidget in widget.get("subwidgets", ()):
        _cut(subwidget)


class BoundedRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            _cut(widget)
        return super().render(template_name, context, request=request)
