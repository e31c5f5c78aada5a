(function () {
  "use strict";
  if (window.lpQuiz) { window.lpQuiz.init(); return; }
  function parts(q) {
    var kind = q.dataset.kind;
    if (kind === "choice") return Array.prototype.slice.call(q.querySelectorAll("input"));
    if (kind === "label") return Array.prototype.slice.call(q.querySelectorAll("select"));
    return Array.prototype.slice.call(q.querySelectorAll("li"));
  }
  // The same rules as exercises.quiz.grade: every option, item or place is one part.
  function grade(q) {
    var key = JSON.parse(q.dataset.key), kind = q.dataset.kind, wrong = [];
    parts(q).forEach(function (el, i) {
      var ok = kind === "choice" ? el.checked === (key.indexOf(i) >= 0)
             : kind === "label" ? el.value === String(key[i])
             : Number(el.dataset.item) === i;
      if (!ok) wrong.push(i);
    });
    var total = parts(q).length;
    return {correct: wrong.length === 0, right: total - wrong.length, total: total, wrong: wrong};
  }
  function mark(q, result) {
    var kind = q.dataset.kind, els = parts(q);
    els.forEach(function (el, i) {
      var holder = kind === "order" ? el : el.closest(".lp-row");
      var m = holder.querySelector(".lp-mark");
      var bad = result.wrong.indexOf(i) >= 0 && (kind !== "choice" || el.checked);
      var reason = kind === "label" ? holder.dataset.reason : "";
      m.textContent = !bad ? "" : kind === "order" ? "✗ not in its place"
        : kind === "label" ? "✗ not this one" + (reason ? ". " + reason : "") : "✗ not right";
    });
  }
  function check(q) {
    var r = grade(q), out = q.querySelector(".lp-feedback");
    mark(q, r);
    out.className = "lp-feedback " + (r.correct ? "lp-yes" : "lp-no");
    out.textContent = r.correct ? "✓ Correct. " + (q.dataset.explain || "")
      : "✗ " + r.right + " of " + r.total + " right. Change your answer and check again, or open the answer.";
  }
  function move(button, step) {
    var li = button.closest("li"), list = li.parentNode;
    var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    list.insertBefore(step < 0 ? li : other, step < 0 ? other : li);
    button.focus();
    var place = Array.prototype.indexOf.call(list.children, li) + 1;
    var q = li.closest("fieldset"), out = q.querySelector(".lp-feedback");
    out.className = "lp-feedback";
    out.textContent = li.querySelector("span").textContent + " is now in place " + place + " of " + list.children.length + ".";
    parts(q).forEach(function (el) { el.querySelector(".lp-mark").textContent = ""; });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".lp-quiz:not([data-lp-ready])"), function (root) {
      root.setAttribute("data-lp-ready", "");
      root.addEventListener("click", function (event) {
        var b = event.target.closest("button");
        if (!b || !root.contains(b)) return;
        if (b.classList.contains("lp-check")) check(b.closest("fieldset"));
        else if (b.classList.contains("lp-up")) move(b, -1);
        else if (b.classList.contains("lp-down")) move(b, 1);
      });
    });
  }
  window.lpQuiz = {grade: grade, init: init};
  init();
})();
