// The thread page, improved: opening at the first reply the reader has not seen ("New since your last visit"),
// unless the address already points somewhere. Works without it: the line is there, the page just opens at the top.
(function () {
  'use strict';
  if (window.location.hash) return;
  var line = document.getElementById('new-since');
  if (line) line.scrollIntoView({block: 'start'});
}());
