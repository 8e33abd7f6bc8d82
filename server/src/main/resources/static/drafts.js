// Drafts on the server: a composer's textarea marked data-draft="reply:<threadId>" (or thread:<spaceId>,
// comment:<documentId>) is saved as its writer types, a moment after they stop, and comes back after a reload.
// A refused submit shows the text again (the server keeps it in the page); it is saved as the draft once more.
// Sending removes the draft on the server, in the same transaction as the post. Drafts are their author's alone.
// Sending also stops the saving: nothing more is saved, saves still in flight are aborted, and each save says when
// the page's text began (data-draft-since, the server's time), so one that reaches the server after the post anyway
// is refused (409) rather than bring the sent text back.
(function () {
  "use strict";
  var PAUSE = 700;

  function csrf() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") : "";
  }

  function attach(area) {
    var key = area.getAttribute("data-draft");
    var url = "/api/v1/drafts/" + encodeURIComponent(key);
    var titleId = area.getAttribute("data-draft-title");
    var title = titleId ? document.getElementById(titleId) : null;
    var status = document.createElement("p");
    status.className = "draft-status hint";
    status.setAttribute("aria-live", "polite");
    status.id = area.id + "-draft-status";
    var anchor = area.nextSibling;
    while (anchor && anchor.nodeType === 1 && /mention-picker|landing/.test(anchor.className)) anchor = anchor.nextSibling;
    area.parentNode.insertBefore(status, anchor);
    var timer = null;
    var saved = null;
    var sending = false;
    var since = area.getAttribute("data-draft-since");
    var inFlight = [];

    function now() {
      return JSON.stringify({ title: title ? title.value : "", body: area.value });
    }

    function payload() {
      var draft = JSON.parse(now());
      if (since) draft.basedOn = since;
      return JSON.stringify(draft);
    }

    function say(text) {
      status.textContent = text;
    }

    function save(keepalive) {
      timer = null;
      var body = now();
      if (body === saved || sending) return;
      saved = body;
      var abort = window.AbortController ? new AbortController() : null;
      if (abort) inFlight.push(abort);
      fetch(url, { method: "PUT", credentials: "same-origin", keepalive: !!keepalive, signal: abort ? abort.signal : undefined,
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() }, body: payload() })
        .then(function (r) {
          if (sending) return;
          if (r.ok) say(r.status === 204 ? "" : "Draft saved.");
          // Sent from another page since this one opened: what is typed here now is a new draft.
          else if (r.status === 409) { since = null; saved = null; later(); }
          else { saved = null; say("Could not save the draft; your text is still here."); }
        })
        .catch(function () { if (!sending) { saved = null; say("Offline: the draft is not saved yet."); } })
        .then(function () { if (abort) inFlight.splice(inFlight.indexOf(abort), 1); });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(save, PAUSE);
    }

    area.addEventListener("input", later);
    if (title) title.addEventListener("input", later);
    // The post carries the text; the server removes the draft when it is sent, so nothing more goes out now, and
    // saves not yet answered are called off.
    if (area.form) area.form.addEventListener("submit", function () {
      clearTimeout(timer);
      timer = null;
      sending = true;
      inFlight.splice(0).forEach(function (a) { a.abort(); });
    });
    // Leaving with typing not yet saved: save it on the way out.
    window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); save(true); } });
    // Back to a page kept from before the send: what is typed now is new, so it is saved without the old page's time.
    window.addEventListener("pageshow", function (e) { if (e.persisted) { sending = false; since = null; } });

    var empty = !area.value.trim() && !(title && title.value.trim());
    if (!empty) {
      save(); // a refused submit, shown again with its text: keep that text as the draft too
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || area.value.trim() || (title && title.value.trim())) return;
        area.value = d.body || "";
        if (title && d.title) title.value = d.title;
        saved = now();
        var details = area.closest("details");
        if (details) details.open = true;
        say("Your draft is back, as saved " + new Date(d.updatedAt).toLocaleString() + ".");
      })
      .catch(function () { /* no draft, or offline: the composer stays as it is */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var areas = document.querySelectorAll("textarea[data-draft]");
    for (var i = 0; i < areas.length; i++) attach(areas[i]);
  });
})();
