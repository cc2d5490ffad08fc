// Live updates: every data-refresh seconds, fetch this page again and swap its <main>, unless the tab is hidden,
// text is selected or a form control has focus. Also asks before the forms marked data-confirm submit. Served
// from the jar; the pages work without it (nothing is confirmed then).
(function () {
  "use strict";
  var url = new URL(window.location.href);
  if (url.searchParams.has("done")) {
    url.searchParams.delete("done");
    window.history.replaceState(null, "", url.pathname + url.search);
  }
  // forms that destroy something ask first (an inline onsubmit would break the page's script policy)
  document.addEventListener("submit", function (e) {
    var question = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  });
  var seconds = parseInt(document.body.getAttribute("data-refresh") || "0", 10);
  if (!(seconds > 0)) {
    return;
  }
  var status = document.getElementById("live-status");
  function busy() {
    var a = document.activeElement;
    var selected = window.getSelection && String(window.getSelection()).length > 0;
    return document.hidden || selected || (a && (a.tagName === "BUTTON" || a.tagName === "INPUT"));
  }
  function refresh() {
    if (busy()) {
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        var main = document.getElementById("live");
        if (fresh && main) {
          main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
        }
        if (status) {
          status.textContent = "live, every " + seconds + " s";
          status.classList.remove("stale");
        }
      })
      .catch(function (e) {
        if (status) {
          status.textContent = "not updating: " + e.message;
          status.classList.add("stale");
        }
      });
  }
  window.setInterval(refresh, seconds * 1000);
})();
