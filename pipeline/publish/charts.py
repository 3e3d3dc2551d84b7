"""Charts of the catalog page, drawn with matplotlib at build time and returned as inline SVG markup: the
indicators by city, prose targets against the tables, the units leading most tasks and the collaboration network.

Every chart is a pure function of the package's frames: the data it shows comes from ``chart_data``, its label
text from ``chart_labels``, and the settings and SVG output that keep the bytes reproducible from ``chart_svg``.
What belongs here is the drawing of each chart (layout, colours, marks, titles).
"""

from __future__ import annotations

import math
from typing import Mapping

import matplotlib
import matplotlib.transforms
import polars as pl

from pipeline.publish.chart_data import (Frames, collaboration_edges, featured_indicators, indicator_by_city,
                                         lead_counts, target_comparison)
from pipeline.publish.chart_labels import region_labels, unit_label_lines
from pipeline.publish.chart_svg import RC, figure_svg, new_figure
from pipeline.schema.tables_attachments import PROVINCE

GROUP_COLOURS = {  # unit_id prefix -> (colour, label)
    "zj": ("#1f5fa8", "省级部门 Provincial bodies"),
    "cn": ("#d0772b", "中央驻浙机构 Central government branches"),
    "fin": ("#3a9a5b", "金融机构 Financial institutions"),
    "city": ("#9b4f96", "市政府 City governments"),
}
LEAD_COLOUR, PARTICIPANT_COLOUR = "#1f5fa8", "#a9c4e6"


def indicators_by_city_chart(frames: Frames) -> str | None:
    """Two indicators of the cities, by year, side by side (None when the package has fewer than two)."""
    featured = featured_indicators(frames)
    if len(featured) < 2:
        return None
    labels = region_labels(frames["regions"])
    indicators = {r["indicator_id"]: r for r in frames["indicators"].iter_rows(named=True)}
    panels = [(i, indicator_by_city(frames, i)) for i in featured]
    codes = sorted(set(panels[0][1]["region_code"]) | set(panels[1][1]["region_code"]))
    years = sorted(set(panels[0][1]["year"]) | set(panels[1][1]["year"]))
    fig = new_figure(11, 7.0)
    with matplotlib.rc_context(RC):
        axes = fig.subplots(1, 2, sharey=True)
        fig.subplots_adjust(left=0.12, right=0.98, top=0.83, bottom=0.08, wspace=0.22)
        cmap = matplotlib.colormaps["Blues"]
        colours = [cmap(0.35 + 0.55 * i / max(len(years) - 1, 1)) for i in range(len(years))]
        height = 0.8 / max(len(years), 1)
        province = frames["indicator_values"].filter(pl.col("region_code") == PROVINCE)
        for ax, (indicator_id, data) in zip(axes, panels):
            meta = indicators[indicator_id]
            for j, year in enumerate(years):
                row = {r["region_code"]: r["value"] for r in data.filter(pl.col("year") == year).iter_rows(named=True)}
                ys = [i + (j - (len(years) - 1) / 2) * height for i in range(len(codes))]
                ax.barh(ys, [row.get(c, 0.0) or 0.0 for c in codes], height=height * 0.92, color=colours[j],
                        label=str(year))
            last = {r["region_code"]: r["value"] for r in data.filter(pl.col("year") == years[-1]).iter_rows(named=True)}
            for i, code in enumerate(codes):
                if last.get(code) is not None:
                    ax.text(last[code], i + (len(years) - 1) / 2 * height, f" {last[code]:,.0f}", va="center",
                            fontsize=8, color="#333333")
            totals = {r["year"]: r["value"] for r in province.filter(pl.col("indicator_id") == indicator_id)
                      .iter_rows(named=True)}
            total = (f"全省 Zhejiang: {totals[years[0]]:,.0f} ({years[0]}) → {totals[years[-1]]:,.0f} ({years[-1]})"
                     if years[0] in totals and years[-1] in totals else "")
            ax.set_title(f"{meta['name_zh']}\n{meta['name_en'] or ''}\n{total}", fontsize=9.5, loc="left")
            ax.set_xlabel(f"{meta['unit_zh'] or ''}  {meta['unit_en'] or ''}", fontsize=9)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
            ax.margins(x=0.12)
        axes[0].set_yticks(range(len(codes)), [labels.get(c, c) for c in codes])
        axes[0].invert_yaxis()
        fig.legend(*axes[0].get_legend_handles_labels(), title="年份 Year", ncols=len(years), loc="upper left",
                   bbox_to_anchor=(0.01, 0.995), frameon=False, fontsize=9, title_fontsize=9, alignment="left")
    return figure_svg(fig, "chart-city-indicators", f"{featured[0]} and {featured[1]} by city")


