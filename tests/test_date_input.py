"""A date input keeps what was typed: a value that is not a date (sent by a form without the
browser's date picker, or typed into the address) comes back in a text input, because an
<input type="date"> must not carry one (the HTML checker refuses it, and browsers show it empty)."""

import datetime

from django import forms

from services.lib.forms import DateInput


class Form(forms.Form):
    day = forms.DateField(input_formats=["%Y-%m-%d"], widget=DateInput())


def test_a_date_is_shown_in_a_date_input():
    assert 'type="date"' in str(Form(initial={"day": datetime.date(2026, 11, 30)})["day"])
    html = str(Form({"day": "2026-11-30"})["day"])
    assert 'type="date"' in html and 'value="2026-11-30"' in html
    assert 'type="date"' in str(Form()["day"])


def test_what_is_not_a_date_comes_back_as_typed_in_a_text_input():
    for typed in ("2026-13-01", "30/11/2026", "tomorrow", "2026-02-30"):
        form = Form({"day": typed})
        assert not form.is_valid()
        html = str(form["day"])
        assert 'type="text"' in html and f'value="{typed}"' in html, html
