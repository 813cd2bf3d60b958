#!/usr/bin/env bash
# Copy the front-end files Shahrvand serves from node_modules (installed by npm ci) into
# build/vendor, which Django serves as /static/vendor/. Nothing vendored is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/vendor
rm -rf "$out"
mkdir -p "$out/htmx" "$out/leaflet" "$out/vazirmatn/fonts/webfonts"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp node_modules/vazirmatn/Vazirmatn-Variable-font-face.css "$out/vazirmatn/"
cp "node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2" "$out/vazirmatn/fonts/webfonts/"
# TrueType files embedded in server-side PDFs (supervisory reports, e-service certificates).
mkdir -p "$out/vazirmatn/fonts/ttf"
cp node_modules/vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf node_modules/vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf "$out/vazirmatn/fonts/ttf/"
mkdir -p "$out/markercluster"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/markercluster/"
# Charts of the analytics dashboards: the "common" build (line, bar, pie) is all they draw.
mkdir -p "$out/echarts"
cp node_modules/echarts/dist/echarts.common.min.js "$out/echarts/echarts.min.js"
cp node_modules/echarts/LICENSE "$out/echarts/"
