// A sync session's live notes: each agenda item's notes save a moment after their writer pauses (PUT with the
// revision they were written from), and everyone on the page sees others' saves as they happen (server-sent events,
// then a fetch of the notes). Nobody's typing is overwritten: an item someone is changing keeps their text, and a
// save over a newer revision is refused by the server, shown, and kept until its writer saves again knowingly.
// Without this script the forms post one item at a time, and the page shows what was saved when it loaded.
(function () {
  "use strict";
  var PAUSE = 900;

  function csrf() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") : "";
  }

  function follow(section) {
    var session = section.getAttribute("data-session");
    var api = "/api/v1/sync-sessions/" + encodeURIComponent(session) + "/notes";
    var live = section.querySelector("#notes-live-status");
    var forms = {};

    function announce(text) {
      if (live) live.textContent = text;
    }

    Array.prototype.forEach.call(section.querySelectorAll("form.sync-note-form"), function (form) {
      var index = form.getAttribute("data-index");
      var area = form.querySelector("textarea");
      var revision = form.querySelector("input[name=revision]");
      var status = form.querySelector(".sync-note-status");
      var state = { area: area, revision: revision, status: status, saved: area.getAttribute("data-saved") || "", timer: null, sending: false };
      forms[index] = state;

      function say(text) {
        status.textContent = text;
      }

      function save() {
        state.timer = null;
        var text = area.value;
        if (text === state.saved || state.sending) return;
        state.sending = true;
        var body = JSON.stringify({ items: [{ agendaIndex: parseInt(index, 10), notes: text, revision: parseInt(revision.value, 10) }] });
        fetch(api, { method: "PUT", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() }, body: body })
          .then(function (r) {
            return r.json().then(function (answer) { return { status: r.status, answer: answer }; });
          })
          .then(function (r) {
            state.sending = false;
            if (r.status === 200) {
              var item = r.answer.items[parseInt(index, 10)];
              revision.value = item.revision;
              state.saved = item.notes;
              area.removeAttribute("aria-invalid");
              say("Saved.");
              if (area.value !== state.saved) later();
            } else if (r.status === 409 && r.answer.field && r.answer.field.indexOf("revision") >= 0) {
              area.setAttribute("aria-invalid", "true");
              say(r.answer.detail + " Your text is still here; save it again to replace theirs.");
              refresh(index); // takes their revision, so the next save is made knowingly
            } else {
              say(r.answer.detail || "Could not save the notes; your text is still here.");
            }
          })
          .catch(function () {
            state.sending = false;
            say("Offline: the notes are not saved yet; your text is still here.");
          });
      }

      function later() {
        clearTimeout(state.timer);
        state.timer = setTimeout(save, PAUSE);
      }

      area.addEventListener("input", function () {
        say("Saving when you pause…");
        later();
      });
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(state.timer);
        save();
      });
      state.save = save;
    });

    // Someone saved: take the new notes of every item this page is not changing; say so where it is.
    function refresh(onlyRevisionOf) {
      fetch(api, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (sheet) {
          if (!sheet) return;
          sheet.items.forEach(function (item) {
            var key = String(item.agendaIndex);
            var state = forms[key];
            var by = item.updatedBy ? item.updatedBy.name : "Someone";
            if (!state) {
              var text = section.querySelector("#notes-text-" + key);
              if (text && text.textContent !== item.notes) {
                text.textContent = item.notes || "No notes yet.";
                announce("Notes on " + item.agendaItem + " changed.");
              }
              return;
            }
            if (onlyRevisionOf !== undefined) {
              if (key === String(onlyRevisionOf)) state.revision.value = item.revision;
              return;
            }
            if (String(item.revision) === state.revision.value || state.sending) return; // one's own save settles by its answer
            if (item.notes === state.area.value) {
              state.revision.value = item.revision;
              state.saved = item.notes;
              return;
            }
            var changing = state.area.value !== state.saved || state.timer;
            if (changing) {
              state.status.textContent = by + " saved newer notes here. Yours are not saved yet; saving will say what changed.";
              return;
            }
            state.area.value = item.notes;
            state.area.setAttribute("data-saved", item.notes);
            state.saved = item.notes;
            state.revision.value = item.revision;
            state.status.textContent = "Updated by " + by + " just now.";
            announce("Notes on " + item.agendaItem + " updated by " + by + ".");
          });
          if (sheet.status === "closed") closed();
        });
    }

    function closed() {
      Array.prototype.forEach.call(section.querySelectorAll("form.sync-note-form textarea, form.sync-note-form button"), function (el) {
        el.disabled = true;
      });
      var note = section.querySelector(".sync-closed-live");
      if (note) return;
      note = document.createElement("p");
      note.className = "notice sync-closed-live";
      note.setAttribute("role", "status");
      note.textContent = "This session was just closed. Reload the page to read how.";
      section.insertBefore(note, section.querySelector("ol"));
    }

    if (!window.EventSource) return;
    var source = new EventSource(section.getAttribute("data-sync-notes"));
    source.addEventListener("open", function () { section.setAttribute("data-sync-live", "on"); });
    source.addEventListener("notes", function () { refresh(); });
    source.addEventListener("closed", function () { closed(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sections = document.querySelectorAll("[data-sync-notes]");
    for (var i = 0; i < sections.length; i++) follow(sections[i]);
  });
})();
