"""Checking uploaded files: size, and type from the content (never the name)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Leading bytes of each accepted kind of file.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG"}
ALIASES = {"jpeg": "jpg"}


def accepted_types(spec):
    """'pdf, JPG,jpeg' -> ['pdf', 'jpg'] (known kinds only, in order)."""
    kinds = []
    for part in (spec or "pdf,jpg,png").split(","):
        kind = ALIASES.get(part.strip().lower(), part.strip().lower())
        if kind in SIGNATURES and kind not in kinds:
            kinds.append(kind)
    return kinds or ["pdf", "jpg", "png"]


def sniff(uploaded):
    head = uploaded.read(16)
    uploaded.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def check_upload(uploaded, spec, max_mb=None):
    """Return the detected kind, or raise ValidationError saying exactly what is wrong."""
    max_mb = min(max_mb or settings.UPLOAD_MAX_MB, settings.UPLOAD_MAX_MB)
    allowed = accepted_types(spec)
    from services.catalogue.i18n import is_english

    names = (", " if is_english() else "、").join(LABELS[k] for k in allowed)
    if uploaded.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if uploaded.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The selected file must be smaller than %(max)s MB (it is %(size).1f MB).")
            % {"max": max_mb, "size": uploaded.size / 1024 / 1024},
            code="too_big",
        )
    kind = sniff(uploaded)
    if kind not in allowed:
        raise ValidationError(
            _("The selected file must be a %(types)s file. Its contents show it is not.") % {"types": names},
            code="type",
        )
    return kind
