// Longhand's small script: pages work without it; it only makes them smoother.
(function () {
  "use strict";
  // Select the invitation link on focus so it is easy to copy.
  document.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("copy")) e.target.select();
  });

  // Live thread pages: new replies appear as they are posted, and are announced politely.
  function followThread(section) {
    if (!window.EventSource) return;
    var replies = section.querySelector("#replies");
    var status = section.querySelector("#live-status");
    var thread = section.getAttribute("data-thread");
    var source = new EventSource(section.getAttribute("data-live"));

    function announce(text) {
      if (status) status.textContent = text;
    }

    source.addEventListener("reply", function (e) {
      var data = JSON.parse(e.data);
      if (!data.replyId || document.getElementById("reply-" + data.replyId)) return;
      fetch("/threads/" + encodeURIComponent(thread) + "/replies/" + encodeURIComponent(data.replyId) + "/fragment",
          { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html || document.getElementById("reply-" + data.replyId)) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var reply = holder.firstElementChild;
          if (!reply) return;
          replies.appendChild(reply);
          var heading = section.querySelector("#replies-title");
          if (heading) {
            var n = replies.querySelectorAll("article.reply").length;
            heading.textContent = n === 1 ? "1 reply" : n + " replies";
          }
          var by = reply.querySelector(".byline strong");
          announce("New reply" + (by ? " from " + by.textContent : "") + ".");
        });
    });
    source.addEventListener("acknowledged", function () {
      announce("Someone acknowledged this thread. Reload to see who.");
    });
  }

  // Sign-up: start a new account in the browser's own time zone (editable later on the profile).
  function guessTimeZone() {
    var field = document.querySelector("input[name=timeZone][data-guess]");
    if (!field || field.value) return;
    try {
      field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (ignored) {
      field.value = "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZone();
    var live = document.querySelectorAll("[data-live]");
    for (var i = 0; i < live.length; i++) followThread(live[i]);
  });
})();
