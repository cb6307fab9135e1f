/* Live preview for the briefing editor: posts the Markdown to the preview endpoint, which
   answers with sanitised HTML, and shows it beside the textarea. Without JavaScript the
   Preview button does the same with a full page load. */
(function () {
  "use strict";
  var form = document.getElementById("edit-form");
  if (!form) return;
  var textarea = form.querySelector("textarea[name=body]");
  var target = document.getElementById("preview");
  var url = form.getAttribute("data-preview-url");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!textarea || !target || !url || !token) return;

  var timer = null;
  var sent = 0;

  function refresh() {
    var mine = ++sent;
    var data = new FormData();
    data.append("body", textarea.value);
    data.append("csrfmiddlewaretoken", token.value);
    fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (mine === sent) target.innerHTML = html; // the server sanitised it; drop stale answers
      })
      .catch(function () {
        if (mine === sent) target.setAttribute("data-error", "Preview unavailable");
      });
  }

  textarea.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  });
  refresh();
})();
