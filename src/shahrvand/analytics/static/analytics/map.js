// Analytics map: H3 hexagon heat map and district choropleth (Leaflet, GeoJSON from the
// server). Works without tiles: the shapes and the legend are drawn either way.
(function () {
  "use strict";
  var SCALE = ["#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#990000"];
  var FA = "۰۱۲۳۴۵۶۷۸۹";
  function fa(value) {
    return String(value).replace(/[0-9]/g, function (d) { return FA[+d]; }).replace(/\./g, "٫");
  }
  function fmt(v) { return fa(Math.round(v * 10) / 10); }

  function breaks(values) {
    var max = Math.max.apply(null, values.concat([0]));
    if (max <= 0) return [0, 0, 0, 0];
    return [1, 2, 3, 4].map(function (i) { return (max * i) / 5; });
  }
  function colour(value, cuts) {
    for (var i = 0; i < cuts.length; i++) if (value <= cuts[i]) return SCALE[i];
    return SCALE[SCALE.length - 1];
  }

  function legend(box, title, cuts, unit) {
    box.textContent = "";
    var h = document.createElement("p");
    h.className = "legend-title";
    h.textContent = title;
    box.appendChild(h);
    var list = document.createElement("ul");
    list.className = "legend-scale";
    var lower = 0;
    SCALE.forEach(function (_, i) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch swatch-" + i;
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      var upper = cuts[i];
      var text = upper === undefined ? "بیش از " + fmt(lower) : fmt(lower) + " تا " + fmt(upper);
      li.appendChild(document.createTextNode(" " + text + " " + unit));
      list.appendChild(li);
      lower = upper;
    });
    box.appendChild(list);
  }

  function draw(el) {
    if (typeof L === "undefined") return;
    var map = L.map(el, { preferCanvas: false }).setView([+el.dataset.lat, +el.dataset.lon], 11);
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
    var box = document.getElementById(el.dataset.legend);
    var valueKey = el.dataset.value;
    fetch(el.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        var values = geo.features.map(function (f) { return f.properties[valueKey] || 0; });
        var cuts = breaks(values);
        var layer = L.geoJSON(geo, {
          style: function (f) {
            return { color: "#1c2430", weight: 1, fillOpacity: 0.75, fillColor: colour(f.properties[valueKey] || 0, cuts) };
          },
          onEachFeature: function (f, l) {
            var tip = document.createElement("span");
            tip.textContent = f.properties.label;
            l.bindTooltip(tip);
          },
        }).addTo(map);
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 14 });
        if (box) legend(box, el.dataset.legendTitle, cuts, el.dataset.unit || "");
        el.classList.add("map-ready");
        el.setAttribute("data-features", String(geo.features.length));
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".analytics-map[data-url]"), draw);
  });
})();
