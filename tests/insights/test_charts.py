"""SVG charts drawn on the server (services.insights.charts): a named image with its text
alternative, scaled by a viewBox, with its text escaped."""

import re
import xml.etree.ElementTree as ET

from services.insights import charts

SVG = "{http://www.w3.org/2000/svg}"
DAYS = [f"3/{d}" for d in range(1, 31)]


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 - our own markup


def columns(**kw):
    series = [("Online", [d % 5 for d in range(30)]), ("Counter", [1] * 30), ("Post", [0] * 29 + [2])]
    return charts.columns("perday", "Applications per day", "From 1 to 30 March.", DAYS, series, **kw)


def test_a_column_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    svg = parse(columns())
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "perday-title perday-desc"
    assert svg.find(f"{SVG}title").get("id") == "perday-title"
    assert svg.find(f"{SVG}title").text == "Applications per day"
    assert svg.find(f"{SVG}desc").text == "From 1 to 30 March."


def test_a_chart_scales_with_a_viewbox_and_has_no_fixed_size():
    svg = parse(columns())
    assert re.fullmatch(r"0 0 320 \d+", svg.get("viewBox"))
    assert svg.get("width") is None and svg.get("height") is None


def test_the_columns_stack_each_days_series_to_its_total():
    svg = parse(columns())
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class", "").startswith("chart-s") and r.get("width") != "10"]
    # Online has 24 non-zero days, Counter 30, Post 1.
    assert len(bars) == 24 + 30 + 1
    heights = {}
    for r in bars:
        heights[r.get("x")] = heights.get(r.get("x"), 0) + float(r.get("height"))
    totals = [d % 5 + 1 + (2 if d == 29 else 0) for d in range(30)]
    per_unit = [h / t for h, t in zip(heights.values(), totals, strict=True)]
    assert max(per_unit) - min(per_unit) < 0.1  # each column's height is its day's total


def test_a_day_without_applications_draws_no_column_but_keeps_its_place():
    svg = parse(charts.columns("c", "t", "d", ["a", "b", "c"], [("All", [3, 0, 1])]))
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart-s0"]
    assert len(bars) == 2
    slot = (320 - 34 - 6) / 3
    assert abs(float(bars[1].get("x")) - float(bars[0].get("x")) - 2 * slot) < 0.2


def test_the_y_axis_has_round_steps():
    assert [charts.nice_step(n) for n in (1, 4, 9, 40, 130, 999, 12000)] == [1, 1, 5, 10, 50, 500, 5000]


def test_an_empty_chart_still_draws_its_axis():
    svg = parse(charts.columns("e", "Nothing yet", "No applications.", DAYS, [("All", [0] * 30)]))
    assert [t.text for t in svg.iter(f"{SVG}text")][:2] == ["0", "1"]


def test_the_marked_column_has_a_dashed_outline_and_its_note():
    svg = parse(columns(marked={29}, mark_label="Dashed: today, provisional"))
    marks = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart-mark"]
    assert len(marks) == 1 and marks[0].get("stroke-dasharray")
    assert "Dashed: today, provisional" in [t.text for t in svg.iter(f"{SVG}text")]


def test_every_seventh_day_is_labelled_counting_back_from_the_last():
    labels = [t.text for t in parse(columns()).iter(f"{SVG}text") if t.text in DAYS]
    assert labels == ["3/2", "3/9", "3/16", "3/23", "3/30"]


def test_a_legend_names_each_series():
    texts = [t.text for t in parse(columns()).iter(f"{SVG}text")]
    assert {"Online", "Counter", "Post"} <= set(texts)


def test_text_in_a_chart_is_escaped():
    markup = str(charts.bars("b", "<script>alert(1)</script>", "a & b", [("<b>x</b>", 1, "1")]))
    assert "<script>" not in markup and "<b>" not in markup
    assert parse(markup).find(f"{SVG}title").text == "<script>alert(1)</script>"


def test_bars_are_as_long_as_their_share_of_the_largest():
    svg = parse(charts.bars("b", "Busiest", "d", [("Residence permit", 120, "120"), ("Marriage", 30, "30")]))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] == 4 * widths[1]
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["Residence permit", "120", "Marriage", "30"]


def test_a_share_bar_is_measured_against_the_whole():
    svg = parse(charts.bars("s", "Share", "d", [("Online", 0.5, "50%")], maximum=1))
    assert float(next(svg.iter(f"{SVG}rect")).get("width")) == (320 - 70 - 4) / 2


def test_a_long_label_is_cut_with_an_ellipsis_to_fit_320_units():
    svg = parse(charts.bars("b", "t", "d", [("居住证" * 20, 1, "1"), ("Short", 1, "1")]))
    first = next(svg.iter(f"{SVG}text")).text
    assert first.endswith("…") and len(first) <= 26


def test_legend_entries_do_not_overlap_and_wrap_within_the_width():
    names = ["Online", "At a service centre", "By post", "在政务服务中心窗口办理的申请"]
    svg = parse(charts.columns("l", "t", "d", ["a"], [(name, [1]) for name in names]))
    texts = [t for t in svg.iter(f"{SVG}text") if t.text in names]
    placed = [(float(t.get("x")), float(t.get("y")), t.text) for t in texts]
    for (x1, y1, a), (x2, y2, _b) in zip(placed, placed[1:], strict=False):
        if y1 == y2:
            assert x1 + charts._text_width(a, 11) < x2
    assert all(x + charts._text_width(name, 11) <= 320 for x, _y, name in placed)
    assert len({y for _x, y, _n in placed}) >= 2  # wrapped onto a second row
