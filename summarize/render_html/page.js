// The provenance page's only script: light up the spans a brief sentence cites.
// It reads nothing but the page's own numeric data-key / data-cites attributes,
// writes nothing but classes, aria-pressed and scroll positions, and never
// parses or inserts markup.
(function () {
  "use strict";
  var sentences = Array.prototype.slice.call(document.querySelectorAll(".sentence[data-key]"));
  var shown = null;   // the sentence whose spans are lit
  var pinned = null;  // the sentence kept lit by a click or Enter
  var hovered = null;
  var KEY = /^[0-9]+$/;

  function marksOf(sentence) {
    var key = sentence.getAttribute("data-key");
    if (!KEY.test(key)) return [];
    return Array.prototype.slice.call(document.querySelectorAll('mark[data-cites~="' + key + '"]'));
  }

  function reveal(box, element, margin) {
    // Scroll the box (not the page) just enough to show the element, when the box scrolls at all.
    if (box.scrollHeight <= box.clientHeight) return;
    var outer = box.getBoundingClientRect();
    var inner = element.getBoundingClientRect();
    if (inner.top < outer.top || inner.bottom > outer.bottom) {
      box.scrollTop += inner.top - outer.top - Math.min(margin, outer.height / 3);
    }
  }

  function clear() {
    document.querySelectorAll("mark.lit").forEach(function (m) { m.classList.remove("lit"); });
    document.querySelectorAll(".source.cited").forEach(function (s) { s.classList.remove("cited"); });
    if (shown) shown.classList.remove("lit");
    shown = null;
  }

  function show(sentence) {
    if (sentence === shown) return;
    clear();
    if (!sentence) return;
    shown = sentence;
    sentence.classList.add("lit");
    var firstCard = null;
    marksOf(sentence).forEach(function (mark) {
      var card = mark.closest(".source");
      mark.classList.add("lit");
      if (card && !card.classList.contains("cited")) {
        card.classList.add("cited");
        reveal(mark.closest(".text"), mark, 48);
        if (!firstCard) firstCard = card;
      }
    });
    var column = document.querySelector(".sources");
    if (firstCard && column && getComputedStyle(column).overflowY === "auto") reveal(column, firstCard, 16);
  }

  function settle() {
    // What stays lit when the pointer leaves or focus moves on: the hovered, else the focused, else the pinned sentence.
    var focused = sentences.indexOf(document.activeElement) >= 0 ? document.activeElement : null;
    show(hovered || focused || pinned);
  }

  function pin(sentence) {
    if (pinned) pinned.setAttribute("aria-pressed", "false");
    pinned = sentence === pinned ? null : sentence;
    if (pinned) pinned.setAttribute("aria-pressed", "true");
    settle();
  }

  function go(index) {
    var next = sentences[Math.max(0, Math.min(sentences.length - 1, index))];
    if (next) next.focus();
  }

  sentences.forEach(function (sentence) {
    sentence.addEventListener("mouseenter", function () { hovered = sentence; show(sentence); });
    sentence.addEventListener("mouseleave", function () { hovered = null; settle(); });
    sentence.addEventListener("focus", function () { show(sentence); });
    sentence.addEventListener("blur", function (event) {
      // focus moving to another sentence lights that one (its own focus event); elsewhere, settle now
      if (sentences.indexOf(event.relatedTarget) < 0) show(hovered || pinned);
    });
    sentence.addEventListener("click", function () { pin(sentence); });
    sentence.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(sentence); }
      else if (event.key === "ArrowDown") { event.preventDefault(); go(sentences.indexOf(sentence) + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); go(sentences.indexOf(sentence) - 1); }
      else if (event.key === "Home") { event.preventDefault(); go(0); }
      else if (event.key === "End") { event.preventDefault(); go(sentences.length - 1); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (pinned) pin(pinned);
      if (sentences.indexOf(document.activeElement) >= 0) document.activeElement.blur();
      hovered = null;
      show(null);
    }
  });

  // A printed page shows every fused sentence's candidate and verdict.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details.guard:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
