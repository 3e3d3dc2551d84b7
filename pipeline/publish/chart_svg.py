"""How a chart becomes inline SVG: the matplotlib settings every chart is drawn under, a new figure, and the
figure written as an ``<svg>`` element. Nothing here knows what a chart shows.

Text stays text (``svg.fonttype='none'``), so no CJK font is needed to build; the page's CSS gives the browser a
font stack with CJK fallbacks. The layout is fixed by hand (no tight layout, no measured bounding boxes) and
measured only with the DejaVu Sans bundled with matplotlib, so fonts installed on the build machine cannot change
the bytes. Ids are salted (``svg.hashsalt``) and prefixed per chart, and the SVG carries no date, so the same
frames always give the same markup.
"""

from __future__ import annotations

import io
import re
import warnings

import matplotlib

from matplotlib.figure import Figure

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


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of that size (inches) made under the charts' settings."""
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height))
