// Keyboard-first dispatching: j/k move between reports, a accepts, s takes the
// suggested category, x toggles the selection for bulk actions.
// Keys are matched by KeyboardEvent.code (the physical key), not .key, so the shortcuts
// work the same with the Persian layout (where the J key types «ت»).
(function () {
  "use strict";
  var KEYS = { KeyJ: "next", KeyK: "previous", KeyA: "accept", KeyS: "suggest", KeyX: "select" };
  document.addEventListener("DOMContentLoaded", function () {
    var rows = Array.prototype.slice.call(document.querySelectorAll(".dispatch-row"));
    if (!rows.length) return;
    rows[0].focus();
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) return;
      var action = KEYS[event.code];
      if (!action) return;
      var current = document.activeElement.closest ? document.activeElement.closest(".dispatch-row") : null;
      var index = current ? rows.indexOf(current) : -1;
      if (action === "next" || action === "previous") {
        var next = rows[Math.max(0, Math.min(rows.length - 1, index + (action === "next" ? 1 : -1)))];
        next.focus();
        event.preventDefault();
      } else if (current && action === "accept") {
        var form = current.querySelector(".accept-form");
        var category = form.querySelector("select[name=category]");
        // A report awaiting categorisation needs a category first: go to its select.
        if (category && !category.value) {
          category.focus();
          event.preventDefault();
        } else {
          form.submit();
        }
      } else if (current && action === "suggest") {
        var suggest = current.querySelector(".suggest-form");
        if (suggest) suggest.submit();
      } else if (current && action === "select") {
        var box = current.querySelector("input[type=checkbox]");
        box.checked = !box.checked;
        event.preventDefault();
      }
    });
  });
})();
