"""Rendering helpers for GOV.UK-style form fields."""

from django import forms, template

register = template.Library()


@register.filter
def is_choice_group(field):
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def aria_widget(field):
    """The field's widget with its hint and error linked by aria-describedby."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not is_choice_group(field):
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def error_anchor(form, name):
    """The id to link to from the error summary for a field (the first option of a group)."""
    if name not in form.fields:
        return "main"
    bound = form[name]
    if is_choice_group(bound):
        return f"{bound.auto_id}_0"
    return bound.auto_id


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
