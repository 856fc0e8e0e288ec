"""The inline SVG charts: well-formed, accessible, escaped, and drawing the right number of seats."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from election_explainers.core.render.charts import (
    NEUTRAL_PALETTE,
    VACANT_COLOUR,
    VACANT_LABEL,
    ChartPart,
    format_number,
    hemicycle_svg,
    history_svg,
    vote_bars_svg,
)
from markupsafe import Markup

NS = "{http://www.w3.org/2000/svg}"
NASTY = '<script>alert(1)</script> & "Co"'


def parse(svg: Markup) -> ET.Element:
    assert isinstance(svg, Markup)
    return ET.fromstring(str(svg))


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def seat_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if "ee-seats" in classes(g)]


def circles(element: ET.Element) -> list[ET.Element]:
    return list(element.iter(f"{NS}circle"))


def mean_x(group: ET.Element) -> float:
    xs = [float(c.get("cx")) for c in circles(group)]
    return sum(xs) / len(xs)


def hemicycle(parts, total, **kwargs):
    return hemicycle_svg(parts, total, chart_id="seats", title="Seats won", description="Who won the seats", **kwargs)


def bars(parts, **kwargs):
    return vote_bars_svg(parts, chart_id="votes", title="Votes", description="Vote shares", **kwargs)


PARTS_107 = [
    ChartPart("Party A", "#1f5fa8", 76),
    ChartPart("Party B", "#e0a526", 12),
    ChartPart("Party C", "#c8102e", 10),
    ChartPart("Independents", None, 9),
]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7, "7"),
        (7.0, "7"),
        (71.09, "71.09"),
        (71.094, "71.09"),
        (7.5, "7.5"),
        (0.004, "0"),
        (-0.001, "0"),
        (100, "100"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


# --------------------------------------------------------------------------- hemicycle


@pytest.mark.parametrize("total", [1, 2, 3, 7, 9, 12, 13, 15, 107, 450, 750])
def test_hemicycle_draws_exactly_total_seats(total):
    root = parse(hemicycle([ChartPart("A", "#1f5fa8", total // 2)], total))
    seats = circles(root)
    assert len(seats) == total
    assert all(c.get("class") == "ee-seat" for c in seats)
    # No two seats overlap.
    points = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in seats]
    for i, (x1, y1, r1) in enumerate(points):
        for x2, y2, r2 in points[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (r1 + r2) ** 2


@pytest.mark.parametrize(
    ("total", "seats"),
    [(9, [5, 3, 1]), (107, [76, 12, 10, 9]), (450, [200, 150, 50, 40, 10])],
)
def test_hemicycle_groups_hold_each_parts_seats(total, seats):
    parts = [ChartPart(f"Party {i}", None if i % 2 else "#123abc", n) for i, n in enumerate(seats)]
    root = parse(hemicycle(parts, total))
    groups = seat_groups(root)
    assert len(circles(root)) == total
    assert [len(circles(g)) for g in groups] == seats
    for part, group in zip(parts, groups, strict=True):
        plural = "" if part.seats == 1 else "s"
        assert group.find(f"{NS}title").text == f"{part.label}: {part.seats} seat{plural}"


@pytest.mark.parametrize("total", [9, 107, 450])
def test_hemicycle_parts_are_wedges_from_the_left(total):
    parts = [ChartPart("Left", "#c8102e", total // 3), ChartPart("Centre", "#e0a526", total // 3)]
    parts.append(ChartPart("Right", "#1f5fa8", total - 2 * (total // 3)))
    groups = seat_groups(parse(hemicycle(parts, total)))
    means = [mean_x(g) for g in groups]
    assert means == sorted(means)
    # Wedges: every seat of the first part is left of the last part's leftmost seat, near enough.
    first_max = max(float(c.get("cx")) for c in circles(groups[0]))
    last_min = min(float(c.get("cx")) for c in circles(groups[-1]))
    assert first_max < last_min


def test_hemicycle_fills_the_remainder_with_vacant_seats():
    parts = [ChartPart("Party A", "#1f5fa8", 50), ChartPart("Party B", "#c8102e", 30)]
    groups = seat_groups(parse(hemicycle(parts, 107)))
    assert len(groups) == 3
    vacant = groups[-1]
    assert "ee-vacant" in classes(vacant)
    assert vacant.get("fill") == VACANT_COLOUR
    assert len(circles(vacant)) == 27
    assert vacant.find(f"{NS}title").text == f"{VACANT_LABEL}: 27 seats"


def test_hemicycle_fully_allocated_has_no_vacant_group():
    groups = seat_groups(parse(hemicycle(PARTS_107, 107)))
    assert not any("ee-vacant" in classes(g) for g in groups)
    assert [g.get("fill") for g in groups] == ["#1f5fa8", "#e0a526", "#c8102e", NEUTRAL_PALETTE[0]]


def test_hemicycle_rejects_too_many_seats():
    with pytest.raises(ValueError, match="more than the 107"):
        hemicycle([*PARTS_107, ChartPart("Extra", None, 1)], 107)


@pytest.mark.parametrize("total", [0, -3])
def test_hemicycle_rejects_an_empty_chamber(total):
    with pytest.raises(ValueError):
        hemicycle([], total)


def test_hemicycle_rejects_negative_seats():
    with pytest.raises(ValueError):
        hemicycle([ChartPart("A", None, -1)], 9)


def test_hemicycle_skips_parts_without_seats():
    parts = [ChartPart("A", "#1f5fa8", 5), ChartPart("Nobody", "#c8102e", 0), ChartPart("B", None, 4)]
    groups = seat_groups(parse(hemicycle(parts, 9)))
    assert [g.find(f"{NS}title").text for g in groups] == ["A: 5 seats", "B: 4 seats"]


def test_hemicycle_shows_the_total_in_the_middle():
    root = parse(hemicycle(PARTS_107, 107))
    total = next(g for g in root.iter(f"{NS}g") if "ee-total" in classes(g))
    texts = [t.text for t in total.iter(f"{NS}text")]
    assert texts == ["107", "seats"]
    assert total.get("fill") == "currentColor"
    assert [t.text for t in parse(hemicycle([ChartPart("A", None, 1)], 1)).iter(f"{NS}text")] == ["1", "seat"]
    assert seat_groups(parse(hemicycle([ChartPart("A", None, 1)], 1)))[0].find(f"{NS}title").text == "A: 1 seat"


def test_hemicycle_colours():
    parts = [
        ChartPart("No colour", None, 1),
        ChartPart("Upper case", "#ABCDEF", 1),
        ChartPart("Not a colour", "red;}</style>", 1),
        ChartPart("Also none", None, 1),
    ]
    fills = [g.get("fill") for g in seat_groups(parse(hemicycle(parts, 4)))]
    assert fills == [NEUTRAL_PALETTE[0], "#abcdef", NEUTRAL_PALETTE[1], NEUTRAL_PALETTE[2]]
    assert len(set(NEUTRAL_PALETTE)) == len(NEUTRAL_PALETTE)
    assert VACANT_COLOUR not in NEUTRAL_PALETTE


def test_hemicycle_coordinates_are_compact():
    svg = str(hemicycle(PARTS_107, 107))
    for circle in circles(ET.fromstring(svg)):
        for name in ("cx", "cy", "r"):
            assert len(circle.get(name).partition(".")[2]) <= 2


# --------------------------------------------------------------------------- accessibility, escaping, determinism


def all_charts(label: str = "Party A", *, chart_id: str = "c1", title: str = "Title", description: str = "Desc"):
    meta = {"chart_id": chart_id, "title": title, "description": description}
    parts = [ChartPart(label, "#1f5fa8", 76, 71.09), ChartPart("Party B", None, 31, 9.5)]
    return [
        ("ee-hemicycle", hemicycle_svg(parts, 107, **meta)),
        ("ee-bars", vote_bars_svg(parts, threshold=7, **meta)),
        ("ee-history", history_svg([("2016", 30.1), (label, 71.09)], colour=None, **meta)),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_root_is_an_accessible_svg(index):
    css_class, svg = all_charts(chart_id="chart-7", title="The title", description="The description")[index]
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("class") == css_class
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-7-title chart-7-desc"
    assert root.get("viewBox", "").startswith("0 0 ")
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{NS}title", "chart-7-title", "The title")
    assert (desc.tag, desc.get("id"), desc.text) == (f"{NS}desc", "chart-7-desc", "The description")


@pytest.mark.parametrize("index", [0, 1, 2])
def test_data_is_escaped(index):
    css_class, svg = all_charts(NASTY, chart_id='x" onload="alert(1)', title=NASTY, description=NASTY)[index]
    text = str(svg)
    assert "<script" not in text
    assert "onload=" not in text.replace("onload=&#34;", "")
    root = parse(svg)
    assert root.get("onload") is None
    assert root.get("aria-labelledby").startswith('x" onload="alert(1)-title')
    assert root[0].text == NASTY
    assert root[1].text == NASTY
    # The part's label comes back intact from its group's tooltip.
    tooltips = [t.text for g in root.iter(f"{NS}g") for t in g.findall(f"{NS}title")]
    expected = {"ee-hemicycle": f"{NASTY}: 76 seats", "ee-bars": f"{NASTY}: 71.09%", "ee-history": f"{NASTY}: 71.09%"}
    assert expected[css_class] in tooltips
    # No element came from the data.
    assert not any(e.tag.endswith("script") for e in root.iter())


@pytest.mark.parametrize("index", [0, 1, 2])
def test_output_is_deterministic(index):
    assert str(all_charts()[index][1]) == str(all_charts()[index][1])


@pytest.mark.parametrize("index", [0, 1, 2])
def test_no_scripts_styles_or_fixed_fonts(index):
    svg = str(all_charts()[index][1])
    assert "<script" not in svg
    assert "<style" not in svg
    assert "@import" not in svg
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.get("font-family") in (None, "inherit")


# --------------------------------------------------------------------------- vote bars

PARTS_VOTES = [
    ChartPart("Party A", "#1f5fa8", percent=71.09),
    ChartPart("Party B", "#e0a526", percent=9.5),
    ChartPart("No vote share", "#000000", percent=None),
    ChartPart("Party C", "#c8102e", percent=7.0),
    ChartPart("Independents", None, percent=3.21),
]


def bar_rows(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if "ee-bar" in classes(g)]


def test_bars_one_row_per_part_with_a_percent_in_order():
    root = parse(bars(PARTS_VOTES))
    rows = bar_rows(root)
    assert [r.find(f"{NS}title").text for r in rows] == [
        "Party A: 71.09%",
        "Party B: 9.5%",
        "Party C: 7%",
        "Independents: 3.21%",
    ]
    texts = [[t.text for t in r.iter(f"{NS}text")] for r in rows]
    assert texts[0] == ["Party A", "71.09%"]
    assert texts[2] == ["Party C", "7%"]
    assert "No vote share" not in str(bars(PARTS_VOTES))
    # The skipped part doesn't shift the neutral colours: Independents still gets the first grey.
    fills = [r.find(f"{NS}rect").get("fill") for r in rows]
    assert fills == ["#1f5fa8", "#e0a526", "#c8102e", NEUTRAL_PALETTE[0]]


def test_bars_are_proportional_and_readable():
    rows = bar_rows(parse(bars(PARTS_VOTES)))
    widths = [float(r.find(f"{NS}rect").get("width")) for r in rows]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] / widths[1] == pytest.approx(71.09 / 9.5, rel=0.01)
    assert widths[3] >= 10  # a 3% party is still a visible bar
    root = parse(bars(PARTS_VOTES))
    view_width = float(root.get("viewBox").split()[2])
    for row in rows:
        rect = row.find(f"{NS}rect")
        value = row.findall(f"{NS}text")[1]
        assert float(rect.get("x")) + float(rect.get("width")) < float(value.get("x")) < view_width - 40
        assert [t.get("fill") for t in row.iter(f"{NS}text")] == ["currentColor", "currentColor"]


def test_bars_wrap_long_labels_and_never_cut_them():
    long = "The Extremely Long Official Name of a Coalition of Parties for the Renewal of the Republic"
    root = parse(bars([ChartPart(long, None, percent=12.0), ChartPart("Short", None, percent=3.0)]))
    first, second = bar_rows(root)
    label = first.find(f"{NS}text")
    lines = [span.text for span in label.findall(f"{NS}tspan")]
    assert len(lines) >= 2
    assert "".join(lines) == long  # each line but the last ends with the space that was there
    assert "…" not in str(root)
    assert first.find(f"{NS}title").text == f"{long}: 12%"
    # Each line sits below the one before, and the bar below the last line.
    dys = [float(span.get("dy")) for span in label.findall(f"{NS}tspan")]
    assert dys[0] == 0 and all(dy > 0 for dy in dys[1:])
    bar_top = float(first.find(f"{NS}rect").get("y"))
    assert bar_top > float(label.get("y")) + sum(dys)
    # The next party's name starts below the first party's bar.
    assert float(second.find(f"{NS}text").get("y")) > bar_top + float(first.find(f"{NS}rect").get("height"))


def test_bars_threshold_line():
    root = parse(bars(PARTS_VOTES, threshold=7))
    threshold = [g for g in root.iter(f"{NS}g") if "ee-threshold" in classes(g)]
    assert len(threshold) == 1
    assert threshold[0].find(f"{NS}text").text == "7% threshold"
    line = threshold[0].find(f"{NS}path")
    assert line.get("stroke-dasharray")
    # The line sits where a 7% bar ends.
    party_c = bar_rows(root)[2].find(f"{NS}rect")
    end = float(party_c.get("x")) + float(party_c.get("width"))
    assert line.get("d").startswith(f"M{format_number(end)} ")
    assert "ee-threshold" not in str(bars(PARTS_VOTES))


def test_bars_scale_reaches_a_threshold_above_every_share():
    root = parse(bars([ChartPart("Small", None, percent=2.5)], threshold=5))
    rect = bar_rows(root)[0].find(f"{NS}rect")
    line = next(g for g in root.iter(f"{NS}g") if "ee-threshold" in classes(g)).find(f"{NS}path")
    x = float(line.get("d")[1:].split()[0])
    assert float(rect.get("x")) + float(rect.get("width")) * 2 == pytest.approx(x, abs=0.02)


def test_bars_with_no_shares():
    root = parse(bars([ChartPart("A", None)]))
    assert bar_rows(root) == []
    assert "No results" in str(bars([]))


def test_bars_reject_non_finite_numbers():
    with pytest.raises(ValueError):
        bars([ChartPart("A", None, percent=float("nan"))])
    with pytest.raises(ValueError):
        bars([ChartPart("A", None, percent=1.0)], threshold=float("inf"))


# --------------------------------------------------------------------------- history


def test_history_bars_and_labels():
    svg = history_svg(
        [("2008", 12.5), ("2012", None), ("2016", 30.1), ("2020", 71.09)],
        colour="#1f5fa8",
        chart_id="h",
        title="Party A over time",
        description="Vote share",
    )
    root = parse(svg)
    points = [g for g in root.iter(f"{NS}g") if "ee-history-point" in classes(g)]
    assert [p.find(f"{NS}title").text for p in points] == [
        "2008: 12.5%",
        "2012: no result",
        "2016: 30.1%",
        "2020: 71.09%",
    ]
    rects = list(root.iter(f"{NS}rect"))
    assert len(rects) == 3
    assert {r.get("fill") for r in rects} == {"#1f5fa8"}
    heights = [float(r.get("height")) for r in rects]
    assert heights == sorted(heights)
    assert heights[2] / heights[0] == pytest.approx(71.09 / 12.5, rel=0.01)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "71.09%" in texts and "2012" in texts and "–" in texts


def test_history_neutral_colour_and_empty():
    root = parse(history_svg([("2016", 5)], colour=None, chart_id="h", title="t", description="d"))
    assert root.find(f".//{NS}rect").get("fill") == NEUTRAL_PALETTE[0]
    empty = parse(history_svg([], colour=None, chart_id="h", title="t", description="d"))
    assert list(empty.iter(f"{NS}rect")) == []
