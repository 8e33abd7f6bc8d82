// The top bar's unread badges (Inbox, Notifications), kept current over one server-sent event stream per page.
// A delivered notification is announced once, politely. Pages work without it: the counts are on their pages.
(function () {
  "use strict";

  function show(link, n) {
    if (!link) return;
    var badge = link.querySelector(".count");
    badge.textContent = "";
    badge.hidden = !(n > 0);
    if (n > 0) {
      badge.appendChild(document.createTextNode(String(n)));
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = " unread";
      badge.appendChild(words);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.querySelector("[data-badges]");
    if (!nav || !window.EventSource) return;
    var inbox = document.getElementById("nav-inbox");
    var bell = document.getElementById("nav-notifications");
    var toast = document.getElementById("toast");
    var hide = null;
    var source = new EventSource(nav.getAttribute("data-badges"));
    source.addEventListener("badges", function (e) {
      var data = JSON.parse(e.data);
      show(inbox, data.inbox);
      show(bell, data.notifications);
      nav.setAttribute("data-live", "on");
      if (data.text && toast) {
        toast.textContent = data.text;
        toast.hidden = false;
        clearTimeout(hide);
        hide = setTimeout(function () { toast.hidden = true; }, 8000);
      }
    });
    // One stream per page: let the server close it as the page goes (bfcache and navigation alike).
    window.addEventListener("pagehide", function () { source.close(); });
  });
})();
