// MathJax only where and when a formula is on screen (issue #25). Sphinx's mathjax_path points here
// (_config.yml), on the pages that hold a formula only; the page's MathJax settings (window.MathJax,
// written by Sphinx just before) stay as they are. MathJax itself (_static/vendor/mathjax, see
// tools/vendor.py) is fetched, and typesets the page, once a formula comes within about a screen
// of view: a reader who never reaches one pays nothing for it. A browser without
// IntersectionObserver loads it at once.
(function () {
  var MARGIN = "900px 0px";
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var root = document.documentElement.getAttribute("data-content_root");
    var script = document.createElement("script");
    script.src = (root === null ? "" : root) + "_static/vendor/mathjax/tex-mml-chtml.js";
    script.async = true;
    document.head.appendChild(script);
  }
  function watch() {
    var formulas = document.querySelectorAll(".math");
    if (!formulas.length) return;
    if (!("IntersectionObserver" in window)) { start(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      seen.disconnect();
      start();
    }, {rootMargin: MARGIN});
    Array.prototype.forEach.call(formulas, function (formula) { seen.observe(formula); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
