"""Persian PDFs with fpdf2: one place that embeds the font and turns on text shaping.

fpdf2's HarfBuzz shaping (uharfbuzz) joins Persian letters and lays mixed text out right
to left. The Vazirmatn TTFs are among the static files `make assets` copies from npm
(build/vendor), so no browser or system font is needed at run time. Used by the
supervisory reports (analytics.exports.pdf) and e-service certificates (eservices).
"""

from __future__ import annotations

import logging

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF

FONT = "Vazirmatn"
FONT_FILES = {
    "": "vendor/vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf",
    "B": "vendor/vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf",
}
# fontTools logs every table it prunes while subsetting the embedded font at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class FontMissing(ImproperlyConfigured):
    """The Persian TTF is not among the static files: run `make assets`."""


def font_path(style: str) -> str:
    found = finders.find(FONT_FILES[style])
    if not found or isinstance(found, list):
        raise FontMissing(f"{FONT_FILES[style]} not found; run `make assets`")
    return str(found)


def prepare_persian(pdf: FPDF, *, title: str) -> None:
    """Embed Vazirmatn (regular as style "", bold as "B") and shape text right to left."""
    for style in FONT_FILES:
        pdf.add_font(FONT, style, font_path(style))
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.set_title(title)
    pdf.set_lang("fa")
    pdf.set_creator("Shahrvand")
