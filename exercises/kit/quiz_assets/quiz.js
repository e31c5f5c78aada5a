(function () {
  "use strict";
  if (window.lpQuiz) { window.lpQuiz.init(); return; }
  var each = function (list, f) { return Array.prototype.map.call(list, f); };
  function questions(root) { return each(root.querySelectorAll("fieldset.lp-q"), function (q) { return q; }); }
  function parts(q) {
    var kind = q.dataset.kind;
    return each(q.querySelectorAll(kind === "choice" ? "input" : kind === "label" ? "select" : "li"),
                function (el) { return el; });
  }
  function words(q) {
    var root = q.closest(".lp-quiz");
    if (!root.lpWords) root.lpWords = JSON.parse(root.dataset.words);
    return root.lpWords;
  }
  // The same rule as exercises.kit.quiz: each {name} is replaced by its value, once.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  // The same rules as exercises.kit.quiz.grade.
  function grade(q) {
    var key = JSON.parse(q.dataset.key), kind = q.dataset.kind, els = parts(q);
    var wrong = [], missing = [], moved = "moved" in q.dataset, answered = kind === "order" && moved;
    els.forEach(function (el, i) {
      var ok, none = false;
      if (kind === "choice") {
        ok = el.checked === (key.indexOf(i) >= 0); none = !el.checked && !ok; answered = answered || el.checked;
      } else if (kind === "label") {
        ok = el.value === String(key[i]); none = el.value === ""; answered = answered || !none;
      } else { ok = moved && Number(el.dataset.item) === i; none = !moved; }
      if (!ok) wrong.push(i);
      if (none) missing.push(i);
    });
    var correct = wrong.length === 0, total = kind === "choice" ? 1 : els.length;
    return {correct: correct, right: kind === "choice" ? (correct ? 1 : 0) : total - wrong.length, total: total,
            wrong: wrong, missing: missing, answered: answered};
  }
  // The same words as exercises.kit.quiz.feedback.
  function feedback(q) {
    var r = grade(q), w = words(q), kind = q.dataset.kind, els = parts(q);
    if (!r.answered) return {result: r, words: kind === "order" ? w.ask_order : w.ask,
                             marks: els.map(function () { return ""; })};
    var after = function (t) { return t ? " " + t : ""; }, text;
    if (r.correct) text = fill(w.correct, {explain: after(q.dataset.explain || "")});
    else if (kind === "choice") text = els[0].type === "checkbox"
      ? fill(w.several, {wrong: r.wrong.length - r.missing.length, missing: r.missing.length}) : w.choice;
    else if (kind === "label") text = fill(r.missing.length ? w.label_missing : w.label,
                                          {right: r.right, total: r.total, missing: r.missing.length});
    else text = fill(w.order, {right: r.right, total: r.total});
    var key = JSON.parse(q.dataset.key);
    var marks = els.map(function (el, i) {
      var bad = r.wrong.indexOf(i) >= 0, reason = (el.closest(".lp-row").dataset.reason || "");
      if (kind === "choice") return !el.checked ? "" : fill(key.indexOf(i) >= 0 ? w.mark_yes : w.mark_no, {reason: reason});
      if (kind === "label") return el.value === "" ? w.mark_empty : bad ? fill(w.mark_label, {reason: after(reason)})
        : w.mark_right;
      return bad ? w.mark_away : w.mark_place;
    });
    return {result: r, words: text, marks: marks};
  }
  function rows(q) {
    return parts(q).map(function (el) { return el.closest(".lp-row").querySelector(".lp-mark"); });
  }
  function say(q, text, cls) {
    var out = q.querySelector(".lp-feedback");
    out.className = "lp-feedback" + (cls ? " " + cls : "");
    out.textContent = text;
  }
  function unmark(q) { rows(q).forEach(function (m) { m.textContent = ""; m.className = "lp-mark"; }); say(q, ""); }
  function tried(q, yes) {
    var fold = q.querySelector("details.lp-answer");
    if (yes) { q.dataset.tried = ""; fold.hidden = false; }
    else { delete q.dataset.tried; fold.open = false; fold.hidden = true; }
  }
  function check(q) {
    var f = feedback(q), marks = rows(q);
    f.marks.forEach(function (text, i) {
      marks[i].textContent = text;
      marks[i].className = "lp-mark" + (text && text.charAt(0) === "✓" ? " lp-ok" : "");
    });
    say(q, f.words, !f.result.answered ? "" : f.result.correct ? "lp-yes" : "lp-no");
    if (f.result.answered) tried(q, true);
  }
  // What the learner has given: the indices chosen, each menu's value, the items in their order
  // (none until the learner has moved one: the shuffled start is no answer).
  function given(q) {
    var kind = q.dataset.kind, els = parts(q);
    if (kind === "choice") return els.reduce(function (out, el, i) { if (el.checked) out.push(i); return out; }, []);
    if (kind === "label") return els.map(function (el) { return el.value; });
    return "moved" in q.dataset ? els.map(function (el) { return Number(el.dataset.item); }) : [];
  }
  function edges(list) {
    var items = list.children, n = items.length;
    Array.prototype.forEach.call(items, function (li, i) {
      li.querySelector(".lp-up").disabled = i === 0;
      li.querySelector(".lp-down").disabled = i === n - 1;
    });
  }
  // Put a saved answer back, if it fits the question as it is now; true if it did.
  function put(q, value) {
    var kind = q.dataset.kind, els = parts(q), n = els.length;
    if (!Array.isArray(value)) return false;
    var whole = value.every(function (v) { return v === Math.floor(v) && v >= 0 && v < n; });
    if (kind === "choice") {
      if (!whole || (els[0].type === "radio" && value.length > 1)) return false;
      els.forEach(function (el, i) { el.checked = value.indexOf(i) >= 0; });
    } else if (kind === "label") {
      if (value.length !== n || !value.every(function (v, i) {
        return typeof v === "string" && each(els[i].options, function (o) { return o.value; }).indexOf(v) >= 0;
      })) return false;
      els.forEach(function (el, i) { el.value = value[i]; });
    } else {
      if (value.length !== n || !whole || value.some(function (v, i) { return value.indexOf(v) !== i; })) return false;
      var list = q.querySelector("ol");
      value.forEach(function (k) { list.appendChild(list.querySelector('li[data-item="' + k + '"]')); });
      edges(list);
      q.dataset.moved = "";
    }
    return true;
  }
  function journal() { return window.lpJournal; }
  function key(root) { return "lp:v1:quiz/" + root.id.slice(4); }
  function status(root, text) { root.querySelector(".lp-quiz-status").textContent = text; }
  function save(root) {
    var j = journal();
    if (!j) return;
    var value = {answers: questions(root).map(function (q) {
      return {sig: q.dataset.sig, value: given(q), tried: "tried" in q.dataset};
    }), saved: new Date().toISOString()};
    var done;
    try { done = j.save(key(root), value); } catch (err) { done = String(err && err.message || err); }
    if (done !== true && typeof done === "string") status(root, done);
  }
  function restore(root) {
    var j = journal(), saved;
    if (!j || root.lpRestored || root.lpTouched) return;
    root.lpRestored = true;
    try { saved = j.load(key(root)); } catch (err) { return; }
    if (!saved || typeof saved !== "object" || !Array.isArray(saved.answers)) return;
    var back = false;
    questions(root).forEach(function (q, n) {
      var a = saved.answers[n];
      if (!a || typeof a !== "object" || a.sig !== q.dataset.sig) return;
      if (put(q, a.value)) { back = true; unmark(q); }
      if (a.tried === true) tried(q, true);
    });
    if (back) status(root, words(root.querySelector("fieldset.lp-q")).restored);
  }
  function forget(root) {
    var j = journal(), done = true;
    if (j) { try { done = j.forget(key(root)); } catch (err) { done = String(err && err.message || err); } }
    questions(root).forEach(function (q) {
      var kind = q.dataset.kind;
      if (kind === "choice") parts(q).forEach(function (el) { el.checked = false; });
      else if (kind === "label") parts(q).forEach(function (el) { el.value = ""; });
      else { put(q, q.lpStart); delete q.dataset.moved; }
      unmark(q);
      tried(q, false);
    });
    var w = words(root.querySelector("fieldset.lp-q"));
    status(root, typeof done === "string" ? done : j ? w.forgot : w.cleared);
  }
  function move(button, step) {
    var li = button.closest("li"), list = li.parentNode;
    var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    list.insertBefore(step < 0 ? li : other, step < 0 ? other : li);
    edges(list);
    li.closest("fieldset").dataset.moved = "";
    (button.disabled ? li.querySelector(step < 0 ? ".lp-down" : ".lp-up") : button).focus();
    var q = li.closest("fieldset");
    unmark(q);
    say(q, fill(words(q).moved, {item: li.querySelector("span").textContent,
                                 place: Array.prototype.indexOf.call(list.children, li) + 1,
                                 total: list.children.length}));
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".lp-quiz:not([data-lp-ready])"), function (root) {
      root.setAttribute("data-lp-ready", "");
      questions(root).forEach(function (q) {
        if (q.dataset.kind === "order") {
          q.lpStart = parts(q).map(function (li) { return Number(li.dataset.item); });
          edges(q.querySelector("ol"));
        }
      });
      root.addEventListener("click", function (event) {
        var b = event.target.closest("button");
        if (!b || !root.contains(b)) return;
        root.lpTouched = true;
        if (b.classList.contains("lp-forget")) { forget(root); return; }
        if (b.classList.contains("lp-check")) check(b.closest("fieldset"));
        else if (b.classList.contains("lp-up")) move(b, -1);
        else if (b.classList.contains("lp-down")) move(b, 1);
        else return;
        save(root);
      });
      root.addEventListener("change", function (event) {
        var q = event.target.closest("fieldset.lp-q");
        if (!q) return;
        root.lpTouched = true;
        unmark(q);
        save(root);
      });
      restore(root);
    });
  }
  function late() { Array.prototype.forEach.call(document.querySelectorAll(".lp-quiz[data-lp-ready]"), restore); }
  document.addEventListener("DOMContentLoaded", late);
  window.addEventListener("load", late);
  // Answers imported into the journal (its "Import answers"): put back those of the quizzes here.
  window.addEventListener("lp-journal-import", function (event) {
    var names = (event.detail && event.detail.keys) || [];
    Array.prototype.forEach.call(document.querySelectorAll(".lp-quiz[data-lp-ready]"), function (root) {
      if (names.indexOf(key(root)) < 0) return;
      root.lpRestored = root.lpTouched = false;
      restore(root);
    });
  });
  window.lpQuiz = {grade: grade, feedback: feedback, given: given, init: init};
  init();
})();
