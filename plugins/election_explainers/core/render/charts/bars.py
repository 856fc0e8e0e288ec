"""Shares of the vote as labelled horizontal bars, with the threshold as a dashed line."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from .common import ChartPart, _check_finite, _colours, _n, _root, format_number

_BARS_WIDTH = 400.0
_FONT = 15.0
_LINE = 18.0  # height of a line of label text
_BAR = 18.0
_ROW_GAP = 12.0  # between one party's bar and the next party's name
_CHAR = 8.0  # a generous average character width at _FONT: wrap early rather than overflow
_DIGIT = 9.2  # rough width of a bold digit or % at _FONT
_VALUE_SPACE = 66.0  # room right of the longest bar for "71.09%"
_THRESHOLD_FONT = 14.0


def _wrap(text: str, width: float) -> list[str]:
    """``text`` in lines that fit ``width`` (estimated); a word longer than a line gets a line of its own."""
    limit = max(int(width / _CHAR), 8)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def vote_bars_svg(
    parts: Sequence[ChartPart],
    *,
    chart_id: str,
    title: str,
    description: str,
    threshold: float | None = None,
    percent: Callable[[float], str] = lambda value: format_number(value) + "%",
    threshold_label: Callable[[str], str] = lambda shown: f"{shown} threshold",
) -> Markup:
    """Horizontal vote-share bars, one row per part with a percent, in the order given.

    ``percent`` writes a share and ``threshold_label`` the line's label, in the page's language.

    Each row is the part's full name (wrapped over as many lines as it needs) above its bar, with
    the percent after the bar. The scale runs from 0 to the larger of the top share and
    ``threshold``, so a 71% winner and a 3% party are both readable. A threshold draws a dashed
    mark beside every bar, labelled on top.
    """
    for part in parts:
        _check_finite(part.percent, f"the percent of {part.label!r}")
    _check_finite(threshold, "threshold")
    fills = _colours(parts)
    rows = [(part, fill) for part, fill in zip(parts, fills, strict=True) if part.percent is not None]

    bar_x = 0.0
    bar_space = _BARS_WIDTH - bar_x - _VALUE_SPACE
    values = [max(part.percent or 0.0, 0.0) for part, _ in rows]
    scale_max = max([*values, threshold or 0.0, 0.0])
    unit = bar_space / scale_max if scale_max > 0 else 0.0

    top = 24.0 if threshold is not None else 4.0
    body: list[Markup] = []
    bar_boxes: list[tuple[float, float, float]] = []  # (bar top, value text start, value text end)
    y = top
    for (part, fill), value in zip(rows, values, strict=True):
        lines = _wrap(part.label, _BARS_WIDTH)
        label = Markup('<text x="{x}" y="{y}" fill="currentColor">{text}</text>').format(
            x=_n(bar_x), y=_n(y + _FONT), text=lines[0]
        )
        if len(lines) > 1:
            # Each line but the last keeps the space after it: the text reads (and copies) as
            # the name, not as words run together where the lines meet.
            spans = Markup("").join(
                Markup('<tspan x="{x}" dy="{dy}">{line}</tspan>').format(
                    x=_n(bar_x), dy=_n(0 if index == 0 else _LINE), line=line if index == len(lines) - 1 else line + " "
                )
                for index, line in enumerate(lines)
            )
            label = Markup('<text x="{x}" y="{y}" fill="currentColor">{spans}</text>').format(
                x=_n(bar_x), y=_n(y + _FONT), spans=spans
            )
        bar_y = y + len(lines) * _LINE + 3
        shown = percent(part.percent or 0.0)
        bar_w = value * unit
        value_x = bar_x + bar_w + 6
        bar_boxes.append((bar_y, value_x, value_x + len(shown) * _DIGIT))
        body.append(
            Markup(
                '<g class="ee-bar"><title>{full}: {shown}</title>{label}'
                '<rect x="{bx}" y="{by}" width="{bw}" height="{bh}" rx="2" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" fill="currentColor" font-weight="600">{shown}</text></g>'
            ).format(
                full=" ".join(part.label.split()),
                shown=shown,
                label=label,
                bx=_n(bar_x),
                by=_n(bar_y),
                bw=_n(bar_w),
                bh=_n(_BAR),
                fill=fill,
                vx=_n(value_x),
                ty=_n(bar_y + _BAR / 2 + _FONT * 0.35),
            )
        )
        y = bar_y + _BAR + _ROW_GAP
    if not rows:
        body.append(
            Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.7">No results</text>').format(
                _n(8), _n(top + _FONT)
            )
        )
        y = top + _LINE + _ROW_GAP
    height = y - _ROW_GAP + 6

    out = [_root("ee-bars", _BARS_WIDTH, height, chart_id, title, description)]
    out.append(Markup('<g font-family="inherit" font-size="{}">').format(_n(_FONT)))
    out.extend(body)
    if threshold is not None:
        x = bar_x + max(threshold, 0.0) * unit
        threshold_text = threshold_label(percent(threshold))
        half = len(threshold_text) * _CHAR * (_THRESHOLD_FONT / _FONT) / 2
        anchor = "middle"
        if x - half < 0:
            anchor = "start"
        elif x + half > _BARS_WIDTH:
            anchor = "end"
        # A mark beside each bar, not through the names above them, nor through a value label.
        segments = [
            (bar_top - 3, bar_top + _BAR + 3) for bar_top, start, end in bar_boxes if not start - 3 <= x <= end + 3
        ]
        path = " ".join(f"M{_n(x)} {_n(a)}V{_n(b)}" for a, b in segments) or f"M{_n(x)} {_n(top - 4)}V{_n(top)}"
        out.append(
            Markup(
                '<g class="ee-threshold"><path d="{path}" fill="none" stroke="currentColor" '
                'stroke-width="1.5" stroke-dasharray="4 3" opacity="0.8"/>'
                '<text x="{x}" y="{ty}" fill="currentColor" font-size="{fs}" text-anchor="{anchor}" '
                'opacity="0.85">{label}</text></g>'
            ).format(
                path=path,
                x=_n(x),
                ty=_n(top - 8),
                fs=_n(_THRESHOLD_FONT),
                anchor=anchor,
                label=threshold_text,
            )
        )
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)


# --------------------------------------------------------------------------- history