def targets_chart(frames: Frames) -> tuple[str | None, str]:
    """Each prose target against the table value it restates (the compared rows of ``target_comparisons``), as
    the difference in percent of the table value (0 = the same number); red where it contradicts the table (the
    rows findings lists); at most ``chart_data.TARGET_CHART_ROWS`` rows, which the title and the returned note
    say when rows are left out. (None, note) when nothing can be compared."""
    compared, note = target_comparison(frames)
    if compared is None:
        return None, note
    rows = compared.to_dicts()
    diffs = [r["difference_pct"] for r in rows]
    span = max([abs(d) for d in diffs] + [1.0]) * 1.25
    height = 1.4 + 0.62 * len(rows)
    fig = new_figure(11, height)
    with matplotlib.rc_context(RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.03, right=0.52, top=1 - 0.8 / height, bottom=0.6 / height)
        label_at = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
        for i, (r, diff) in enumerate(zip(rows, diffs)):
            colour = "#c23b22" if r["disagrees"] else "#3a9a5b"
            ax.plot([0, diff], [i + 0.15, i + 0.15], color=colour, linewidth=2)
            ax.scatter([diff], [i + 0.15], s=40, color=colour, zorder=3)
            ax.text(0, i - 0.15, r["label"], transform=label_at, fontsize=8.5, va="bottom", ha="left",
                    color="#222222")
            ax.text(1.03, i + 0.15, f"正文 prose {r['prose']} = {r['prose_value']:,.6g}  ·  表 table "
                    f"{r['table_value']:,.6g} {r['unit_zh']}  ·  {diff:+.2f} %", transform=label_at,
                    fontsize=8, va="center", ha="left", color="#333333", clip_on=False)
        ax.axvline(0, color="#333333", linewidth=1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(len(rows) - 0.4, -0.7)
        ax.set_xlim(-span, span)
        ax.set_xlabel("正文目标与附表数值之差(占附表数值 %)  Prose target minus table value, % of the table value",
                      fontsize=9)
        title = "正文目标与附表数值  Prose targets against the indicator tables" + (f" ({note})" if note else "")
        fig.text(0.03, 1 - 0.12 / height, title, fontsize=11, va="top")
        legend = ("绿色:在印刷数字的舍入范围内一致;红色:列入 findings  Green: agrees within the rounding of the "
                  "printed figures; red: listed in findings")
        fig.text(0.03, 1 - 0.4 / height, legend, fontsize=8, va="top", color="#444444")
    return figure_svg(fig, "chart-targets", "Prose targets against the indicator tables"), note


def lead_units_chart(frames: Frames, top: int = 20) -> str:
    """The units that lead most tasks (task_units role=lead), with the tasks they join as participants."""
    counts = lead_counts(frames["task_units"], frames["units"]).head(top)
    rows = counts.to_dicts()
    labels = [unit_label_lines(r, BAR_LABEL_WIDTH) for r in rows]
    row_height = max(0.32, 0.21 * max((len(lines) for lines in labels), default=1))  # inches: no label overlaps
    fig = new_figure(11, 1.5 + row_height * len(rows))
    with matplotlib.rc_context(RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.42, right=0.97, top=1 - 0.85 / fig.get_figheight(),
                            bottom=0.55 / fig.get_figheight())
        ys = range(len(rows))
        leads = [r["lead"] for r in rows]
        joins = [r["participant"] for r in rows]
        ax.barh(ys, leads, color=LEAD_COLOUR, height=0.7, label="牵头 leads")
        ax.barh(ys, joins, left=leads, color=PARTICIPANT_COLOUR, height=0.7, label="参与 participates")
        for y, lead, join in zip(ys, leads, joins):
            ax.text(lead + join, y, f"  {lead} / {join}", va="center", fontsize=8, color="#333333")
        ax.set_yticks(list(ys), [""] * len(rows))
        ax.invert_yaxis()
        beside = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
        for y, lines in zip(ys, labels):
            draw_lines(ax, (-0.01, y), lines, 8.5, "right", transform=beside)
        ax.margins(x=0.08)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel("任务数 Number of tasks")
        ax.legend(loc="lower right", frameon=False)
        fig.text(0.02, 1 - 0.15 / fig.get_figheight(), "牵头任务最多的单位  Units leading most tasks", fontsize=11,
                 va="top")
        fig.text(0.02, 1 - 0.42 / fig.get_figheight(), "深色:牵头;浅色:参与;数字为 牵头 / 参与 任务数  "
                 "Dark: tasks led; light: tasks joined; numbers are lead / participant counts", fontsize=8,
                 va="top", color="#444444")
    return figure_svg(fig, "chart-lead-units", "Units leading most tasks")


#: Widths of a label line (``chart_labels.text_width``: CJK counts two): a longer label wraps, it is never cut.
BAR_LABEL_WIDTH, NETWORK_LABEL_WIDTH = 60, 48
#: Half the side of the network drawing, in units of the circle's radius: room beyond the circle for the longest
#: label line (NETWORK_LABEL_WIDTH units at 7.5 pt, about 190 pt) with a quarter to spare, so a wider CJK
#: fallback font in the reader's browser does not cut it.
NETWORK_LIMIT = 2.7


def collaboration_network_chart(frames: Frames) -> str:
    """Units on a circle, joined where they are named on the same task; line width = tasks shared."""
    edges = collaboration_edges(frames).to_dicts()
    units = {r["unit_id"]: r for r in frames["units"].iter_rows(named=True)}
    tasks_per_unit = {r["unit_id"]: r["tasks"] for r in frames["task_units"].group_by("unit_id")
                      .agg(tasks=pl.col("task_id").n_unique()).iter_rows(named=True)}
    nodes = _network_nodes(edges)
    n = len(nodes)
    pos = {u: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
           for i, u in enumerate(nodes)}
    fig = new_figure(11, 11)
    with matplotlib.rc_context(RC):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(-NETWORK_LIMIT, NETWORK_LIMIT)
        ax.set_ylim(-NETWORK_LIMIT, NETWORK_LIMIT)
        ax.set_aspect("equal")
        ax.axis("off")
        _draw_network_edges(ax, edges, pos)
        for u in nodes:
            _draw_network_node(ax, pos[u], tasks_per_unit.get(u, 0), _group(u),
                               units.get(u, {"name_zh": u, "name_en": None}))
        _draw_network_legend(ax, nodes)
    return figure_svg(fig, "chart-collaboration", "Collaboration network of units")


def _network_nodes(edges: list[dict]) -> list[str]:
    """The units of the edges, by group, then most tasks shared, then unit_id (their order round the circle)."""
    degree: dict[str, int] = {}
    for e in edges:
        for u in (e["unit_a"], e["unit_b"]):
            degree[u] = degree.get(u, 0) + e["shared_tasks"]
    group_order = list(GROUP_COLOURS)
    return sorted(degree, key=lambda u: (group_order.index(_group(u)), -degree[u], u))


def _draw_network_edges(ax, edges: list[dict], pos: Mapping[str, tuple[float, float]]) -> None:
    """One line per pair, thicker and darker with more tasks shared; the heaviest drawn last (on top)."""
    top = max((e["shared_tasks"] for e in edges), default=1)
    for e in sorted(edges, key=lambda e: (e["shared_tasks"], e["unit_a"], e["unit_b"])):
        (x1, y1), (x2, y2) = pos[e["unit_a"]], pos[e["unit_b"]]
        weight = e["shared_tasks"] / top
        ax.plot([x1, x2], [y1, y2], color="#4a6fa5", alpha=0.2 + 0.6 * weight,
                linewidth=0.4 + 5.6 * weight, solid_capstyle="round", zorder=1)


def _draw_network_node(ax, xy: tuple[float, float], tasks: int, group: str, unit: Mapping[str, object]) -> None:
    """The unit's dot (sized by its tasks, coloured by its group) and its label outside the circle."""
    x, y = xy
    ax.scatter([x], [y], s=25 + 12 * tasks, color=GROUP_COLOURS[group][0],
               edgecolors="white", linewidths=0.8, zorder=2)
    # The label rotated along the radius, its lines stacked across it (``draw_lines``).
    angle = math.degrees(math.atan2(y, x))
    right = -90 <= angle <= 90
    draw_lines(ax, (1.06 * x, 1.06 * y), unit_label_lines(unit, NETWORK_LABEL_WIDTH), 7.5,
               "left" if right else "right", rotation=angle if right else angle - 180, color="#222222", zorder=3)


def draw_lines(ax, xy: tuple[float, float], lines: list[str], fontsize: float, ha: str, rotation: float = 0.0,
               transform=None, **style) -> None:
    """A label of several lines, centred on ``xy`` across its rotation, each line its own single-line text:
    single-line text keeps SVG text-anchor, so the browser aligns it whatever the width of the glyphs it finds
    (a multi-line matplotlib text is placed by DejaVu's widths)."""
    step, theta = 1.15 * fontsize, math.radians(rotation)
    for k, line in enumerate(lines):
        offset = (k - (len(lines) - 1) / 2) * step  # points, downwards in the text's own frame
        ax.annotate(line, xy, xycoords=transform or ax.transData, textcoords="offset points",
                    xytext=(offset * math.sin(theta), -offset * math.cos(theta)), ha=ha, va="center",
                    rotation=rotation, rotation_mode="anchor", fontsize=fontsize, annotation_clip=False, **style)


def _draw_network_legend(ax, nodes: list[str]) -> None:
    """The legend of the groups present, the title in the top left corner and the notes in the top right one."""
    present = {_group(u) for u in nodes}
    handles = [ax.scatter([], [], s=60, color=colour, label=label)
               for key, (colour, label) in GROUP_COLOURS.items() if key in present]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=9, bbox_to_anchor=(0.01, 0.01))
    edge, step = NETWORK_LIMIT - 0.03, NETWORK_LIMIT / 24
    ax.text(-edge, edge, "单位协作网络", fontsize=13, va="top")
    ax.text(-edge, edge - 1.2 * step, "Collaboration network of units", fontsize=12, va="top")
    for i, note in enumerate(("线越粗,共同承担的任务越多", "Thicker line = more tasks shared",
                              "圆点越大,承担的任务越多", "Bigger dot = more tasks of the unit")):
        ax.text(edge, edge - i * step, note, fontsize=9, va="top", ha="right", color="#444444")


def _group(unit_id: str) -> str:
    prefix = unit_id.split("-", 1)[0]
    return prefix if prefix in GROUP_COLOURS else "zj"
