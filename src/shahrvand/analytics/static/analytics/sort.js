// Sortable tables: <table class="sortable">, header buttons, cells carry data-value.
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.getAttribute("data-value");
    if (raw === null) return cell.textContent.trim();
    if (raw === "") return -Infinity; // no data sorts last when descending
    var n = Number(raw);
    return isNaN(n) ? raw : n;
  }
  function sort(table, index, button) {
    var th = button.closest("th");
    var descending = th.getAttribute("aria-sort") !== "descending";
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fa");
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, index) {
        var button = th.querySelector("button.sort");
        if (button) button.addEventListener("click", function () { sort(table, index, button); });
      });
    });
  });
})();
