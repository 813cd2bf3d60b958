"""Management by numbers: rollups of the report history, KPIs, scores, maps.

Reads for dashboards go through `shahrvand.analytics.selectors` (see its docstring for
the contract); writes to the rollup tables only through `shahrvand.analytics.services`.
"""
