// Attaching files to what people write: every textarea with data-attach="{spaceId}" gets an "Attach files"
// button, takes files dropped onto it, and takes a pasted screenshot. Each file uploads to the space
// (POST /api/v1/spaces/{id}/files, the session cookie with the page's CSRF token) with its progress shown, and
// its Markdown (![name](/files/1) for an image, [name](/files/1) otherwise) lands where the cursor was.
// A refused file says why (too large, not readable) beside the box. Without this script nothing is attached,
// and everything else works as before.
(function () {
  "use strict";

  var csrf = document.querySelector("meta[name=csrf-token]");
  var counter = 0;

  function sizeText(bytes) {
    var units = ["bytes", "KB", "MB", "GB"];
    var u = 0;
    while (bytes >= 1024 && u < units.length - 1) { bytes /= 1024; u++; }
    return (u === 0 ? bytes : bytes.toFixed(1).replace(/\.0$/, "")) + " " + units[u];
  }

  // A screenshot pasted from the clipboard is called "image.png"; give it a name worth keeping.
  function nameOf(file) {
    if (file.name && file.name !== "image.png") return file.name;
    var d = new Date();
    var two = function (n) { return String(n).padStart(2, "0"); };
    var ext = (file.type && file.type.indexOf("image/") === 0) ? file.type.slice(6).replace("jpeg", "jpg") : "png";
    return "Screenshot " + d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
        two(d.getHours()) + "." + two(d.getMinutes()) + "." + two(d.getSeconds()) + "." + ext;
  }

  function attach(area) {
    var space = area.getAttribute("data-attach");
    if (!space || area.hasAttribute("data-attach-ready")) return;
    area.setAttribute("data-attach-ready", "");

    var bar = document.createElement("div");
    bar.className = "attach-bar";
    var input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    input.hidden = true;
    input.tabIndex = -1;
    input.id = area.id + "-files";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "attach-button";
    button.textContent = "Attach files";
    var hint = document.createElement("span");
    hint.className = "hint";
    hint.id = area.id + "-attach-hint";
    hint.textContent = "or drop them on the text, or paste a screenshot";
    button.setAttribute("aria-describedby", hint.id);
    var uploads = document.createElement("ul");
    uploads.className = "attach-uploads plain";
    uploads.setAttribute("aria-live", "polite");
    bar.appendChild(button);
    bar.appendChild(hint);
    bar.appendChild(input);
    bar.appendChild(uploads);
    // after the box and whatever follows it directly (the mention list)
    var after = area;
    while (after.nextElementSibling && after.nextElementSibling.classList.contains("mention-picker")) after = after.nextElementSibling;
    after.parentNode.insertBefore(bar, after.nextSibling);

    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      send(Array.prototype.slice.call(input.files));
      input.value = "";
    });

    area.addEventListener("dragover", function (e) {
      if (!e.dataTransfer || Array.prototype.indexOf.call(e.dataTransfer.types, "Files") < 0) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      area.classList.add("is-dropping");
    });
    area.addEventListener("dragleave", function () { area.classList.remove("is-dropping"); });
    area.addEventListener("drop", function (e) {
      area.classList.remove("is-dropping");
      if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      area.focus();
      send(Array.prototype.slice.call(e.dataTransfer.files));
    });
    area.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) return;
      var files = Array.prototype.slice.call(data.files || []);
      if (files.length === 0 && data.items) {
        Array.prototype.forEach.call(data.items, function (item) {
          if (item.kind === "file") { var f = item.getAsFile(); if (f) files.push(f); }
        });
      }
      if (files.length === 0) return; // text pastes as text
      e.preventDefault();
      send(files);
    });

    function send(files) {
      files.forEach(upload);
    }

    // Inserts text at the cursor (an image on a line of its own), tells the page the text changed, and
    // answers what was inserted, line breaks included.
    function insert(text, block) {
      var start = area.selectionStart, end = area.selectionEnd, value = area.value;
      if (block) {
        if (start > 0 && value.charAt(start - 1) !== "\n") text = "\n" + text;
        if (end < value.length && value.charAt(end) !== "\n") text = text + "\n";
      } else if (start > 0 && !/\s/.test(value.charAt(start - 1))) {
        text = " " + text;
      }
      area.setRangeText(text, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      return text;
    }

    // The placeholder (as inserted, line breaks included) becomes the Markdown, or goes when the upload failed.
    function replace(placeholder, inserted, text) {
      var target = inserted;
      var replacement = text ? inserted.replace(placeholder, function () { return text; }) : "";
      var at = area.value.indexOf(target);
      if (at < 0) { // the writer edited around it: only the placeholder itself is replaced
        target = placeholder;
        replacement = text;
        at = area.value.indexOf(target);
      }
      if (at < 0) {
        if (text) insert(text, text.charAt(0) === "!");
        return;
      }
      var cursor = area.selectionStart;
      if (cursor > at) cursor = Math.max(at, cursor - target.length + replacement.length);
      area.value = area.value.slice(0, at) + replacement + area.value.slice(at + target.length);
      if (document.activeElement === area) area.setSelectionRange(cursor, cursor);
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function upload(file) {
      var name = nameOf(file);
      var placeholder = "[Uploading " + name.replace(/[\[\]]/g, "") + "… #" + (++counter) + "]()";
      var inserted = insert(placeholder, (file.type || "").indexOf("image/") === 0);

      var item = document.createElement("li");
      item.className = "attach-upload";
      var label = document.createElement("span");
      label.textContent = name + " (" + sizeText(file.size) + ")";
      var progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute("aria-label", "Uploading " + name);
      item.appendChild(label);
      item.appendChild(progress);
      uploads.appendChild(item);

      var form = new FormData();
      form.append("name", name);
      form.append("file", file, name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/spaces/" + encodeURIComponent(space) + "/files");
      xhr.setRequestHeader("Accept", "application/json");
      if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf.getAttribute("content"));
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) progress.value = Math.round(e.loaded * 100 / e.total);
      });
      xhr.addEventListener("load", function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = null; }
        if (xhr.status === 201 && body && body.markdown) {
          replace(placeholder, inserted, body.markdown);
          uploads.removeChild(item);
          return;
        }
        fail(body && body.detail ? body.detail : "The server refused it (" + xhr.status + ").");
      });
      xhr.addEventListener("error", function () {
        fail("The upload did not finish. The file may be larger than this server accepts, or the connection dropped.");
      });
      xhr.send(form);

      function fail(why) {
        replace(placeholder, inserted, "");
        item.className = "attach-upload error";
        item.textContent = "";
        var message = document.createElement("span");
        message.setAttribute("role", "alert"); // on a span: an <li> may not be an alert (axe: aria-allowed-role, list)
        message.textContent = "Could not attach " + name + ": " + why;
        item.appendChild(message);
        var dismiss = document.createElement("button");
        dismiss.type = "button";
        dismiss.className = "link";
        dismiss.textContent = "Dismiss";
        dismiss.addEventListener("click", function () { uploads.removeChild(item); area.focus(); });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(dismiss);
      }
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-attach]"), attach);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // composers that arrive later (a fragment, an opened reply form) get the same
  new MutationObserver(start).observe(document.documentElement, { childList: true, subtree: true });
})();
