// Recordings: seeking from chapters, transcript cues and comments; the cue being played highlighted;
// the comment form's time from the player; a WebVTT file read into the transcript form; upload progress.
// Every link and form works without this file (links carry ?t=, the player starts there by itself).
(function () {
  'use strict';

  function format(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    const two = n => String(n).padStart(2, '0');
    return h > 0 ? h + ':' + two(m) + ':' + two(r) : m + ':' + two(r);
  }

  function player() {
    const p = document.getElementById('player');
    if (!p) return;

    document.addEventListener('click', function (e) {
      const link = e.target.closest('a[data-seek]');
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      const t = parseFloat(link.dataset.seek);
      p.currentTime = t;
      const playing = p.play();
      if (playing && playing.catch) playing.catch(function () {});
      history.replaceState(null, '', '?t=' + Math.floor(t));
      p.focus({ preventScroll: true });
    });

    const cues = Array.from(document.querySelectorAll('.transcript a[data-seek]')).map(function (a) {
      return { el: a.parentElement, start: parseFloat(a.dataset.seek), end: parseFloat(a.dataset.end) };
    });
    const chapters = Array.from(document.querySelectorAll('.chapters a[data-seek]')).map(function (a) {
      return { el: a.parentElement, start: parseFloat(a.dataset.seek) };
    });
    const list = document.querySelector('.transcript');
    let currentCue = null, currentChapter = null;

    function mark(next, previous) {
      if (next === previous) return previous;
      if (previous) { previous.classList.remove('is-current'); previous.removeAttribute('aria-current'); }
      if (next) { next.classList.add('is-current'); next.setAttribute('aria-current', 'true'); }
      return next;
    }

    function follow() {
      const t = p.currentTime;
      const cue = cues.find(function (c) { return t >= c.start && t < c.end; });
      const before = currentCue;
      currentCue = mark(cue ? cue.el : null, currentCue);
      if (currentCue && currentCue !== before && list && list.scrollHeight > list.clientHeight) {
        const top = currentCue.offsetTop - list.offsetTop;
        if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - currentCue.offsetHeight) {
          list.scrollTop = Math.max(0, top - list.clientHeight / 3);
        }
      }
      let chapter = null;
      chapters.forEach(function (c) { if (c.start <= t) chapter = c; });
      currentChapter = mark(chapter ? chapter.el : null, currentChapter);
    }
    p.addEventListener('timeupdate', follow);
    p.addEventListener('seeked', follow);

    const at = document.getElementById('comment-at');
    const useNow = document.getElementById('use-current-time');
    if (at && useNow) {
      useNow.hidden = false;
      useNow.addEventListener('click', function () { at.value = format(p.currentTime); });
      const body = document.getElementById('comment-body');
      if (body) body.addEventListener('focus', function () { if (!at.value) at.value = format(p.currentTime); });
    }

    const file = document.getElementById('captions-file');
    const text = document.getElementById('captions-text');
    if (file && text && window.FileReader) {
      file.closest('label').hidden = false;
      file.addEventListener('change', function () {
        if (!file.files[0]) return;
        const reader = new FileReader();
        reader.onload = function () { text.value = reader.result; };
        reader.readAsText(file.files[0]);
      });
    }
  }

  function upload() {
    const form = document.getElementById('upload-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    const error = document.getElementById('upload-error');
    const progress = document.getElementById('upload-progress');
    const input = document.getElementById('recording-file');
    const button = form.querySelector('button[type=submit]');

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'upload-error');
      progress.hidden = true;
      button.disabled = false;
    }

    form.addEventListener('submit', function (e) {
      const chosen = input.files[0];
      if (!chosen) return;
      e.preventDefault();
      if (chosen.size > Number(form.dataset.max)) {
        fail('The file is larger than this server accepts (' + form.dataset.maxText + ').');
        return;
      }
      error.hidden = true;
      button.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'text/html');
      xhr.upload.addEventListener('progress', function (ev) {
        if (ev.lengthComputable) progress.value = Math.round(ev.loaded / ev.total * 100);
      });
      xhr.addEventListener('load', function () {
        if (xhr.status < 400) { window.location.assign(xhr.responseURL); return; }
        const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        const said = page.getElementById('upload-error');
        fail(said && said.textContent.trim() ? said.textContent.trim() : 'The upload failed (' + xhr.status + '). Try again.');
      });
      xhr.addEventListener('error', function () { fail('The upload failed: the connection was lost. Try again.'); });
      xhr.send(new FormData(form));
    });
  }

  player();
  upload();
})();
