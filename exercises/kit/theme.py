"""The book's altair theme: a colour-blind-safe palette and readable type.

The palette is Okabe and Ito's (2008), chosen so that the colours stay distinct for the
common forms of colour blindness; charts also vary stroke dash or shape where colour alone
would carry meaning.
"""

from __future__ import annotations

import altair as alt

__all__ = ["BEST", "FONT", "INK", "PALETTE", "RULE", "THEME_NAME", "WARNING", "YOURS", "enable_theme"]

#: Okabe–Ito colours, in the order charts use them.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Text drawn inside charts (contrast above 15:1 on white).
INK = "#111111"
#: The learner's own choice in a chart (Okabe–Ito blue).
YOURS = PALETTE[0]
#: A rule of thumb the learner's choice is compared with (Okabe–Ito vermillion, 3.7:1 on white).
RULE = PALETTE[5]
#: The best possible answer, drawn dashed so it does not rely on colour.
BEST = "#000000"
#: Warnings and problems, in charts and exercises (contrast 6.9:1 on white: AA for any size).
WARNING = "#A0301C"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
THEME_NAME = "leading_products"


@alt.theme.register(THEME_NAME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "range": {"category": list(PALETTE)},
            "view": {"stroke": None, "continuousWidth": 520, "continuousHeight": 280},
            "axis": {"labelFontSize": 13, "titleFontSize": 14, "titleFontWeight": "normal",
                     "labelColor": "#333333", "titleColor": "#333333", "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 13, "titleFontSize": 14, "titleFontWeight": "normal",
                       "labelLimit": 260, "symbolStrokeWidth": 3},
            "title": {"fontSize": 16, "fontWeight": "normal", "anchor": "start", "color": INK,
                      "subtitleFontSize": 13, "subtitleColor": "#444444"},
            "text": {"fontSize": 13},
            "line": {"strokeWidth": 3},
        }
    }


def enable_theme() -> None:
    """Make the book's theme the active altair theme."""
    alt.theme.enable(THEME_NAME)
