// Documents: select a passage of the rendered document and choose "Comment on this" to quote it in a
// new comment. Without this script the form still works: paste the passage into its quote field.
(function () {
  "use strict";
  var body = document.getElementById("doc-body");
  var button = document.getElementById("quote-button");
  if (!body || !button) return;
  var form = document.getElementById(body.getAttribute("data-comment-form"));
  if (!form) return;
  var quote = form.querySelector("textarea[name=quote]");
  var comment = form.querySelector("textarea[name=body]");
  var chosen = "";

  function selectedPassage() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    var text = sel.toString().replace(/\s+/g, " ").trim();
    if (!text) return null;
    return { text: text.slice(0, 1000), rect: range.getBoundingClientRect() };
  }

  function place() {
    var found = selectedPassage();
    if (!found) {
      button.hidden = true;
      return;
    }
    chosen = found.text;
    button.hidden = false;
    var top = found.rect.bottom + window.scrollY + 6;
    var left = Math.max(8, Math.min(found.rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - button.offsetWidth - 8));
    button.style.top = top + "px";
    button.style.left = left + "px";
  }

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(place.timer);
    place.timer = window.setTimeout(place, 120);
  });

  // Keep the selection when the button is pressed, then quote it.
  button.addEventListener("mousedown", function (e) { e.preventDefault(); });
  button.addEventListener("click", function () {
    if (!chosen) return;
    quote.value = chosen;
    button.hidden = true;
    form.scrollIntoView({ behavior: "smooth", block: "center" });
    comment.focus({ preventScroll: true });
  });
})();
