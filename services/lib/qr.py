"""QR codes made on the server (segno), as inline SVG: no image service, nothing fetched."""

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(url, label):
    """The QR code of `url` as inline SVG, black on white (so it scans in elder mode's dark theme
    and on paper), with `label` as its text alternative (role="img", aria-label and <title>)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=4, dark="#000", light="#fff", title=label, svgclass="qr-code")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308 - segno's own markup, the label escaped
