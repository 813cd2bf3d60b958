// Keyboard-first dispatching: j/k move between reports, a accepts, s takes the
// suggested category, x toggles the selection for bulk actions.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var rows = Array.prototype.slice.call(document.querySelectorAll(".dispatch-row"));
    if (!rows.length) return;
    rows[0].focus();
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) return;
      var current = document.activeElement.closest ? document.activeElement.closest(".dispatch-row") : null;
      var index = current ? rows.indexOf(current) : -1;
      var key = event.key.toLowerCase();
      if (key === "j" || key === "k") {
        var next = rows[Math.max(0, Math.min(rows.length - 1, index + (key === "j" ? 1 : -1)))];
        next.focus();
        event.preventDefault();
      } else if (current && key === "a") {
        current.querySelector(".accept-form").submit();
      } else if (current && key === "s") {
        var suggest = current.querySelector(".suggest-form");
        if (suggest) suggest.submit();
      } else if (current && key === "x") {
        var box = current.querySelector("input[type=checkbox]");
        box.checked = !box.checked;
        event.preventDefault();
      }
    });
  });
})();
