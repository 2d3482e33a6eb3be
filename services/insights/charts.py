"""Charts drawn on the server as SVG: no JavaScript, no library, nothing from a CDN.

Each chart is an inline <svg role="img"> named by its <title> and described by its <desc>
(aria-labelledby both), with a viewBox so it scales to the column it sits in and stays readable
at 320 px; the page puts the same numbers in a <table> beneath it. Colours are presentation
attributes (the Content-Security-Policy allows no inline style) with classes portal.css
strengthens in elder mode; every colour has at least 3:1 contrast against white, and the series
are also told apart by their order and the legend, not by colour alone.

- `columns`: a value per day (stacked by series), e.g. applications per day and channel;
- `bars`: horizontal bars with their label above each, e.g. the busiest services.
"""

import math

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Blue, orange, dark grey: distinguishable with the common colour blindnesses, >= 3:1 on white.
PALETTE = ("#0b4f8a", "#b35c00", "#4a4a4a")
AXIS = "#1b1b1b"
GRID = "#b1b4b6"

WIDTH = 320  # viewBox units; the chart's natural size is a phone's width


def nice_step(top, lines=4):
    """A round step (1, 2 or 5 times a power of ten) for about `lines` grid lines up to `top`."""
    if top <= lines:
        return 1
    raw = top / lines
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _open(ident, title, desc, height, css):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart {}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" preserveAspectRatio="xMinYMin meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        css,
        WIDTH,
        height,
        ident,
        ident,
        ident,
        title,
        ident,
        desc,
    )


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def columns(ident, title, desc, labels, series, *, marked=(), mark_label=""):
    """Stacked columns, one per label. `series`: [(name, [value per label])] stacked bottom-up
    in this order (a legend names them); `labels`: the x-axis text per column, shown for every
    seventh column from the last (and the last); `marked`: indexes of columns drawn with a
    dashed outline (today's, provisional), `mark_label` says so under the axis."""
    count = len(labels)
    legend = _legend([name for name, _values in series]) if len(series) > 1 else []
    legend_rows = max((row for _x, row, _name in legend), default=-1) + 1
    top_pad, left, right, bottom = 12 + 16 * legend_rows, 34, 6, 34
    height = 200 + 16 * legend_rows
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom
    totals = [sum(values[i] for _name, values in series) for i in range(count)]
    step = nice_step(max(totals, default=0) or 1)
    top = max(step * math.ceil((max(totals, default=0) or 1) / step), step)
    parts = [_open(ident, title, desc, height, "chart-columns")]
    for n, (x, row, name) in enumerate(legend):
        y = 4 + 16 * row
        parts.append(
            format_html(
                '<rect class="chart-s{}" x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                n,
                _num(x),
                y,
                PALETTE[n % len(PALETTE)],
                _num(x + 14),
                y + 9,
                AXIS,
                name,
            )
        )
    value = 0
    while value <= top:
        y = top_pad + plot_h - plot_h * value / top
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="0.5"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{}</text>',
                left,
                WIDTH - right,
                _num(y),
                _num(y),
                GRID,
                left - 4,
                _num(y + 3.5),
                AXIS,
                value,
            )
        )
        value += step
    slot = plot_w / max(count, 1)
    bar = max(slot * 0.7, 1)
    for i in range(count):
        x = left + slot * i + (slot - bar) / 2
        base = top_pad + plot_h
        for n, (_name, values) in enumerate(series):
            h = plot_h * values[i] / top
            if h <= 0:
                continue
            base -= h
            parts.append(
                format_html(
                    '<rect class="chart-s{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    n,
                    _num(x),
                    _num(base),
                    _num(bar),
                    _num(h),
                    PALETTE[n % len(PALETTE)],
                )
            )
        if i in marked:
            parts.append(
                format_html(
                    '<rect class="chart-mark" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" '
                    'stroke-width="1" stroke-dasharray="2 2"/>',
                    _num(x - 1),
                    top_pad,
                    _num(bar + 2),
                    plot_h,
                    AXIS,
                )
            )
        if (count - 1 - i) % 7 == 0:
            anchor = "end" if i == count - 1 else "middle"
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" text-anchor="{}" fill="{}">{}</text>',
                    _num(min(x + bar / 2, WIDTH - right) if anchor == "middle" else WIDTH - right),
                    height - bottom + 13,
                    anchor,
                    AXIS,
                    labels[i],
                )
            )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            WIDTH - right,
            top_pad + plot_h,
            top_pad + plot_h,
            AXIS,
        )
    )
    if marked and mark_label:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{}</text>',
                WIDTH - right,
                height - 6,
                AXIS,
                mark_label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every part from format_html, text escaped


def bars(ident, title, desc, items, *, maximum=None):
    """Horizontal bars, each with its label on the line above and its value text at its end.
    `items`: [(label, value, value text)]; `maximum`: the value of a full bar (default the
    largest value; 1 for shares)."""
    row = 38
    height = max(row * len(items), row) + 4
    top = maximum or max((value for _label, value, _text in items), default=0) or 1
    space = 70  # for the value text after the longest bar
    parts = [_open(ident, title, desc, height, "chart-bars")]
    for n, (label, value, text) in enumerate(items):
        y = n * row
        width = max((WIDTH - space - 4) * min(value / top, 1), 0)
        parts.append(
            format_html(
                '<text x="2" y="{}" font-size="12" fill="{}">{}</text>'
                '<rect class="chart-s0" x="2" y="{}" width="{}" height="14" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                y + 13,
                AXIS,
                _fit(label),
                y + 18,
                _num(width),
                PALETTE[0],
                _num(width + 6),
                y + 30,
                AXIS,
                text,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every part from format_html, text escaped


def _text_width(text, size):
    """About how wide `text` is at font `size` (a Chinese character is as wide as the font is
    tall, a Latin letter a little over half of it)."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in str(text))


def _legend(names, size=11):
    """[(x, row, name)]: the legend's entries flowing left to right, wrapping at the width."""
    placed, x, row = [], 4, 0
    for name in names:
        width = 14 + _text_width(name, size) + 12
        if x > 4 and x + width > WIDTH:
            x, row = 4, row + 1
        placed.append((x, row, name))
        x += width
    return placed


def _fit(label, room=50):
    """A label cut to the chart's width with an ellipsis (the table beneath has it whole): a
    Chinese character takes about two units of `room`, a Latin letter one."""
    label, used = str(label), 0
    for n, ch in enumerate(label):
        used += 2 if ord(ch) >= 0x2E80 else 1
        if used > room:
            return label[: n - 1] + "…"
    return label
