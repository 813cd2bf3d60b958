"""Analytics pages (staff dashboards, map, province view) and the public transparency page.

They read A1's selectors (rollups) only, never the raw reports.
"""
