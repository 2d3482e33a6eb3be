"""includes/field.html and includes/error_summary.html are shared with the application forms,
so they are tested on every kind of widget, not only the account ones."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your ID card")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(
        label="Needs", choices=[("a", "Ramp"), ("b", "Sign language")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree")
    size = forms.ChoiceField(label="Size", choices=[("", "Choose"), ("s", "Small")])
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Something as a whole is wrong")


def render(form, template="includes/field.html", **context):
    with translation.override("en"):
        return _render(form, template, **context)


def _render(form, template, **context):
    if template == "includes/field.html":
        return "".join(render_to_string(template, {"field": form[name], **context}) for name in form.fields)
    return render_to_string(template, {"form": form, **context})


def test_an_unbound_form_has_labels_hints_and_no_errors():
    html = render(EveryWidgetForm())
    assert '<label for="id_name">Name</label>' in html
    assert '<div class="hint" id="id_name_helptext">As on your ID card</div>' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert "(optional)" in html  # notes
    assert "error-message" not in html
    assert "aria-invalid" not in html
    assert render(EveryWidgetForm(), "includes/error_summary.html").strip() == ""


def test_radios_and_checkboxes_sit_in_a_fieldset_with_a_legend():
    html = render(EveryWidgetForm())
    assert '<legend class="fieldset-legend">Colour</legend>' in html
    assert '<legend class="fieldset-legend">Needs</legend>' in html
    assert 'type="radio" name="colour" value="r"' in html
    assert '<label for="id_colour_0">Red</label>' in html
    assert '<label for="id_needs_1">Sign language</label>' in html
    assert '<label for="id_agree">I agree</label>' in html


def test_errors_are_shown_and_described():
    form = EveryWidgetForm(data={"notes": "kept"})
    html = render(form)
    assert '<p class="error-message" id="id_name_error">' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<fieldset class="fieldset" aria-describedby="id_colour_error">' in html
    assert "kept</textarea>" in html
    assert html.count('type="hidden"') == 1
    assert "secret_group" not in html


def test_the_summary_links_each_error_to_its_field_in_order():
    html = render(EveryWidgetForm(data={}), "includes/error_summary.html")
    assert 'role="alert"' in html
    assert 'tabindex="-1"' in html
    assert "There is a problem" in html
    links = [line.split('href="')[1].split('"')[0] for line in html.splitlines() if 'href="' in line]
    assert links == ["#id_name", "#id_name", "#id_colour_0", "#id_needs_0", "#id_agree", "#id_size"]
    # A hidden field's error is listed, without a link to an input nobody can see.
    assert "<li>This field is required.</li>" in html


def test_non_field_errors_link_to_the_given_target():
    form = EveryWidgetForm(data={})
    form.is_valid()
    html = render(form, "includes/error_summary.html", error_target="id_size")
    assert '<a href="#id_size">Something as a whole is wrong</a>' in html
