/* The editor's "Cite a claim" panel: lists the claims the search finds (an HTML fragment from
   the picker view) as one types, and Insert puts a claim's marker at the textarea's cursor,
   then tells edit.js (an input event) so the preview shows the new footnote. Without
   JavaScript the search opens the same list in a new tab, markers to copy. */
(function () {
  "use strict";
  var search = document.getElementById("cite-search");
  var results = document.getElementById("cite-results");
  var textarea = document.querySelector("#edit-form textarea[name=body]");
  if (!search || !results || !textarea) return;

  var timer = null;
  var marking = null;
  var sent = 0;

  function refresh() {
    var mine = ++sent;
    var params = new URLSearchParams(new FormData(search));
    fetch(search.action + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        if (!response.ok && response.status !== 400) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (mine !== sent) return;
        results.innerHTML = html; // rendered and escaped by the server
        markCited();
      })
      .catch(function () {
        if (mine === sent) results.textContent = "The claims could not be listed; try again.";
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  // Rows whose marker the text already holds say so, to spare a second citation by mistake.
  function markCited() {
    var buttons = results.querySelectorAll("button[data-marker]");
    for (var i = 0; i < buttons.length; i++) {
      var cited = textarea.value.indexOf(buttons[i].getAttribute("data-marker")) !== -1;
      buttons[i].closest("li").classList.toggle("is-cited", cited);
    }
  }

  function insert(marker) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    // insertText keeps the insertion in the textarea's undo history (Ctrl+Z takes it back) and
    // fires the input event itself; setRangeText is the fallback where it is not supported.
    if (!(document.execCommand && document.execCommand("insertText", false, marker))) {
      textarea.setRangeText(marker, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  search.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    refresh();
  });
  for (var i = 0; i < search.elements.length; i++) {
    var field = search.elements[i];
    if (field.name === "q") field.addEventListener("input", later);
    if (field.name === "scope") field.addEventListener("change", refresh);
  }
  textarea.addEventListener("input", function () {
    clearTimeout(marking);
    marking = setTimeout(markCited, 300);
  });
  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-marker]");
    if (button) insert(button.getAttribute("data-marker"));
  });
  refresh();
})();
