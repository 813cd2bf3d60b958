// Disable a form's submit button once it is sent, so a double click posts once (the server
// also treats a repeated application as the same one).
document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("button[data-once]");
  if (button) {
    window.setTimeout(function () { button.disabled = true; }, 0);
  }
});
