// The feedback pages' script. "Exit this page" leaves at once for a neutral page and replaces
// this one in the browser's history, so Back does not return to it; pressing Shift three times
// does the same. Without script the control is a plain link that still leaves (through
// /feedback/exit). Also: the error summary takes the focus, so a screen reader reads it first,
// and the form is sent once however often Send is pressed.
(function () {
  "use strict";
  var link = document.getElementById("exit-page");
  if (link) {
    var target = link.getAttribute("data-exit-to");
    var leave = function (event) {
      if (event) {
        event.preventDefault();
      }
      document.body.style.visibility = "hidden";
      document.title = "";
      window.location.replace(target);
    };
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
  }
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  var form = document.getElementById("feedback-form");
  if (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
      }
      sent = true;
    });
  }
})();
