// The one place a map page builds its base layer (decision 0038): the page embeds its
// municipality's map configuration as JSON (<script type="application/json" id="map-config">,
// {% map_config %}); this module reads it, adds the tile layer (XYZ, WMTS, Map.ir or Neshan,
// all as URL templates), and watches it. When no tile arrives (tile server unreachable, as
// OpenStreetMap often is from Iran), the map says so in Persian, the page is told
// ("shahrvand:tiles-failed" on the map element) and the district outlines, drawn from our
// own server, keep the map usable without tiles.
(function () {
  "use strict";
  var TIMEOUT_MS = 5000;
  var FAILED_TILES = 3;
  var cached = null;

  function config() {
    if (cached) return cached;
    var node = document.getElementById("map-config");
    try { cached = node ? JSON.parse(node.textContent) : {}; } catch (e) { cached = {}; }
    return cached;
  }

  function showNotice(el, hint) {
    if (el.querySelector(".map-notice")) return;
    var box = document.createElement("div");
    box.className = "map-notice";
    box.setAttribute("role", "status");
    el.appendChild(box);
    // Text set after insertion, so screen readers announce it.
    setTimeout(function () {
      box.textContent = "نقشه بارگذاری نشد؛ " + (hint || "مرز مناطق بدون نقشه زمینه نمایش داده می‌شود.");
    }, 0);
  }

  function watch(el, layer, hint) {
    var loaded = 0, failed = 0, gone = false;
    function fail() {
      if (gone || loaded) return;
      gone = true;
      el.classList.add("tiles-failed");
      showNotice(el, hint);
      el.dispatchEvent(new CustomEvent("shahrvand:tiles-failed", { bubbles: true }));
    }
    layer.on("tileload", function () { loaded += 1; });
    layer.on("tileerror", function () { failed += 1; if (failed >= FAILED_TILES) fail(); });
    setTimeout(fail, TIMEOUT_MS);
  }

  function outlines(map, url) {
    if (!url) return Promise.resolve(null);
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        var layer = L.geoJSON(geo, {
          style: { color: "#0b5d57", weight: 2, fillOpacity: 0.06 },
          onEachFeature: function (f, l) {
            var tip = document.createElement("span");
            tip.textContent = f.properties.name;
            l.bindTooltip(tip);
          },
        }).addTo(map);
        layer.bringToBack();
        return layer;
      })
      .catch(function () { return null; });
  }

  // Build a map on `el`: options.center/zoom (default: the municipality's centre),
  // options.outlines (default true), options.hint (what to do without tiles),
  // options.leaflet (passed to L.map). Returns {map, outlines: Promise<layer|null>}.
  function create(el, options) {
    options = options || {};
    var cfg = config();
    var tiles = cfg.tiles || {};
    var map = L.map(el, options.leaflet || {});
    map.setView(options.center || cfg.center || [35.7, 51.4], options.zoom || 12);
    var layer = L.tileLayer(tiles.url || "", {
      maxZoom: tiles.maxZoom || 19,
      attribution: tiles.attribution || "",
    }).addTo(map);
    watch(el, layer, options.hint || el.dataset.offlineHint);
    var drawn = options.outlines === false ? Promise.resolve(null) : outlines(map, cfg.districts);
    return { map: map, outlines: drawn };
  }

  window.ShahrvandMap = { config: config, create: create };
})();
