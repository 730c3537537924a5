// The coding workbench's keys: a number picks a category (applied at once if it has no
// subcategories), a letter then picks its subcategory, Enter applies the category alone;
// u undoes, s stars, j/k or the arrow keys move. Every key presses a real button or link,
// so the page works the same without this script.
(function () {
  "use strict";
  var chosen = null;
  function press(selector) {
    var el = document.querySelector(selector);
    if (el) { el.click(); return true; }
    return false;
  }
  function choose(key) {
    var category = document.querySelector('[data-category-key="' + key + '"]');
    if (!category) { return; }
    var subs = document.querySelectorAll('[data-parent-key="' + key + '"]');
    if (subs.length === 0) { category.click(); return; }
    chosen = key;
    document.querySelectorAll(".codes li").forEach(function (li) { li.classList.remove("chosen"); });
    category.closest("li").classList.add("chosen");
    var status = document.getElementById("key-status");
    if (status) { status.textContent = "Category " + key + " chosen: press a letter for a subcategory or Enter for the category alone."; }
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var k = e.key;
    if (/^[0-9]$/.test(k)) { choose(k); e.preventDefault(); return; }
    if (chosen && /^[a-z]$/.test(k) && k !== "u" && k !== "s" && k !== "j" && k !== "k") {
      if (press('[data-parent-key="' + chosen + '"][data-sub-key="' + k + '"]')) { e.preventDefault(); }
      return;
    }
    if (chosen && k === "Enter") { press('[data-category-key="' + chosen + '"]'); e.preventDefault(); return; }
    if (k === "u") { press("#undo"); e.preventDefault(); }
    else if (k === "s") { press("#star"); e.preventDefault(); }
    else if (k === "j" || k === "ArrowRight") { press("#next"); e.preventDefault(); }
    else if (k === "k" || k === "ArrowLeft") { press("#previous"); e.preventDefault(); }
    else if (k === "Escape") { chosen = null; }
  });
}());
