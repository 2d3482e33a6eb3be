"""The form renderer of every form on the site (settings.FORM_RENDERER).

Django renders a refused form with exactly what was posted in each input. A text input's field
refuses a value longer than its max_length, but the page would still carry the whole value back:
a script posting a megabyte to the sign-in page got a megabyte page. This renderer shows such a
value cut to the input's maxlength (what a browser would have let anyone type), or to
INPUT_ECHO_MAX for an input that has none; the field's own message ("at most 254 characters",
"enter a real date") still says what was wrong.
"""

from django.forms.renderers import DjangoTemplates

# An <input> with no maxlength (a date, a number: maxlength is not allowed on type=number) never
# holds a valid value this long; a text area without one (the admin's long texts) is left whole.
INPUT_ECHO_MAX = 1000


def _cut(widget):
    limit = str(widget.get("attrs", {}).get("maxlength", ""))
    if limit.isdigit():
        limit = int(limit)
    elif widget.get("type"):  # an <input>, not a <textarea> or <select>
        limit = INPUT_ECHO_MAX
    else:
        limit = None
    value = widget.get("value")
    if limit is not None and isinstance(value, str) and len(value) > limit:
        widget["value"] = value[:limit]
    for subwidget in widget.get("subwidgets", ()):
        _cut(subwidget)


class BoundedRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            _cut(widget)
        return super().render(template_name, context, request=request)
