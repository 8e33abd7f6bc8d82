// The export page: while an export runs, ask how far it is every 2 seconds and move its progress bar; once it is
// done (or failed), load the page again to show the download link. Without script the page has a Refresh link.
(function () {
  const items = document.querySelectorAll("li.export[data-status='queued'], li.export[data-status='running']");
  items.forEach(function (li) {
    const bar = li.querySelector("progress");
    const count = li.querySelector(".export-count");
    function poll() {
      fetch(li.dataset.export, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (e) {
          if (!e) return;
          if (e.status === "done" || e.status === "failed") { window.location.assign(window.location.pathname); return; }
          const percent = e.total > 0 ? Math.min(99, Math.floor(e.done * 100 / e.total)) : 0;
          if (bar) { bar.value = percent; bar.textContent = percent + "%"; }
          if (count) count.textContent = e.done + " of " + e.total;
          setTimeout(poll, 2000);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1000);
  });
})();
