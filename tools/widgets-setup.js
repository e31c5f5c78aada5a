/* Leading Products: make the Jupyter widget manager (embed-amd.js) work on an offline site.
 *
 * tools/vendor.py copies this file next to embed-amd.js into _static/vendor/; _config.yml
 * (nb_ipywidgets_js) loads it on every page that holds widget state, after require.js and
 * before embed-amd.js. Our own code, not a third-party bundle.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  // The absolute URL of _static/vendor/, whatever the page's depth, over HTTP or file://.
  var base = new URL(".", me.src).href;

  // 1. Icon fonts. Two AMD modules of embed-amd.js load Font Awesome from the folder of their
  //    own module URL, which require.js derives from the module's name relative to the page
  //    (book/@jupyter-widgets/...): a folder that does not exist. Give both names this
  //    folder's embed-amd.js as their URL (nothing is fetched: the modules are defined
  //    inline). __jupyter_widgets_assets_path__ is the bundle's documented hook for the same.
  window.__jupyter_widgets_assets_path__ = base;
  if (window.requirejs) {
    window.requirejs.config({paths: {
      "@jupyter-widgets/html-manager": base + "embed-amd",
      "@jupyter-widgets/html-manager/dist/libembed-amd": base + "embed-amd"
    }});
  }

  // 2. No CDN. For a widget module it does not bundle, the manager asks cdn.jsdelivr.net.
  //    It reads data-jupyter-widgets-cdn from the page's scripts when it loads, so send it
  //    to a folder of this site instead: such a page then fails here, visibly (a 404 the
  //    site test reports), and never calls another host.
  me.setAttribute("data-jupyter-widgets-cdn", base + "widget-modules/");

  // 3. Maths in widget labels. The manager typesets with MathJax 2's call,
  //    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]), whenever window.MathJax exists;
  //    the book loads MathJax 3, which has no Hub, so every widget label threw. MathJax 3
  //    (a deferred script) is in place by DOMContentLoaded, before the manager renders:
  //    give it a Hub that does the same with MathJax 3's API.
  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (!mj || !mj.version || mj.Hub) return;
    mj.Hub = {Queue: function (job) {
      var el = job && job[2];
      if (!el || !mj.typesetPromise) return;
      var ready = mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
      ready.then(function () { return mj.typesetPromise([el]); })
        .catch(function (err) { console.warn("MathJax could not typeset a widget label:", err); });
    }};
  });

  // 4. Accessibility. ipywidgets' slider handle (role="slider") has no accessible name and
  //    its label carries title="null": name each handle after its widget's description.
  var counter = 0;
  function label(root) {
    var handles = root.querySelectorAll(".noUi-handle[role='slider']");
    Array.prototype.forEach.call(handles, function (handle) {
      if (handle.hasAttribute("aria-label") || handle.hasAttribute("aria-labelledby")) return;
      var widget = handle.closest(".widget-slider, .jupyter-widgets");
      var text = widget && widget.querySelector(".widget-label");
      if (text && text.textContent.trim()) {
        if (!text.id) text.id = "lp-widget-label-" + (++counter);
        handle.setAttribute("aria-labelledby", text.id);
      } else {
        handle.setAttribute("aria-label", "Slider");
      }
    });
    var nulls = root.querySelectorAll(".widget-label[title='null']");
    Array.prototype.forEach.call(nulls, function (el) { el.removeAttribute("title"); });
  }
  // Widgets render after the page loads: label each rendered widget area as it changes.
  new MutationObserver(function (changes) {
    var areas = new Set();
    changes.forEach(function (change) {
      var area = change.target.closest && change.target.closest(".widget-subarea");
      if (area) areas.add(area);
    });
    areas.forEach(label);
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
