// Documents: select a passage of the rendered document and choose "Comment on this" to quote it in a
// new comment. Without this script the form still works: paste the passage into its quote field.
(function () {
  "use strict";
  var body = document.getElementById("doc-body");
  var button = document.getElementById("quote-button");
  if (!body || !button) return;

  // "Show in the document": select the quoted passage where it is now, white space and case aside.
  var index = null; // the document's text with white space made single and lower-cased, and where each character came from

  function textIndex() {
    if (index) return index;
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var parts = [];
    var map = [];
    var lastSpace = true;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var s = node.nodeValue;
      for (var i = 0; i < s.length; i++) {
        var c = s[i];
        if (/\s/.test(c)) {
          if (lastSpace) continue;
          c = " ";
          lastSpace = true;
        } else {
          lastSpace = false;
        }
        var lower = c.toLowerCase();
        parts.push(lower.length === 1 ? lower : c); // keep one character per position
        map.push([node, i]);
      }
    }
    index = { text: parts.join(""), map: map };
    return index;
  }

  function findPassage(passage) {
    var want = passage.replace(/\s+/g, " ").trim().toLowerCase();
    if (!want) return null;
    var text = textIndex().text;
    var map = textIndex().map;
    var at = text.indexOf(want);
    if (at < 0) return null;
    var range = document.createRange();
    range.setStart(map[at][0], map[at][1]);
    var end = map[at + want.length - 1];
    range.setEnd(end[0], end[1] + 1);
    return range;
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.show-passage"), function (show) {
    if (!findPassage(show.getAttribute("data-quote"))) return;
    show.hidden = false;
    show.addEventListener("click", function () {
      var range = findPassage(show.getAttribute("data-quote"));
      if (!range) return;
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var target = range.startContainer.parentElement;
      if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });
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
