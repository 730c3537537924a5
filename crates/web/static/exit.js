// "Exit this page": leaves at once for a neutral page and replaces this one in the browser's
// history, so Back does not return to it. Pressing Shift three times does the same. Without
// script the control is a plain link that still leaves (through /feedback/exit).
(function () {
  "use strict";
  var link = document.getElementById("exit-page");
  if (!link) {
    return;
  }
  var target = link.getAttribute("data-exit-to");
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) {
      leave();
    }
  });
})();
