"""Bilingual content: each translated field is a pair of columns (`name_zh`, `name_en`) and a
property (`name`) that returns the active language's text, falling back to the other.

Why not django-modeltranslation: the portal has exactly two fixed languages, search needs
both columns by name (services/catalogue/search.py indexes both languages of each field in one
SearchDocument, whatever the reader's language), and explicit columns keep migrations, the
admin and queries free of runtime model patching.
"""

from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _


def bilingual(field_class, verbose_name, help_text="", en_blank=True, **kwargs):
    """Two fields, Chinese and English. English may be left blank (falls back to Chinese)."""
    zh = field_class(format_lazy("{} ({})", verbose_name, _("Chinese")), help_text=help_text, **kwargs)
    en_kwargs = dict(kwargs)
    if en_blank:
        en_kwargs["blank"] = True
    en = field_class(format_lazy("{} ({})", verbose_name, _("English")), help_text=help_text, **en_kwargs)
    return zh, en


def labelled(label, value):
    """'label: value', with the colon of the active language (full-width "：" in Chinese).

    The one place the joiner is written: its msgid (context "punctuation") is what the
    translations are keyed on, so it must stay exactly as it is."""
    return pgettext("punctuation", "%(label)s: %(value)s") % {"label": label, "value": value}


def is_english():
    return (get_language() or "").startswith("en")


def translated(field):
    """A read-only property giving the active language's value of `field_zh`/`field_en`."""

    def getter(self):
        zh, en = getattr(self, f"{field}_zh"), getattr(self, f"{field}_en")
        return (en or zh) if is_english() else (zh or en)

    getter.__name__ = field
    return property(getter)


def lines(text):
    """Multi-line text fields (steps, conditions) as a list of non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
