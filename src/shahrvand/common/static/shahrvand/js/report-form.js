// Progressive enhancement of the report form: a Leaflet map to pick the place, the phone's
// location, and a search box over the category list. Without JavaScript the form still
// works with coordinates or district + address.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function normalise(text) {
    return (text || "").replace(/ي/g, "ی").replace(/ك/g, "ک").replace(/\u200c/g, " ").trim();
  }

  function setupCategoryFilter() {
    var filter = document.getElementById("category-filter");
    var select = document.getElementById("id_category");
    if (!filter || !select) return;
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var q = normalise(filter.value);
      var firstMatch = null;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var groupHit = normalise(group.label).indexOf(q) !== -1;
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (opt) {
          var hit = !q || groupHit || normalise(opt.textContent).indexOf(q) !== -1;
          opt.hidden = !hit;
          opt.disabled = !hit;
          if (hit) { any = true; if (!firstMatch) firstMatch = opt; }
        });
        group.hidden = !any;
      });
      if (q && firstMatch && (select.selectedIndex < 1 || select.options[select.selectedIndex].hidden)) {
        select.value = firstMatch.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function setupMap() {
    var el = document.getElementById("map");
    if (!el || typeof L === "undefined" || !window.ShahrvandMap) return;
    var latInput = document.getElementById("id_lat");
    var lonInput = document.getElementById("id_lon");
    var status = document.getElementById("map-status");
    el.hidden = false;
    document.getElementById("map-tools").hidden = false;
    var built = window.ShahrvandMap.create(el, {
      hint: "منطقه را از فهرست زیر برگزینید و نشانی را بنویسید؛ گزارش بدون نقطه روی نقشه هم ثبت می‌شود.",
    });
    var map = built.map;
    var marker = null;

    function place(lat, lon, pan) {
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.marker([lat, lon]).addTo(map); }
      if (pan) map.setView([lat, lon], 16);
      status.textContent = "مکان انتخاب شد.";
      document.dispatchEvent(new Event("shahrvand:placed"));
    }

    built.outlines.then(function (layer) {
      if (!layer) return;
      if (!latInput.value && layer.getLayers().length) map.fitBounds(layer.getBounds());
      layer.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, false); });
    });
    // Without tiles the district and address fields are the way to locate the problem.
    el.addEventListener("shahrvand:tiles-failed", function () {
      document.getElementById("report-form").classList.add("locate-by-address");
    });

    map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, false); });
    if (latInput.value && lonInput.value) {
      place(Number(latInput.value), Number(lonInput.value), true);
    }
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = Number(latInput.value), lon = Number(lonInput.value);
        if (latInput.value && lonInput.value && isFinite(lat) && isFinite(lon)) place(lat, lon, true);
      });
    });

    document.getElementById("locate-me").addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = "مرورگر شما موقعیت‌یابی را پشتیبانی نمی‌کند."; return; }
      status.textContent = "در حال یافتن موقعیت…";
      navigator.geolocation.getCurrentPosition(
        function (pos) { place(pos.coords.latitude, pos.coords.longitude, true); },
        function () { status.textContent = "موقعیت شما در دسترس نیست؛ روی نقشه بزنید."; },
        { enableHighAccuracy: true, timeout: 10000 }
      );
    });
  }

  // "This may already be reported": ask the server for nearby reports of the same kind
  // whenever the place, the category or (after a pause) the description changes.
  function setupNearby() {
    var box = document.getElementById("nearby");
    if (!box) return;
    var timer = null;
    function refresh() {
      var lat = document.getElementById("id_lat").value;
      var lon = document.getElementById("id_lon").value;
      var category = document.getElementById("id_category").value;
      if (!lat || !lon || !category) { box.innerHTML = ""; return; }
      var params = new URLSearchParams({
        lat: lat, lon: lon, category: category,
        description: document.getElementById("id_description").value.slice(0, 500),
      });
      fetch(box.dataset.url + "?" + params.toString(), { headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { box.innerHTML = html; })
        .catch(function () {});
    }
    function later() { clearTimeout(timer); timer = setTimeout(refresh, 400); }
    ["id_lat", "id_lon", "id_category"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", later);
    });
    document.getElementById("id_description").addEventListener("input", later);
    document.addEventListener("shahrvand:placed", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupNearby();
    setupCategoryFilter();
    setupMap();
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
  });
})();
