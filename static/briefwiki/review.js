// Review page keys: j/k move between cards, x ticks one, a accepts, e opens the edit box,
// r opens the reason box, u undoes the last decision. Keys typed into a field are the field's.
(function () {
  "use strict";
  const cards = Array.from(document.querySelectorAll(".suggestion"));
  let current = -1;

  function focus(index) {
    if (!cards.length) return;
    current = Math.max(0, Math.min(cards.length - 1, index));
    cards.forEach((card, i) => card.classList.toggle("current", i === current));
    cards[current].focus({ preventScroll: true });
    cards[current].scrollIntoView({ block: "nearest" });
  }

  function open(card, selector, field) {
    const details = card.querySelector(selector);
    if (!details) return;
    details.open = true;
    const input = details.querySelector(field);
    if (input) input.focus();
  }

  // The undo bar goes when its window closes (the page may have been kept since it was drawn).
  const undoBar = document.querySelector(".undo-bar[data-until]");
  if (undoBar) {
    const left = Date.parse(undoBar.dataset.until) - Date.now();
    if (left <= 0) undoBar.remove(); else window.setTimeout(() => undoBar.remove(), left);
  }

  const selectAll = document.querySelector(".bulk .select-all");
  if (selectAll) {
    selectAll.hidden = false;
    selectAll.addEventListener("click", () => {
      document.querySelectorAll('input[name="ids"][form="bulk"]').forEach((box) => { box.checked = true; });
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      // Enter in a reason box sends it; Shift+Enter is a new line.
      if (event.key === "Enter" && !event.shiftKey && target.name === "reason" && target.tagName === "TEXTAREA") {
        event.preventDefault();
        target.form.requestSubmit();
      }
      return;
    }
    const card = cards[current];
    switch (event.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "x": if (card) { const box = card.querySelector('input[name="ids"]'); box.checked = !box.checked; } break;
      case "a": if (card) card.querySelector(".accept-form").requestSubmit(); break;
      case "e": if (card) open(card, "details.edit-accept", "textarea"); break;
      case "r": if (card) open(card, "details.reject", "textarea"); break;
      case "u": { const undo = document.querySelector(".undo-bar"); if (undo && undo.isConnected) undo.requestSubmit(); break; }
      default: return;
    }
    event.preventDefault();
  });

  const hash = window.location.hash.match(/^#suggestion-(\d+)$/);
  focus(hash ? cards.findIndex((c) => c.id === hash[0].slice(1)) : 0);
})();
