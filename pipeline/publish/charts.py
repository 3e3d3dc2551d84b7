"""Charts of the catalog page, drawn with matplotlib at build time and returned as inline SVG markup.

Every chart is a pure function of the package's frames. Text stays text (``svg.fonttype='none'``), so no CJK
font is needed to build; the page's CSS gives the browser a font stack with CJK fallbacks. The layout is fixed
by hand (no tight layout, no measured bounding boxes) and measured only with the DejaVu Sans bundled with
matplotlib, so fonts installed on the build machine cannot change the bytes. Ids are salted (``svg.hashsalt``)
and prefixed per chart, and the SVG carries no date, so the same frames always give the same markup.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Mapping

import matplotlib
import matplotlib.transforms
import polars as pl

from matplotlib.figure import Figure

from pipeline.base.measures import conversion_factor
from pipeline.schema.tables_attachments import PROVINCE

Frames = Mapping[str, pl.DataFrame]

#: Indicators the city chart shows when the package has them (R&D spending, high-tech value added); otherwise
#: the first two indicators, in printed order, that have city values.
FEATURED_INDICATORS = ("rd_expenditure", "high_tech_industry_value_added")

RC = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titlelocation": "left",
    "axes.edgecolor": "#666666",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "text.parse_math": False,
}
GROUP_COLOURS = {  # unit_id prefix -> (colour, label)
    "zj": ("#1f5fa8", "省级部门 Provincial bodies"),
    "cn": ("#d0772b", "中央驻浙机构 Central government branches"),
    "fin": ("#3a9a5b", "金融机构 Financial institutions"),
    "city": ("#9b4f96", "市政府 City governments"),
}
LEAD_COLOUR, PARTICIPANT_COLOUR = "#1f5fa8", "#a9c4e6"


# ---------------------------------------------------------------------------------------------- SVG output

def figure_svg(fig: Figure, chart_id: str, title: str) -> str:
    """The figure as an ``<svg>`` element ready to inline: no prolog, no metadata, ids prefixed by ``chart_id``,
    no fixed width/height (it scales to its container), and an accessible name."""
    buffer = io.StringIO()
    with matplotlib.rc_context({**RC, "svg.hashsalt": chart_id}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*" ',
                 lambda m: f'<svg {m.group(1)}role="img" aria-label="{_attr(title)}" ', svg, count=1)
    return svg.strip() + "\n"


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height))


# ---------------------------------------------------------------------------------------------- labels

def short_en(name_en: str | None, limit: int = 40) -> str:
    """A compact English unit name for chart labels (the full one is in units.name_en)."""
    if not name_en:
        return ""
    s = name_en
    for phrase in (" of the People's Government of Zhejiang Province", " of Zhejiang Province",
                   " of the CPC Zhejiang Provincial Committee"):
        s = s.replace(phrase, "")
    s = re.sub(r"^(The )?Zhejiang (Provincial )?", "", s)
    for long, short in (("Department", "Dept."), ("Commission", "Comm."), ("Administration", "Admin."),
                        ("People's Government", "Gov."), ("Corporation", "Corp."), ("Association", "Assoc."),
                        ("Entry-Exit Inspection and Quarantine", "Inspection & Quarantine"), (" and ", " & ")):
        s = s.replace(long, short)
    return s if len(s) <= limit else s[:limit - 1].rstrip() + "…"


def short_zh(name_zh: str, limit: int = 10) -> str:
    return name_zh if len(name_zh) <= limit else name_zh[:limit - 1] + "…"


def unit_label(unit: Mapping[str, object], sep: str = "  ", limit: int = 40) -> str:
    """'省科技厅  Dept. of Science & Technology': the Chinese short name, then a compact English one."""
    zh = short_zh(str(unit["name_zh"]), 10 if limit >= 40 else 8)
    en = short_en(unit.get("name_en"), limit)  # type: ignore[arg-type]
    return f"{zh}{sep}{en}" if en else zh


def region_labels(regions: pl.DataFrame) -> dict[str, str]:
    """region_code -> '杭州 Hangzhou' (short Chinese name as the tables print it, and the English name)."""
    return {r["region_code"]: f"{r['short_name_zh']} {r['name_en']}" for r in regions.iter_rows(named=True)}


# ---------------------------------------------------------------------------------------------- data

def indicator_by_city(frames: Frames, indicator_id: str) -> pl.DataFrame:
    """Values of one indicator for the cities (province excluded): region_code, year, value; by code and year."""
    values = frames["indicator_values"]
    return (values.filter((pl.col("indicator_id") == indicator_id) & (pl.col("region_code") != PROVINCE))
            .select("region_code", "year", "value").sort("region_code", "year"))


def lead_counts(task_units: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """Per unit: tasks it leads and tasks it joins, with its names; most leads first (ties by unit_id)."""
    counts = (task_units.group_by("unit_id")
              .agg(lead=pl.col("task_id").filter(pl.col("role") == "lead").n_unique(),
                   participant=pl.col("task_id").filter(pl.col("role") == "participant").n_unique()))
    return (counts.join(units.select("unit_id", "name_zh", "name_en"), on="unit_id", how="left")
            .filter(pl.col("lead") > 0)
            .sort(["lead", "participant", "unit_id"], descending=[True, True, False]))


def collaborations(task_units: pl.DataFrame) -> pl.DataFrame:
    """Pairs of units named on the same task (any role): unit_a < unit_b, shared_tasks; most shared first."""
    pairs = task_units.select("task_id", "unit_id").unique()
    joined = pairs.join(pairs, on="task_id", suffix="_b").filter(pl.col("unit_id") < pl.col("unit_id_b"))
    return (joined.group_by(pl.col("unit_id").alias("unit_a"), pl.col("unit_id_b").alias("unit_b"))
            .agg(shared_tasks=pl.col("task_id").n_unique().cast(pl.Int64))
            .sort(["shared_tasks", "unit_a", "unit_b"], descending=[True, False, False]))


def collaboration_edges(frames: Frames) -> pl.DataFrame:
    """unit_a, unit_b, shared_tasks: from the unit_collaborations table when the package has it, else computed."""
    table = frames.get("unit_collaborations")
    if table is not None and {"unit_a", "unit_b", "shared_tasks"} <= set(table.columns):
        return (table.select("unit_a", "unit_b", pl.col("shared_tasks").cast(pl.Int64))
                .filter(pl.col("shared_tasks") > 0)
                .sort(["shared_tasks", "unit_a", "unit_b"], descending=[True, False, False]))
    return collaborations(frames["task_units"])


RATE_UNITS = frozenset({"%", "％"})
COMPARATOR_SIGNS = {"at_least": "≥", "more_than": ">", "about": "≈", "at_most": "≤", "exactly": "="}
TARGET_COLUMNS = ("target_id", "indicator_id", "region_code", "target_year", "value", "unit")


def unit_factor(from_unit: str, to_unit: str) -> float | None:
    """Multiplier from ``from_unit`` to ``to_unit`` when they differ only by 万/亿 prefixes, else None."""
    factor = conversion_factor(from_unit, to_unit)
    return None if factor is None else float(factor)


def target_comparison(frames: Frames) -> tuple[pl.DataFrame | None, str]:
    """Prose targets linked to an indicator cell (indicator_id, region_code, target_year), next to that cell.

    The prose number is converted to the indicator's unit (万/亿 prefixes only); rate targets (%) and targets
    whose unit cannot be converted restate no cell and are left out. ``disagrees`` is whether the findings
    table lists the target (finding_id target-<target_id>), None without a findings table. Returns (frame or
    None, note why None).
    """
    targets = frames.get("targets")
    if targets is None:
        return None, "the package has no targets table yet, so prose targets cannot be compared with the tables."
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        return None, f"the targets table lacks the columns {', '.join(missing)}."
    indicators = {r["indicator_id"]: r for r in frames["indicators"].iter_rows(named=True)}
    regions = {r["region_code"]: r["short_name_zh"] for r in frames["regions"].iter_rows(named=True)}
    keys = ["indicator_id", "region_code", "year"]
    wanted = targets.select("indicator_id", "region_code", pl.col("target_year").alias("year")).unique()
    values = frames["indicator_values"].select(*keys, "value")
    # only the cells some target names (a semi join keeps the published order, so the last duplicate wins as before)
    values = values.join(wanted.cast(values.select(keys).schema), on=keys, how="semi", maintain_order="left")
    cells = {(i, r, y): v for i, r, y, v in values.iter_rows()}
    findings = frames.get("findings")
    flagged = set(findings["finding_id"]) if findings is not None and "finding_id" in findings.columns else None
    rows = []
    for t in targets.sort("target_id").iter_rows(named=True):
        key = (t["indicator_id"], t["region_code"], t["target_year"])
        if None in key or key not in cells or t["value"] is None or (t["unit"] or "").strip() in RATE_UNITS:
            continue
        meta = indicators[t["indicator_id"]]
        factor = unit_factor((t["unit"] or meta["unit_zh"]).strip(), meta["unit_zh"])
        if factor is None:
            continue
        sign = COMPARATOR_SIGNS.get(t.get("comparator") or "exactly", "=")
        rows.append({
            "target_id": t["target_id"],
            "label": f"{regions.get(key[1], key[1])} {key[2]} {meta['name_zh']} · {meta['name_en']}",
            "prose": f"{sign}{t['value']:g}{t['unit'] or ''}",
            "prose_value": t["value"] * factor,
            "table_value": cells[key],
            "unit_zh": meta["unit_zh"],
            "disagrees": None if flagged is None else f"target-{t['target_id']}" in flagged,
        })
    if not rows:
        return None, "no prose target restates a value of the indicator tables (same indicator, region and year)."
    return pl.DataFrame(rows, schema_overrides={"disagrees": pl.Boolean}), ""


# ---------------------------------------------------------------------------------------------- charts

def featured_indicators(frames: Frames) -> list[str]:
    """The two indicators of the city chart (``FEATURED_INDICATORS`` where present, else the first two with city
    values, in printed order); fewer than two when the package has fewer."""
    with_cities = [i for i in frames["indicators"]["indicator_id"].unique(maintain_order=True).to_list()
                   if indicator_by_city(frames, i).height]
    preferred = [i for i in FEATURED_INDICATORS if i in with_cities]
    return (preferred if len(preferred) == 2 else with_cities)[:2]


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
    fig = _figure(11, 7.0)
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
    """Each prose target against the table value it restates, as the difference in percent of the table value
    (0 = the same number); red when the findings table lists it. (None, note) when nothing can be compared."""
    compared, note = target_comparison(frames)
    if compared is None:
        return None, note
    rows = compared.to_dicts()
    diffs = [100 * (r["prose_value"] - r["table_value"]) / r["table_value"] if r["table_value"] else 0.0
             for r in rows]
    span = max([abs(d) for d in diffs] + [1.0]) * 1.25
    height = 1.4 + 0.62 * len(rows)
    fig = _figure(11, height)
    with matplotlib.rc_context(RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.03, right=0.52, top=1 - 0.8 / height, bottom=0.6 / height)
        label_at = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
        for i, (r, diff) in enumerate(zip(rows, diffs)):
            colour = {True: "#c23b22", False: "#3a9a5b", None: "#1f5fa8"}[r["disagrees"]]
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
        fig.text(0.03, 1 - 0.12 / height, "正文目标与附表数值  Prose targets against the indicator tables",
                 fontsize=11, va="top")
        legend = ("绿色:在印刷数字的舍入范围内一致;红色:列入 findings  Green: agrees within the rounding of the "
                  "printed figures; red: listed in findings" if compared["disagrees"].null_count() == 0 else
                  "无 findings 表,未判断是否一致  No findings table: agreement not judged")
        fig.text(0.03, 1 - 0.4 / height, legend, fontsize=8, va="top", color="#444444")
    return figure_svg(fig, "chart-targets", "Prose targets against the indicator tables"), ""


def lead_units_chart(frames: Frames, top: int = 20) -> str:
    """The units that lead most tasks (task_units role=lead), with the tasks they join as participants."""
    counts = lead_counts(frames["task_units"], frames["units"]).head(top)
    rows = counts.to_dicts()
    fig = _figure(11, 1.5 + 0.32 * len(rows))
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
        ax.set_yticks(list(ys), [unit_label(r) for r in rows])
        ax.invert_yaxis()
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


def collaboration_network_chart(frames: Frames) -> str:
    """Units on a circle, joined where they are named on the same task; line width = tasks shared."""
    import math

    LIMIT = 2.7  # noqa: N806 - half the side of the drawing, in units of the circle's radius

    edges = collaboration_edges(frames).to_dicts()
    units = {r["unit_id"]: r for r in frames["units"].iter_rows(named=True)}
    tasks_per_unit = {r["unit_id"]: r["tasks"] for r in frames["task_units"].group_by("unit_id")
                      .agg(tasks=pl.col("task_id").n_unique()).iter_rows(named=True)}
    degree: dict[str, int] = {}
    for e in edges:
        for u in (e["unit_a"], e["unit_b"]):
            degree[u] = degree.get(u, 0) + e["shared_tasks"]
    group_order = list(GROUP_COLOURS)
    nodes = sorted(degree, key=lambda u: (group_order.index(_group(u)), -degree[u], u))
    n = len(nodes)
    pos = {u: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
           for i, u in enumerate(nodes)}
    fig = _figure(11, 11)
    with matplotlib.rc_context(RC):
        ax = fig.add_axes((0, 0, 1, 1))
        # Room beyond the circle for the longest label (8 Chinese characters + 30 Latin ones at 7.5 pt, about
        # 190 pt) with a quarter to spare, so a wider CJK fallback font in the reader's browser does not cut it.
        ax.set_xlim(-LIMIT, LIMIT)
        ax.set_ylim(-LIMIT, LIMIT)
        ax.set_aspect("equal")
        ax.axis("off")
        top = max((e["shared_tasks"] for e in edges), default=1)
        for e in sorted(edges, key=lambda e: (e["shared_tasks"], e["unit_a"], e["unit_b"])):
            (x1, y1), (x2, y2) = pos[e["unit_a"]], pos[e["unit_b"]]
            weight = e["shared_tasks"] / top
            ax.plot([x1, x2], [y1, y2], color="#4a6fa5", alpha=0.2 + 0.6 * weight,
                    linewidth=0.4 + 5.6 * weight, solid_capstyle="round", zorder=1)
        for u in nodes:
            x, y = pos[u]
            ax.scatter([x], [y], s=25 + 12 * tasks_per_unit.get(u, 0), color=GROUP_COLOURS[_group(u)][0],
                       edgecolors="white", linewidths=0.8, zorder=2)
            # One line per label, rotated along the radius: single-line text keeps SVG text-anchor, so the
            # browser aligns it whatever the width of the CJK glyphs it finds.
            angle = math.degrees(math.atan2(y, x))
            right = -90 <= angle <= 90
            unit = units.get(u, {"name_zh": u, "name_en": None})
            ax.text(1.06 * x, 1.06 * y, unit_label(unit, sep=" ", limit=30), ha="left" if right else "right", va="center",
                    rotation=angle if right else angle - 180, rotation_mode="anchor", fontsize=7.5,
                    color="#222222", zorder=3)
        present = {_group(u) for u in nodes}
        handles = [ax.scatter([], [], s=60, color=colour, label=label)
                   for key, (colour, label) in GROUP_COLOURS.items() if key in present]
        ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=9, bbox_to_anchor=(0.01, 0.01))
        edge, step = LIMIT - 0.03, LIMIT / 24
        ax.text(-edge, edge, "单位协作网络", fontsize=13, va="top")
        ax.text(-edge, edge - 1.2 * step, "Collaboration network of units", fontsize=12, va="top")
        for i, note in enumerate(("线越粗,共同承担的任务越多", "Thicker line = more tasks shared",
                                  "圆点越大,承担的任务越多", "Bigger dot = more tasks of the unit")):
            ax.text(edge, edge - i * step, note, fontsize=9, va="top", ha="right", color="#444444")
    return figure_svg(fig, "chart-collaboration", "Collaboration network of units")


def _group(unit_id: str) -> str:
    prefix = unit_id.split("-", 1)[0]
    return prefix if prefix in GROUP_COLOURS else "zj"
