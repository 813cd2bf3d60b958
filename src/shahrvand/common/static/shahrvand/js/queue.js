// Work queue: clustered map of the current filter, shown on demand, over the district
// outlines (drawn without tiles too, see basemap.js).
(function () {
  "use strict";
  // Cluster counts in Persian digits (the default icon writes them in ASCII).
  if (window.L && L.MarkerClusterGroup && window.ShahrvandDigits) {
    L.MarkerClusterGroup.mergeOptions({ iconCreateFunction: window.ShahrvandDigits.clusterIcon });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("toggle-map");
    var el = document.getElementById("queue-map");
    if (!button || !el || typeof L === "undefined" || !window.ShahrvandMap) return;
    var map = null;
    button.addEventListener("click", function () {
      var show = el.hidden;
      el.hidden = !show;
      button.setAttribute("aria-expanded", String(show));
      button.textContent = show ? "بستن نقشه" : "نمایش نقشه";
      if (!show || map) { if (map) map.invalidateSize(); return; }
      var built = window.ShahrvandMap.create(el, { zoom: 11 });
      map = built.map;
      var cluster = L.markerClusterGroup();
      fetch(el.dataset.url).then(function (r) { return r.json(); }).then(function (geo) {
        var layer = L.geoJSON(geo, {
          onEachFeature: function (f, l) {
            var url = el.dataset.reportUrl.replace("000000000000", f.properties.code);
            l.bindPopup('<a href="' + url + '">' + f.properties.category + "</a>");
          },
        });
        cluster.addLayer(layer);
        map.addLayer(cluster);
        if (layer.getLayers().length) {
          map.fitBounds(cluster.getBounds(), { maxZoom: 15 });
        } else {
          built.outlines.then(function (o) { if (o && o.getLayers().length) map.fitBounds(o.getBounds()); });
        }
      });
    });
  });
})();
