"""Open311 GeoReport v2 server (XML + JSON) for third-party apps; see docs/open311.md."""
