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

// A phone lays out and paints the whole page each time a chart is redrawn. Once the page has
// loaded, the blocks of the chapter far from the screen (paragraphs, lists, boxes: not a block
// holding a chart, whose cell book.css skips already, nor one with buttons or inputs) are skipped
// by the browser until they come near (content-visibility, book.css .lp-far), each holding the
// height it was measured at. Nothing on the page moves, and find-in-page, links and screen
// readers still reach the text. Skipping contains a block's layout, so a margin of its first or
// last child no longer joins the block's own: a block where one would is not skipped, but its
// children may be.
(function () {
  var SCREENS_AWAY = 1.5;
  var FLOWING = {"block": true, "list-item": true};
  var px = function (value) { return parseFloat(value) || 0; };
  function keepsItsMargins(block, edge) {  // edge: "Top" or "Bottom"
    var style = getComputedStyle(block);
    if (!FLOWING[style.display] || style.overflow !== "visible" || px(style["padding" + edge]) ||
        px(style["border" + edge + "Width"])) return true;
    var child = edge === "Top" ? block.firstElementChild : block.lastElementChild;
    if (!child || !FLOWING[getComputedStyle(child).display]) return true;
    return !px(getComputedStyle(child)["margin" + edge]) && keepsItsMargins(child, edge);
  }
  // The outermost blocks in ``block`` (itself first) that can be skipped as they are, added to ``found``.
  function skippable(block, found) {
    if (block.querySelector("figure.lp-chart, button, input, select, textarea")) return found;
    if (keepsItsMargins(block, "Top") && keepsItsMargins(block, "Bottom")) {
      found.push(block);
    } else {
      Array.prototype.forEach.call(block.children, function (child) {
        if (FLOWING[getComputedStyle(child).display]) skippable(child, found);
      });
    }
    return found;
  }
  function skipFar() {
    var reach = SCREENS_AWAY * window.innerHeight, bottom = window.innerHeight + reach, blocks = [];
    document.querySelectorAll(".bd-article section > :not(section)").forEach(function (block) { skippable(block, blocks); });
    var far = blocks.map(function (block) {  // every size read before any is written: one layout
      var box = block.getBoundingClientRect(), style = getComputedStyle(block);
      var edges = ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
        .reduce(function (sum, side) { return sum + px(style[side]); }, 0);
      return {block: block, height: box.height - edges, away: box.bottom < -reach || box.top > bottom};
    }).filter(function (found) { return found.away && found.height > 0; });
    far.forEach(function (found) {  // the height of the block's content: what contain-intrinsic-size sizes
      found.block.style.containIntrinsicHeight = "auto " + found.height + "px";
      found.block.classList.add("lp-far");
    });
  }
  window.addEventListener("load", function () {
    if (!("contentVisibility" in document.documentElement.style)) return;
    (window.requestIdleCallback || function (f) { return setTimeout(f, 200); })(skipFar, {timeout: 2000});
  });
})();
