// Category suggestions while the description is typed (citizen form and phone intake):
// the server's classifier proposes three categories; a click chooses one.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("category-suggestions");
    var text = document.getElementById("id_description");
    var select = document.getElementById("id_category");
    if (!box || !text || !select) return;
    var timer = null;
    var last = "";
    function refresh() {
      var value = text.value.trim();
      if (value === last) return;
      last = value;
      if (value.length < 3) { box.innerHTML = ""; return; }
      fetch(box.dataset.url + "?" + new URLSearchParams({ description: value.slice(0, 2000) }))
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { box.innerHTML = html; })
        .catch(function () {});
    }
    text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 350); });
    box.addEventListener("click", function (event) {
      var button = event.target.closest(".suggestion-btn");
      if (!button) return;
      select.value = button.dataset.code;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      Array.prototype.forEach.call(box.querySelectorAll(".suggestion-btn"), function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
    });
  });
})();
