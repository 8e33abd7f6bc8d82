// Longhand's small script: pages work without it; it only makes them smoother.
(function () {
  "use strict";
  // Select the invitation link on focus so it is easy to copy.
  document.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("copy")) e.target.select();
  });
})();
