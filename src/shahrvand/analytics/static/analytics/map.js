// Analytics map: H3 hexagon heat map and district choropleth (Leaflet, GeoJSON from the
// server), on the municipality's base map (basemap.js). Works without tiles: the shapes,
// the district outlines and the legend are drawn either way.
(function () {
  "use strict";
  var SCALE = ["#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#990000"];
  // Legend bounds with Persian digits, ٬ and ٫: the shared formatter (digits.js).
  function fmt(v) { return window.ShahrvandDigits.formatNumber(Math.round(v * 10) / 10); }

  // Five classes of equal width up to the largest value (upper bounds, inclusive). Counts
  // get whole-number bounds; classes that collapse into one are merged, and the largest
  // value always gets the darkest colour.
  function classes(values, integer) {
    var max = Math.max.apply(null, values.concat([0]));
    var uppers = [];
    [1, 2, 3, 4, 5].forEach(function (i) {
      var u = integer ? Math.ceil((max * i) / 5) : (max * i) / 5;
      if (!uppers.length || u > uppers[uppers.length - 1]) uppers.push(u);
    });
    var n = uppers.length;
    return uppers.map(function (u, j) {
      return { upper: u, shade: n === 1 ? SCALE.length - 1 : Math.round((j * (SCALE.length - 1)) / (n - 1)) };
    });
  }
  function shadeOf(value, cls) {
    for (var i = 0; i < cls.length; i++) if (value <= cls[i].upper) return cls[i].shade;
    return SCALE.length - 1;
  }

  function legend(box, title, cls, unit, integer) {
    box.textContent = "";
    var h = document.createElement("p");
    h.className = "legend-title";
    h.textContent = title;
    box.appendChild(h);
    var list = document.createElement("ul");
    list.className = "legend-scale";
    var lower = 0;
    cls.forEach(function (c) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch swatch-" + c.shade;
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      var from = integer ? Math.max(1, Math.floor(lower) + 1) : lower;
      var text = integer && from === c.upper ? fmt(c.upper) : fmt(from) + " تا " + fmt(c.upper);
      li.appendChild(document.createTextNode(" " + text + " " + unit));
      list.appendChild(li);
      lower = c.upper;
    });
    box.appendChild(list);
  }

  function draw(el) {
    if (typeof L === "undefined" || !window.ShahrvandMap) return;
    var map = window.ShahrvandMap.create(el, {
      center: [+el.dataset.lat, +el.dataset.lon],
      zoom: 11,
      outlines: el.dataset.outlines === "true",
    }).map;
    var box = document.getElementById(el.dataset.legend);
    var valueKey = el.dataset.value;
    fetch(el.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        var integer = el.dataset.integer === "true";
        var values = geo.features.map(function (f) { return f.properties[valueKey] || 0; });
        var cls = classes(values, integer);
        var layer = L.geoJSON(geo, {
          style: function (f) {
            return { color: "#1c2430", weight: 1, fillOpacity: 0.75, fillColor: SCALE[shadeOf(f.properties[valueKey] || 0, cls)] };
          },
          onEachFeature: function (f, l) {
            var tip = document.createElement("span");
            tip.textContent = window.ShahrvandDigits.toPersianDigits(f.properties.label);
            l.bindTooltip(tip);
          },
        }).addTo(map);
        if (layer.getLayers().length) {
          var fit = function () { map.fitBounds(layer.getBounds(), { maxZoom: 14 }); };
          fit();
          map.on("resize", fit); // a phone turned sideways still shows every shape
        }
        if (box) legend(box, el.dataset.legendTitle, cls, el.dataset.unit || "", integer);
        el.classList.add("map-ready");
        el.setAttribute("data-features", String(geo.features.length));
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".analytics-map[data-url]"), draw);
  });
})();
