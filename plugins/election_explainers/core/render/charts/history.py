"""A party's share of the vote, election by election."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from .common import ChartPart, _check_finite, _colours, _n, _root, _truncate, format_number

_SLOT = 60.0
_HISTORY_HEIGHT = 170.0
_HISTORY_FONT = 13.0


def history_svg(
    points: Sequence[tuple[str, float | None]],
    *,
    colour: str | None,
    chart_id: str,
    title: str,
    description: str,
) -> Markup:
    """A party's vote share election by election: one bar each, the share on top, the election below.

    An election with no share (``None``) shows a dash instead of a bar.
    """
    for label, value in points:
        _check_finite(value, f"the percent for {label!r}")
    fill = _colours([ChartPart("", colour)])[0]
    count = max(len(points), 1)
    width = max(count * _SLOT, 2 * _SLOT) + 8
    left = (width - count * _SLOT) / 2
    base = _HISTORY_HEIGHT - 24  # baseline of the bars
    top = 22.0  # room for the value over the highest bar
    values = [max(value, 0.0) for _, value in points if value is not None]
    peak = max(values, default=0.0)
    unit = (base - top) / peak if peak > 0 else 0.0
    bar_w = _SLOT * 0.56

    out = [_root("ee-history", width, _HISTORY_HEIGHT, chart_id, title, description)]
    out.append(Markup('<g font-family="inherit" font-size="{}" text-anchor="middle">').format(_n(_HISTORY_FONT)))
    out.append(
        Markup('<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-width="1" opacity="0.4"/>').format(
            _n(left + 4), _n(left + count * _SLOT - 4), y=_n(base + 0.5)
        )
    )
    for index, (label, value) in enumerate(points):
        mid = left + (index + 0.5) * _SLOT
        shown = "no result" if value is None else format_number(value) + "%"
        out.append(
            Markup('<g class="ee-history-point"><title>{label}: {shown}</title>').format(
                label=" ".join(label.split()), shown=shown
            )
        )
        if value is None:
            out.append(
                Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.6">–</text>').format(_n(mid), _n(base - 6))
            )
        else:
            h = max(value, 0.0) * unit
            out.append(
                Markup(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" fill="{fill}"/>'
                    '<text x="{mid}" y="{ty}" fill="currentColor" font-weight="600">{shown}</text>'
                ).format(
                    x=_n(mid - bar_w / 2),
                    y=_n(base - h),
                    w=_n(bar_w),
                    h=_n(h),
                    fill=fill,
                    mid=_n(mid),
                    ty=_n(base - h - 6),
                    shown=shown,
                )
            )
        out.append(
            Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.8">{}</text></g>').format(
                _n(mid), _n(base + 17), _truncate(label, 9)
            )
        )
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)
