// Staff location picker (phone intake, the report page's location form): nobody types
// coordinates. A click on the map or a drag of the marker fills the hidden lat/lon; the
// address search asks our server (/staff/geocode/, the configured geocoder, results
// inside the municipality only) and a chosen result moves the marker there, selects its
// district and, when empty, fills the address. Without tiles the district outlines stay
// clickable and the district + address fields remain the way to locate.
(function () {
  "use strict";
  var FA = "۰۱۲۳۴۵۶۷۸۹";
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return FA[+d]; }); }

  function setup(box) {
    var el = box.querySelector(".picker-map");
    var lat = document.getElementById(box.dataset.lat);
    var lon = document.getElementById(box.dataset.lon);
    var district = box.dataset.district ? document.getElementById(box.dataset.district) : null;
    var address = box.dataset.address ? document.getElementById(box.dataset.address) : null;
    var status = box.querySelector(".picker-status");
    var hasPoint = lat.value && lon.value;
    el.hidden = false;
    var built = window.ShahrvandMap.create(el, {
      center: hasPoint ? [Number(lat.value), Number(lon.value)] : null,
      zoom: hasPoint ? 16 : 12,
      hint: district
        ? "منطقه را از فهرست برگزینید و نشانی را بنویسید، یا روی مرز مناطق بزنید."
        : "روی مرز مناطق بزنید یا نشانی را جستجو کنید.",
    });
    var map = built.map;
    var marker = null;

    function place(la, lo, pan, districtId) {
      lat.value = la.toFixed(6);
      lon.value = lo.toFixed(6);
      if (marker) {
        marker.setLatLng([la, lo]);
      } else {
        marker = L.marker([la, lo], { draggable: true, alt: "مکان گزارش", title: "مکان گزارش" }).addTo(map);
        marker.on("dragend", function () {
          var p = marker.getLatLng();
          place(p.lat, p.lng, false, null);
        });
      }
      if (pan) map.setView([la, lo], Math.max(map.getZoom(), 16));
      if (district && districtId) district.value = String(districtId);
      box.classList.add("has-point");
      status.textContent = "مکان انتخاب شد.";
    }

    if (hasPoint) place(Number(lat.value), Number(lon.value), false, null);
    map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, false, null); });
    built.outlines.then(function (layer) {
      if (!layer) return;
      if (!hasPoint && layer.getLayers().length) map.fitBounds(layer.getBounds());
      layer.eachLayer(function (l) {
        l.on("click", function (e) {
          L.DomEvent.stopPropagation(e);
          place(e.latlng.lat, e.latlng.lng, false, l.feature.properties.id);
        });
      });
    });

    var search = box.querySelector(".geocode-search");
    var cfg = window.ShahrvandMap.config();
    if (!search || !cfg.geocoder) return;
    search.hidden = false;
    var input = search.querySelector(".geocode-q");
    var results = search.querySelector(".geocode-results");
    function run() {
      var q = input.value.trim();
      results.textContent = "";
      if (q.length < 2) { status.textContent = "دست‌کم دو حرف از نشانی را بنویسید."; return; }
      status.textContent = "در حال جستجو…";
      fetch(box.dataset.geocode + "?" + new URLSearchParams({ q: q }), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var items = data.results || [];
          status.textContent = data.error || (items.length
            ? fa(items.length) + " نتیجه؛ یکی را برگزینید."
            : "نشانی‌ای در محدوده این شهرداری پیدا نشد.");
          items.forEach(function (item) {
            var li = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "geocode-result";
            button.textContent = item.label + " — " + item.district_name;
            button.addEventListener("click", function () {
              place(item.lat, item.lon, true, item.district);
              if (address && !address.value.trim()) address.value = item.label;
              results.textContent = "";
              status.textContent = "مکان انتخاب شد: " + item.label;
            });
            li.appendChild(button);
            results.appendChild(li);
          });
        })
        .catch(function () { status.textContent = "جستجوی نشانی انجام نشد؛ روی نقشه بزنید."; });
    }
    search.querySelector(".geocode-go").addEventListener("click", run);
    // Enter searches; it must not submit the surrounding form.
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); run(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined" || !window.ShahrvandMap) return;
    Array.prototype.forEach.call(document.querySelectorAll(".location-picker"), setup);
  });
})();
