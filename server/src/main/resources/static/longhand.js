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
          var by = reply.querySelector(".byline strong");
          announce("New reply" + (by ? " from " + by.textContent : "") + ".");
        });
    });
    source.addEventListener("acknowledged", function () {
      announce("Someone acknowledged this thread. Reload to see who.");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.querySelectorAll("[data-live]");
    for (var i = 0; i < live.length; i++) followThread(live[i]);
  });
})();
