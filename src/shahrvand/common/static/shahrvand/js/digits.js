// Numbers as a Persian reader expects them, for everything a script draws on a page (chart
// labels and tooltips, map legends, cluster counts): Persian digits (۰–۹), the Persian
// decimal separator ٫ (U+066B) and the Persian thousands separator ٬ (U+066C), the same
// characters the server's `fa_number` filter and the PDFs use (docs/persian-digits.md).
// Machine values (data attributes, URLs, form values, JSON) stay ASCII: convert only the
// text that is shown. Loaded by base.html before every page script, as ShahrvandDigits.
(function () {
  "use strict";
  var FA = "۰۱۲۳۴۵۶۷۸۹";

  // Every ASCII digit in `value` as a Persian digit; "." and "," are left alone (a label
  // such as "1405-08" or a name may carry them in a non-numeric sense).
  function toPersianDigits(value) {
    return String(value).replace(/[0-9]/g, function (d) { return FA[+d]; });
  }

  // A number: grouped by thousands (٬), `decimals` fixed places (default: up to one), ٫.
  function formatNumber(value, decimals) {
    if (value === null || value === undefined || value === "" || isNaN(Number(value))) return "—";
    var options = decimals === undefined
      ? { maximumFractionDigits: 1 }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    var text = Number(value).toLocaleString("en-US", options);
    return toPersianDigits(text.replace(/,/g, "\u066C").replace(/\./g, "\u066B"));
  }

  // leaflet.markercluster's default icon with the count in Persian digits.
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var span = document.createElement("span");
    span.textContent = formatNumber(count, 0);
    var div = document.createElement("div");
    div.appendChild(span);
    return new window.L.DivIcon({
      html: div, className: "marker-cluster marker-cluster-" + size, iconSize: new window.L.Point(40, 40),
    });
  }

  window.ShahrvandDigits = {
    toPersianDigits: toPersianDigits,
    formatNumber: formatNumber,
    clusterIcon: clusterIcon,
  };
})();
