from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Score
from .ratings import COMMENT_MAX


def score_choices():
    """The national scale, best last, each with its number: "1 - Very bad" ... "5 - Very good"."""
    return [(str(value), f"{value} – {label}") for value, label in Score.choices]


class RatingForm(forms.Form):
    """1-5 and an optional comment. A comment too long is refused with its length, never cut:
    what the citizen typed comes back to them as it was."""

    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your application was handled?"),
        choices=score_choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how satisfied you are, from 1 (very bad) to 5 (very good)."),
            "invalid_choice": _("Choose how satisfied you are, from 1 (very bad) to 5 (very good)."),
        },
    )
    comment = forms.CharField(
        label=_("Tell us more"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Up to 500 characters. With a rating of 1 or 2, the department calls you back within 1 working day."
        ),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"]
        if len(comment) > COMMENT_MAX:
            raise forms.ValidationError(
                _("Keep the comment to %(max)d characters (it has %(count)d).")
                % {"max": COMMENT_MAX, "count": len(comment)}
            )
        return comment
