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
