// The learner's journal: every answer given on a published page is kept in this browser's
// localStorage, and only there (no request to any host). Each exercise's chart is attached by
// its snippet (exercises/kit/display.py) once drawn: its bound inputs are restored from
// "lp:v1:<exercise key>" and saved (debounced) as {"inputs": {name: value}, "saved": ISO time}.
// Beside each exercise, "Forget my answers"; at the foot of every page, "Export my answers"
// (one JSON file) and "Import answers". The quiz keeps its answers through the same API:
// lpJournal.load(key), save(key, value), forget(key), keys(); download(name, type, text) makes a
// file in the reader's downloads; every save or forget is told to the page as "lp-journal-change".
(function () {
  "use strict";
  var PREFIX = "lp:v1:";
  var LIMIT = 1024 * 1024;  // the largest file Import reads
  var FILE = "leading-products-answers.json";
  var UNAVAILABLE = "Your answers can't be kept in this browser (storage is full or turned off); " +
    "the exercise still works.";
  var NOT_OURS = "That file is not a file of answers exported from this book; nothing was changed.";
  var attached = [];  // {key, view, params, box, status, muted, timer}

  function ours(key) { return typeof key === "string" && key.indexOf(PREFIX) === 0 && key.length <= 200; }
  function isObject(v) { return v !== null && typeof v === "object"; }
  function plain(v) { return isObject(v) && !Array.isArray(v); }
  function has(obj, name) { return Object.prototype.hasOwnProperty.call(obj, name); }

  // ------------------------------------------------------------------ storage (never throws)

  function read(key) {
    try {
      var text = window.localStorage.getItem(key);
      return {value: text === null ? undefined : JSON.parse(text)};
    } catch (err) {
      return {value: undefined, failed: !(err instanceof SyntaxError)};
    }
  }
  // Anything on this page that shows kept answers (the plan) hears each change here; other tabs
  // hear it from the browser's own "storage" event.
  function changedKey(key) {
    try { window.dispatchEvent(new CustomEvent("lp-journal-change", {detail: {key: key}})); }
    catch (err) { /* an old browser: nothing listens */ }
  }
  function load(key) { return ours(key) ? read(key).value : undefined; }
  function save(key, value) {
    if (!ours(key)) return "The journal keeps only keys that start with " + PREFIX + "; nothing was kept.";
    try { window.localStorage.setItem(key, JSON.stringify(value)); }
    catch (err) { return UNAVAILABLE; }
    changedKey(key);
    return true;
  }
  function forget(key) {
    if (!ours(key)) return true;
    try { window.localStorage.removeItem(key); }
    catch (err) { return UNAVAILABLE; }
    changedKey(key);
    return true;
  }
  function keys() {
    var out = [];
    try {
      var store = window.localStorage;
      for (var i = 0; i < store.length; i++) { if (ours(store.key(i))) out.push(store.key(i)); }
    } catch (err) { /* no storage: no keys */ }
    return out.sort();
  }

  // ------------------------------------------------------------------ one exercise's chart

  // The spec's bound inputs, as {name: the Vega signal, bind, value: the declared default}: a
  // variable param bound to an input, or a point selection bound to one (Vega-Lite binds its
  // signal "<param>_<field>" for each field, and its default is the param's first value).
  function boundParams(spec) {
    var out = [];
    (Array.isArray(spec.params) ? spec.params : []).forEach(function (p) {
      if (!plain(p) || typeof p.name !== "string" || !plain(p.bind) || typeof p.bind.input !== "string") return;
      if (!p.select) { out.push({name: p.name, bind: p.bind, value: p.value}); return; }
      var fields = plain(p.select) && Array.isArray(p.select.fields) ? p.select.fields : [];
      var first = Array.isArray(p.value) && plain(p.value[0]) ? p.value[0] : {};
      fields.forEach(function (field) {
        if (typeof field !== "string") return;
        out.push({name: (p.name + "_" + field).replace(/\W/g, "_"), bind: p.bind,
                  value: has(first, field) ? first[field] : undefined});
      });
    });
    return out;
  }

  // Would the binding's own input ever hold this value?
  function allowed(bind, value) {
    var kind = bind.input;
    if (kind === "select" || kind === "radio") {
      return Array.isArray(bind.options) && bind.options.some(function (o) { return o === value; });
    }
    if (kind === "checkbox") return typeof value === "boolean";
    if (kind === "text") return typeof value === "string" && value.length <= 1000;
    if (typeof value !== "number" || !isFinite(value)) return false;
    if (kind === "range") {
      var min = typeof bind.min === "number" ? bind.min : 0, max = typeof bind.max === "number" ? bind.max : 100;
      if (value < min || value > max) return false;
      if (typeof bind.step !== "number" || !(bind.step > 0)) return true;
      var steps = (value - min) / bind.step;
      return Math.abs(steps - Math.round(steps)) < 1e-6;
    }
    if (kind === "number") {
      return !(typeof bind.min === "number" && value < bind.min) && !(typeof bind.max === "number" && value > bind.max);
    }
    return false;
  }

  function say(entry, sentence) { entry.status.textContent = sentence; }

  // Set the view's bound params to valueOf(param) where allowed, without saving the change.
  function apply(entry, valueOf, trusted) {
    var changed = false;
    entry.muted += 1;
    entry.params.forEach(function (p) {
      var value = valueOf(p);
      if (value === undefined || (!trusted && !allowed(p.bind, value))) return;
      try { entry.view.signal(p.name, value); changed = true; } catch (err) { /* not a signal: skip */ }
    });
    var done = function () { entry.muted -= 1; };
    if (!changed) { done(); return Promise.resolve(); }
    return entry.view.runAsync().then(done, done);
  }

  function restore(entry) {
    var kept = read(entry.key);
    if (kept.failed) say(entry, UNAVAILABLE);
    var inputs = plain(kept.value) && plain(kept.value.inputs) ? kept.value.inputs : {};
    return apply(entry, function (p) { return has(inputs, p.name) ? inputs[p.name] : undefined; }, false);
  }

  function flush(entry) {
    if (entry.timer === null) return;
    clearTimeout(entry.timer);
    entry.timer = null;
    var inputs = {};
    entry.params.forEach(function (p) {
      try { inputs[p.name] = entry.view.signal(p.name); } catch (err) { /* skip */ }
    });
    var result = save(entry.key, {inputs: inputs, saved: new Date().toISOString()});
    if (result !== true && entry.status.textContent !== result) say(entry, result);
  }

  function changed(entry) {
    if (entry.muted) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(function () { flush(entry); }, 250);
  }

  function forgetExercise(key) {
    var result = forget(key);
    var mine = attached.filter(function (e) { return e.key === key; });
    mine.forEach(function (entry) {
      clearTimeout(entry.timer);
      entry.timer = null;
      apply(entry, function (p) { return p.value; }, true);
      say(entry, result === true ? "Your answers to this exercise are forgotten; it is back where it started." : result);
    });
  }

  function controls(el, entry) {
    var figure = (el.closest && el.closest("figure")) || el;
    var caption = figure.querySelector && figure.querySelector("figcaption");
    var box = document.createElement("div");
    box.className = "lp-journal";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lp-journal-button";
    button.textContent = "Forget my answers";
    if (caption) {
      caption.id = caption.id || (el.id || "lp-chart") + "-caption";
      button.setAttribute("aria-describedby", caption.id);
    }
    button.addEventListener("click", function () { forgetExercise(entry.key); });
    var status = document.createElement("p");
    status.className = "lp-journal-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(button);
    box.appendChild(status);
    figure.insertAdjacentElement("afterend", box);
    entry.box = box;
    entry.status = status;
  }

  function attach(el, view, spec) {
    var name = plain(spec) && plain(spec.usermeta) ? spec.usermeta.lp_exercise : undefined;
    if (typeof name !== "string" || !name || !el || !view || el.getAttribute("data-lp-journal")) return;
    var params = boundParams(spec);
    if (!params.length) return;
    el.setAttribute("data-lp-journal", name);
    var entry = {key: PREFIX + name, view: view, params: params, muted: 0, timer: null};
    controls(el, entry);
    attached.push(entry);
    restore(entry).then(function () {
      params.forEach(function (p) {
        try { view.addSignalListener(p.name, function () { changed(entry); }); } catch (err) { /* skip */ }
      });
    });
  }

  function flushAll() { attached.forEach(flush); }
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", function () { if (document.hidden) flushAll(); });

  // ------------------------------------------------------------------ export and import

  // A file of `text` in the reader's downloads, made in the page (nothing is sent anywhere).
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportAnswers(status) {
    flushAll();
    var answers = {}, count = 0;
    keys().forEach(function (key) {
      var value = load(key);
      if (value !== undefined) { answers[key] = value; count += 1; }
    });
    if (!count) { status.textContent = "There are no answers kept in this browser yet, so there is nothing to export."; return; }
    download(FILE, "application/json", JSON.stringify({leading_products: 1, answers: answers}, null, 1));
    status.textContent = "Your " + plural(count) + " went into " + FILE + ", in your downloads.";
  }

  function plural(n) { return n + (n === 1 ? " answer" : " answers"); }

  // A file's text as answers to merge: {answers} or {problem: sentence}.
  function parse(text) {
    var data;
    try { data = JSON.parse(text); } catch (err) { return {problem: NOT_OURS}; }
    if (!plain(data) || data.leading_products !== 1 || !plain(data.answers)) return {problem: NOT_OURS};
    var names = Object.keys(data.answers);
    if (!names.length) return {problem: "That file holds no answers; nothing was changed."};
    var bad = names.some(function (key) { return !ours(key) || !isObject(data.answers[key]); });
    if (bad || names.length > 10000) return {problem: NOT_OURS};
    return {answers: data.answers};
  }

  function merge(answers) {
    var names = Object.keys(answers), before = {};
    try {
      names.forEach(function (key) { before[key] = window.localStorage.getItem(key); });
      names.forEach(function (key) { window.localStorage.setItem(key, JSON.stringify(answers[key])); });
    } catch (err) {
      try {  // put back what was there: a failed import changes nothing
        names.forEach(function (key) {
          if (!has(before, key)) return;
          if (before[key] === null) window.localStorage.removeItem(key);
          else window.localStorage.setItem(key, before[key]);
        });
      } catch (again) { /* storage is gone altogether */ }
      return "Those answers can't be kept in this browser (storage is full or turned off); nothing was changed.";
    }
    attached.forEach(function (entry) { if (has(answers, entry.key)) restore(entry); });
    try { window.dispatchEvent(new CustomEvent("lp-journal-import", {detail: {keys: names}})); } catch (err) { /* old browser */ }
    return "Brought in " + plural(names.length) + " from that file.";
  }

  function importFile(file, status) {
    if (!file) return;
    if (file.size > LIMIT) {
      status.textContent = "That file is larger than 1 MB, too large to be a file of answers; nothing was changed.";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var got = parse(String(reader.result));
      status.textContent = got.problem || merge(got.answers);
    };
    reader.onerror = function () { status.textContent = "That file could not be read; nothing was changed."; };
    reader.readAsText(file);
  }

  function footer() {
    if (document.querySelector(".lp-journal-all")) return;
    var box = document.createElement("div");
    box.className = "lp-journal-all";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Your answers");
    var note = document.createElement("p");
    note.textContent = "Your answers are kept in this browser only. Take them to another browser with a file:";
    var exportButton = document.createElement("button");
    exportButton.type = "button";
    exportButton.className = "lp-journal-button";
    exportButton.textContent = "Export my answers";
    var importButton = exportButton.cloneNode(false);
    importButton.textContent = "Import answers";
    var file = document.createElement("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.hidden = true;
    file.className = "lp-journal-file";
    file.setAttribute("aria-label", "Import answers");
    var status = document.createElement("p");
    status.className = "lp-journal-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    exportButton.addEventListener("click", function () { exportAnswers(status); });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      importFile(file.files && file.files[0], status);
      file.value = "";
    });
    [note, exportButton, importButton, file, status].forEach(function (child) { box.appendChild(child); });
    var place = document.querySelector("footer.bd-footer-content .bd-footer-content__inner") ||
      document.querySelector("footer.bd-footer-content") || document.querySelector("main") || document.body;
    place.insertBefore(box, place.firstChild);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", footer);
  else footer();

  window.lpJournal = {attach: attach, load: load, save: save, forget: forget, keys: keys, download: download};
})();
