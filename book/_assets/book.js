// Solutions and discussions sit in closed <details> blocks, each with its own id, so that a link
// can cite one (book/sequencing.html#sequencing-order-solution). Opening such a link, or
// following one within the page, opens the block it points to (or the block holding its target).
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var block = target && target.closest("details");
    if (!block) return;
    block.open = true;
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();

// Search lists a page once per way it reads: a word defined in the glossary is found twice on the
// glossary page, as the term (glossary.html#term-WSJF, titled "Glossary") and in the page's text
// (glossary.html, titled "Glossary" too); Sphinx merges two hits only when their anchors agree.
// Of the hits on one page under one title, the best (the term, with its anchor) is kept.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    // searchtools.js declares "const Search": a global binding, not a property of window.
    var search = typeof Search === "undefined" ? null : Search;  // eslint-disable-line no-undef
    if (!search || typeof search._performSearch !== "function" || search._lpOneHitPerTitle) return;
    var perform = search._performSearch;
    search._performSearch = function () {
      var results = perform.apply(this, arguments);  // [docname, title, anchor, ...], best last
      if (!Array.isArray(results)) return results;
      var seen = {}, kept = [];
      for (var i = results.length - 1; i >= 0; i--) {
        var key = results[i][0] + "\u0000" + results[i][1];
        if (!seen[key]) { seen[key] = true; kept.push(results[i]); }
      }
      return kept.reverse();
    };
    search._lpOneHitPerTitle = true;
  });
})();
