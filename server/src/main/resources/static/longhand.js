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

    // Edits and deletes: an edited reply on this page gets its new text (and "edited") from the reply's
    // fragment, keeping its buttons and any open edit form; a deleted one leaves.
    source.addEventListener("reply-edited", function (e) {
      var id = JSON.parse(e.data).replyId;
      if (!id || !document.getElementById("reply-" + id)) return;
      fetch("/threads/" + encodeURIComponent(thread) + "/replies/" + encodeURIComponent(id) + "/fragment",
          { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          var old = document.getElementById("reply-" + id);
          if (!html || !old) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          ["p.byline", "div.prose"].forEach(function (part) {
            var was = old.querySelector(part), now = holder.querySelector(part);
            if (was && now) was.replaceWith(now);
          });
          announce("A reply was edited.");
        });
    });
    source.addEventListener("reply-deleted", function (e) {
      var old = document.getElementById("reply-" + JSON.parse(e.data).replyId);
      if (!old) return;
      old.remove();
      var heading = section.querySelector("#replies-title");
      var n = heading ? parseInt(heading.textContent, 10) - 1 : NaN;
      if (n >= 0) heading.textContent = n === 1 ? "1 reply" : n + " replies";
      announce("A reply was deleted.");
    });
    source.addEventListener("thread-edited", function () {
      announce("This thread was edited. Reload to see the change.");
    });
    source.addEventListener("thread-deleted", function () {
      source.close();
      announce("This thread was deleted.");
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

  // The mention picker: typing @ in a composer lists the people the message can reach, with
  // their local time, so the writer knows whether they are working. Arrow keys, Enter or Tab, Escape.
  function mentionPicker(area) {
    var people = null;
    var list = document.createElement("ul");
    list.className = "mention-picker";
    list.id = area.id + "-people";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    area.parentNode.insertBefore(list, area.nextSibling);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id); // no aria-expanded: a textarea (role textbox) may not carry it
    var active = -1;
    var shown = [];

    function load(then) {
      if (people) return then();
      fetch(area.getAttribute("data-mentions"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { people: [] }; })
        .then(function (body) { people = body.people || []; then(); })
        .catch(function () { people = []; });
    }

    function query() {
      var before = area.value.slice(0, area.selectionStart);
      var m = /(^|[^A-Za-z0-9_@.+-])@([A-Za-z0-9]{0,40})$/.exec(before);
      return m ? m[2].toLowerCase() : null;
    }

    function close() {
      list.hidden = true;
      area.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      active = i;
      var items = list.children;
      for (var k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", k === i ? "true" : "false");
      if (i >= 0) area.setAttribute("aria-activedescendant", items[i].id);
    }

    function choose(p) {
      var end = area.selectionStart;
      var start = area.value.slice(0, end).lastIndexOf("@");
      area.value = area.value.slice(0, start) + "@" + p.handle + " " + area.value.slice(end);
      var caret = start + p.handle.length + 2;
      area.setSelectionRange(caret, caret);
      close();
      area.focus();
    }

    function render(q) {
      shown = people.filter(function (p) {
        return p.handle.toLowerCase().indexOf(q) === 0 || p.name.toLowerCase().indexOf(q) >= 0;
      }).slice(0, 8);
      list.textContent = "";
      if (!shown.length) return close();
      shown.forEach(function (p, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var name = document.createElement("strong");
        name.textContent = p.name;
        var handle = document.createElement("span");
        handle.className = "meta";
        handle.textContent = " @" + p.handle;
        var time = document.createElement("span");
        time.className = "local-time " + (p.away ? "away" : p.working ? "working" : "off");
        time.textContent = p.status;
        li.appendChild(name);
        li.appendChild(handle);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(time);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(p); });
        list.appendChild(li);
      });
      list.hidden = false;
      highlight(0);
    }

    area.addEventListener("input", function () {
      var q = query();
      if (q === null) return close();
      load(function () { if (query() !== null) render(query()); });
    });
    area.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight((active + 1) % shown.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight((active - 1 + shown.length) % shown.length); }
      else if (e.key === "Enter" || e.key === "Tab") { if (active >= 0) { e.preventDefault(); choose(shown[active]); } }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    area.addEventListener("blur", close);
  }

  // "Deliver in their hours": before sending, show when the message will reach the people it
  // notifies directly (mentions, and the thread's author) in their own working hours.
  function landingPreview(area) {
    var line = document.createElement("p");
    line.className = "landing hint";
    line.setAttribute("aria-live", "polite");
    line.hidden = true;
    area.parentNode.insertBefore(line, area.nextSibling);
    var timer = null;
    var last = null;
    var isReply = !/thread=$/.test(area.getAttribute("data-landing"));
    function refresh() {
      var handles = [];
      var re = /(^|[^A-Za-z0-9_@.+-])@([A-Za-z0-9]{1,40})/g;
      var m;
      while ((m = re.exec(area.value))) if (handles.indexOf(m[2].toLowerCase()) < 0) handles.push(m[2].toLowerCase());
      var key = handles.join(",");
      if (key === last) return;
      last = key;
      if (!handles.length && !isReply) { line.hidden = true; return; }
      fetch(area.getAttribute("data-landing") + "&handles=" + encodeURIComponent(key),
          { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { recipients: [] }; })
        .then(function (body) {
          var people = body.recipients || [];
          line.textContent = people.length ? "Lands for " + people.map(function (p) { return p.summary; }).join(" · ") : "";
          line.hidden = !people.length;
        });
    }
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    if (isReply) refresh();
  }

  // The offset of an IANA zone from UTC at an instant, in milliseconds.
  function zoneOffset(zone, millis) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(millis)).forEach(function (p) { parts[p.type] = p.value; });
    var asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
    return asUtc - Math.floor(millis / 1000) * 1000;
  }

  // Zones by the names people type (static/zone-cities.tsv: zone, CLDR exemplar city, country, aliases), loaded
  // once when a zone field is first used; the same names the server's ZoneNames resolves.
  var zoneTable = null;
  function loadZones(url, then) {
    if (zoneTable) return then(zoneTable);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (text) {
      zoneTable = text.split("\n").filter(function (l) { return l && l.charAt(0) !== "#"; }).map(function (l) {
        var f = l.split("\t");
        return { id: f[0], city: f[1], country: f[2] || "", aliases: f[3] ? f[3].split(/,\s*/) : [] };
      });
      then(zoneTable);
    }).catch(function () { zoneTable = []; then(zoneTable); });
  }
  function plain(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  // The zone a typed name means: an id, a city or alias, "City, Country", or a country with one zone; else null.
  function findZone(zones, typed) {
    var t = typed.trim();
    if (!t) return null;
    var byId = zones.filter(function (z) { return z.id.toLowerCase() === t.toLowerCase(); });
    if (byId.length) return byId[0].id;
    function named(name) {
      var n = plain(name), hits = [];
      zones.forEach(function (z) {
        var names = [z.city, z.city + " " + z.country].concat(z.aliases);
        if (names.some(function (x) { return plain(x) === n; }) && hits.indexOf(z.id) < 0) hits.push(z.id);
      });
      if (!hits.length) zones.forEach(function (z) { if (z.country && plain(z.country) === n) hits.push(z.id); });
      return hits.length === 1 ? hits[0] : null;
    }
    return named(t) || (t.indexOf(",") > 0 ? named(t.slice(0, t.indexOf(","))) : null);
  }
  function zoneField(input, url) {
    var list = document.getElementById(input.getAttribute("list"));
    input.addEventListener("focus", function () {
      loadZones(url, function (zones) {
        if (!list || list.children.length) return;
        zones.forEach(function (z) {
          var o = document.createElement("option");
          o.value = z.id;
          o.label = z.city + (z.country ? ", " + z.country : "") + (z.aliases.length ? " · also " + z.aliases.slice(0, 6).join(", ") : "");
          list.appendChild(o);
        });
      });
    });
  }

  // "Insert a time": a local date and time, in the writer's zone or one they name by city, becomes a <t:…Z>
  // marker that each reader sees in their own zone.
  function timePicker(box) {
    var area = document.getElementById(box.getAttribute("data-for"));
    var input = box.querySelector("input[type=datetime-local]");
    var zoneInput = box.querySelector("input.zone");
    var hint = box.querySelector(".hint");
    var hintText = hint ? hint.textContent : "";
    var url = box.getAttribute("data-zones");
    box.hidden = false;
    if (zoneInput) zoneField(zoneInput, url);
    box.querySelector("button").addEventListener("click", function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(input.value || "");
      if (!m || !area) return;
      loadZones(url, function (zones) {
        var zone = zoneInput ? findZone(zones, zoneInput.value) : box.getAttribute("data-zone");
        if (!zone) {
          if (hint) hint.textContent = "No time zone found for \u201c" + zoneInput.value + "\u201d: type a city such as Denver, or pick one from the list.";
          zoneInput.setAttribute("aria-invalid", "true");
          return;
        }
        if (zoneInput) { zoneInput.value = zone; zoneInput.removeAttribute("aria-invalid"); }
        if (hint) hint.textContent = hintText;
        var guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
        var utc = guess - zoneOffset(zone, guess);
        utc = guess - zoneOffset(zone, utc);
        var marker = "<t:" + new Date(utc).toISOString().slice(0, 16) + "Z>";
        var at = area.selectionStart || area.value.length;
        area.value = area.value.slice(0, at) + marker + area.value.slice(area.selectionEnd || at);
        area.focus();
        area.setSelectionRange(at + marker.length, at + marker.length);
      });
    });
  }

  // "Copy link" beside a read-only field (an invitation, a calendar feed): shown only where script runs; the
  // field stays selectable without it. The status line beside it says that it was copied.
  function copyButton(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var status = button.parentNode.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      function done(ok) {
        if (status) status.textContent = ok ? "Copied to the clipboard." : "Select the link and copy it.";
      }
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(document.execCommand("copy")); });
      } else {
        done(document.execCommand("copy"));
      }
    });
  }

  // A folded composer (<details data-open-wide>) opens by itself where there is room for it; on a phone it stays
  // behind its Reply button. A link to it (#reply) opens it too and puts the caret in it.
  function unfoldComposer(box) {
    if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) box.open = true;
    function fromLink() {
      if (location.hash !== "#" + box.id) return;
      box.open = true;
      var area = box.querySelector("textarea");
      if (area) area.focus();
    }
    fromLink();
    window.addEventListener("hashchange", fromLink);
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZone();
    var folded = document.querySelectorAll("details[data-open-wide]");
    for (var f = 0; f < folded.length; f++) unfoldComposer(folded[f]);
    var copies = document.querySelectorAll("button[data-copy]");
    for (var k = 0; k < copies.length; k++) copyButton(copies[k]);
    var composers = document.querySelectorAll("textarea[data-mentions]");
    for (var c = 0; c < composers.length; c++) mentionPicker(composers[c]);
    var landings = document.querySelectorAll("textarea[data-landing]");
    for (var l = 0; l < landings.length; l++) landingPreview(landings[l]);
    var pickers = document.querySelectorAll(".insert-time[data-for]");
    for (var t = 0; t < pickers.length; t++) timePicker(pickers[t]);
    var live = document.querySelectorAll("[data-live]");
    for (var i = 0; i < live.length; i++) followThread(live[i]);
  });
})();
