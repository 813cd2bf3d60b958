// Field crew: sort my work by distance, and attach the phone's position to an update.
(function () {
  "use strict";
  function locate(done, status) {
    if (!navigator.geolocation) { if (status) status.textContent = "موقعیت‌یابی در دسترس نیست."; return; }
    navigator.geolocation.getCurrentPosition(
      function (pos) { done(pos.coords.latitude, pos.coords.longitude); },
      function () { if (status) status.textContent = "اجازه دسترسی به موقعیت داده نشد."; },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  }
  document.addEventListener("DOMContentLoaded", function () {
    var status = document.getElementById("geo-status");
    var sort = document.getElementById("sort-distance");
    if (sort) {
      sort.addEventListener("click", function () {
        if (status) status.textContent = "در حال یافتن موقعیت…";
        locate(function (lat, lon) {
          window.location.search = "?lat=" + lat.toFixed(6) + "&lon=" + lon.toFixed(6);
        }, status);
      });
    }
    var form = document.getElementById("field-form");
    if (form) {
      locate(function (lat, lon) {
        document.getElementById("id_lat").value = lat.toFixed(6);
        document.getElementById("id_lon").value = lon.toFixed(6);
        if (status) status.textContent = "مکان شما برای ثبت آماده است.";
      }, status);
    }
  });
})();
