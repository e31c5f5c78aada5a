// The transition plan on the published page (book/plan): assembled in the browser from the
// answers the learner's journal (journal.js) kept under "lp:v1:<topic>/<exercise>", by the
// recipe the Python model wrote into the page (exercises/plan/model.py: recipe(), assemble(),
// to_markdown(), to_html(); this file does the same, step by step). Until the learner has an
// answer the plan reads, the example's answers fill it. Learner text is only ever set as text
// (textContent), escaped in the exports; nothing is sent anywhere. Pages without a plan: nothing.
(function () {
  "use strict";
  var PREFIX = "lp:v1:";
  var TITLE = "My transition plan";
  var INVISIBLE = /[\u202a-\u202e\u2066-\u2069\ufeff]/g;  // bidi controls: dropped, as the store drops them
  var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

  function plainObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // Learner text as the plan shows it (model.plain): one line, at most `chars` characters.
  function plain(value, chars) {
    if (typeof value !== "string") return "";
    var text = value.replace(INVISIBLE, "").replace(UNSAFE, " ").trim();
    var points = Array.from(text);
    return points.length > chars ? points.slice(0, chars).join("") + "\u2026" : text;
  }
  function blank(v, chars) {
    return v === undefined || v === null || (typeof v === "string" && !plain(v, chars)) ||
      (Array.isArray(v) && !v.length);
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }
  function shown(value, spec, r) {
    var table = (spec.names && r.names[spec.names]) || {};
    if (spec.number) {
      return typeof value === "number" && Math.abs(value) < 1e15 ? String(Math.floor(value + 0.5)) : "";
    }
    if (typeof value === "number" && isFinite(value)) value = String(value);
    var text = plain(value, r.chars);
    return text ? plain(has(table, text) ? table[text] : text, r.chars) : "";
  }
  // An input's name with each {other} replaced by the kept value of input "other", as model._named.
  function named(name, inputs) {
    return name.replace(/\{(\w+)\}/g, function (_, other) {
      return has(inputs, other) && inputs[other] !== null && inputs[other] !== undefined ? String(inputs[other]) : "";
    });
  }
  function field(spec, inputs, r) {
    var out = [];
    if (spec.pairs) {
      spec.pairs.forEach(function (pair) {
        var o = plain(inputs[pair[0]], r.chars), w = plain(inputs[pair[1]], r.chars);
        if (o) out.push(o + " (" + (w || "no owner yet") + ")");
      });
      return out.join("; ");
    }
    if (spec.join) {
      spec.join.forEach(function (name) { var t = shown(inputs[name], spec, r); if (t) out.push(t); });
      return out.join(", ");
    }
    for (var i = 0; i < (spec.inputs || []).length; i++) {
      var name = named(spec.inputs[i], inputs);
      if (!blank(inputs[name], r.chars)) return shown(inputs[name], spec, r);
    }
    return "";
  }
  function boardText(inputs, r) {
    var lines = [], quiz = inputs.answers;
    if (!Array.isArray(quiz) || !plainObject(quiz[0]) || !Array.isArray(quiz[0].value)) return "";
    quiz[0].value.forEach(function (level, k) {
      if (k >= r.board.items.length || typeof level !== "string" || !/^\d+$/.test(level)) return;
      if (Number(level) >= r.board.labels.length) return;
      lines.push(fill(r.words.board.line, {decision: r.board.items[k], level: r.board.labels[Number(level)]}));
    });
    return lines.join("; ");
  }
  function rating(v) { return typeof v === "number" && v === Math.floor(v) && v >= 1 && v <= 5; }
  function gapText(inputs, rank, r) {
    var rows = [];
    for (var k = 0; k < r.gaps.length; k++) {
      var c = r.gaps[k], now = inputs["now_" + c.id], goal = inputs["goal_" + c.id];
      if (!rating(now) || !rating(goal)) return "";
      rows.push({c: c, now: now, goal: goal, gap: goal - now, order: k});
    }
    rows.sort(function (a, b) { return b.gap - a.gap || a.order - b.order; });
    var positive = rows.filter(function (row) { return row.gap > 0; });
    if (positive.length < rank) return r.words.gap.none;
    var row = positive[rank - 1];
    return fill(r.words.gap.gap, {name: row.c.name, now: row.now, goal: row.goal, action: row.c.action,
                                  where: row.c.where});
  }
  function weekWords(m, i, r) {
    var w = r.week;
    if (m + i > 100) return fill(w.words.over, {total: m + i});
    var yours = [m, i, 100 - m - i], best = -1, at = 0;
    yours.forEach(function (y, k) {
      var d = Math.abs(y - w.reference[k]);
      if (d > best) { best = d; at = k; }
    });
    if (best <= w.close) return fill(w.words.close, {close: w.close});
    return fill(w.words.differs, {name: w.names[at].toLowerCase(), yours: yours[at], reference: w.reference[at]});
  }
  function segments(template, values) {
    var out = [], re = /\{(\w+)\}/g, last = 0, m;
    while ((m = re.exec(template)) !== null) {
      if (m.index > last) out.push(["t", template.slice(last, m.index)]);
      out.push(["v", values[m[1]]]);
      last = re.lastIndex;
    }
    if (last < template.length) out.push(["t", template.slice(last)]);
    return out.filter(function (s) { return s[1]; });
  }

  // The plan from kept inputs ({key: {input: value}}), as model.assemble() makes it.
  function assemble(r, kept, example) {
    var mine = r.items.some(function (item) { return has(kept, item.key); });
    var useExample = example === undefined ? !mine : example;
    var values = useExample ? exampleKept : kept;
    var parts = r.parts.map(function (title) { return {title: title, items: []}; });
    var answered = 0;
    r.items.forEach(function (item) {
      var inputs = plainObject(values[item.key]) ? values[item.key] : {}, filled = {};
      if (item.kind === "board") filled.board = boardText(inputs, r);
      else if (item.kind === "gap") filled.gap = has(values, item.key) ? gapText(inputs, item.rank, r) : "";
      else {
        Object.keys(item.fields).forEach(function (name) { filled[name] = field(r.fields[item.fields[name]], inputs, r); });
        if (item.kind === "week") {
          var m = Number(filled.market), i = Number(filled.internal);
          filled.verdict = filled.market && filled.internal && m >= 0 && m <= 100 && i >= 0 && i <= 100
            ? weekWords(m, i, r) : "";
        }
      }
      var line = {id: item.id, heading: item.heading};
      var complete = Object.keys(filled).every(function (k) { return filled[k]; });
      if (complete) { line.segments = segments(item.template, filled); answered += 1; }
      else { line.missing = item.missing; line.href = item.page + ".html#" + item.anchor; line.where = item.where; }
      parts[item.part].items.push(line);
    });
    return {example: useExample, who: useExample ? r.words.example : "", answered: answered,
            total: r.items.length, parts: parts};
  }

  // ------------------------------------------------------------------ exports (model.to_markdown, to_html)

  function markdownText(text) { return text.replace(/([!-\/:-@\[-`{-~])/g, "\\$1"); }
  function toMarkdown(plan) {
    var lines = ["# " + TITLE, ""];
    if (plan.example) lines.push("An example: the plan of " + plan.who + ". Your own answers replace it.", "");
    plan.parts.forEach(function (part) {
      lines.push("## " + part.title, "");
      part.items.forEach(function (line) {
        var head = "**" + line.heading + ":** ";
        if (line.missing) lines.push("- " + head + line.missing + " Answer it in " + line.where + " (<" + line.href + ">).");
        else lines.push("- " + head + line.segments.map(function (s) { return s[0] === "v" ? markdownText(s[1]) : s[1]; }).join(""));
      });
      lines.push("");
    });
    return lines.join("\n");
  }
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  var PRINT_CSS = "body{font:16px/1.5 system-ui,sans-serif;max-width:42em;margin:1em auto;padding:0 1em;color:#111;" +
    "background:#fff}h2{margin-top:1.5em}li{margin:.4em 0}.missing{color:#555}" +
    "@media print{h2{break-before:page}h2:first-of-type{break-before:auto}a{color:inherit}}";
  function lineHtml(line) {
    var head = "<strong>" + esc(line.heading) + ":</strong> ";
    if (line.missing) {
      return '<li class="missing">' + head + esc(line.missing) + ' Answer it in <a href="' + esc(line.href) + '">' +
        esc(line.where) + "</a>.</li>";
    }
    return "<li>" + head + line.segments.map(function (s) {
      return s[0] === "t" ? esc(s[1]) : "<bdi>" + esc(s[1]) + "</bdi>";
    }).join("") + "</li>";
  }
  function toHtml(plan) {
    var out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">', "<title>" + TITLE + "</title>",
      "<style>" + PRINT_CSS + "</style>", "</head>", "<body>", "<main>", "<h1>" + TITLE + "</h1>"];
    if (plan.example) out.push("<p>An example: the plan of " + esc(plan.who) + ". Your own answers replace it.</p>");
    plan.parts.forEach(function (part) {
      out.push("<section>", "<h2>" + esc(part.title) + "</h2>", "<ul>");
      part.items.forEach(function (line) { out.push(lineHtml(line)); });
      out.push("</ul>", "</section>");
    });
    out.push("</main>", "</body>", "</html>");
    return out.join("\n") + "\n";
  }

  // ------------------------------------------------------------------ the page

  var exampleKept = {};

  function kept(r) {
    var out = {}, j = window.lpJournal;
    if (!j) return out;
    r.items.forEach(function (item) {
      var value;
      try { value = j.load(PREFIX + item.key); } catch (err) { value = undefined; }
      if (!plainObject(value)) return;
      if (plainObject(value.inputs)) out[item.key] = value.inputs;
      else if (Array.isArray(value.answers)) out[item.key] = {answers: value.answers};
    });
    return out;
  }

  function draw(body, plan) {
    var frag = document.createDocumentFragment();
    if (plan.example) {
      var p = document.createElement("p");
      p.className = "lp-plan-example";
      var strong = document.createElement("strong");
      strong.textContent = "An example:";
      p.appendChild(strong);
      p.appendChild(document.createTextNode(" the plan of " + plan.who + ". Your own answers replace it as you give them."));
      frag.appendChild(p);
    }
    plan.parts.forEach(function (part) {
      var section = document.createElement("section");
      section.className = "lp-plan-part";
      var h = document.createElement("h3");
      h.textContent = part.title;
      var ul = document.createElement("ul");
      part.items.forEach(function (line) {
        var li = document.createElement("li");
        var head = document.createElement("strong");
        head.textContent = line.heading + ":";
        li.appendChild(head);
        li.appendChild(document.createTextNode(" "));
        if (line.missing) {
          li.className = "missing";
          li.appendChild(document.createTextNode(line.missing + " Answer it in "));
          var a = document.createElement("a");
          a.href = line.href;
          a.textContent = line.where;
          li.appendChild(a);
          li.appendChild(document.createTextNode("."));
        } else {
          line.segments.forEach(function (s) {
            if (s[0] === "t") { li.appendChild(document.createTextNode(s[1])); return; }
            var bdi = document.createElement("bdi");
            bdi.textContent = s[1];
            li.appendChild(bdi);
          });
        }
        ul.appendChild(li);
      });
      section.appendChild(h);
      section.appendChild(ul);
      frag.appendChild(section);
    });
    body.textContent = "";
    body.appendChild(frag);
  }

  function start(root) {
    var data;
    try { data = JSON.parse(root.querySelector("script.lp-plan-data").textContent); }
    catch (err) { return; }
    var r = data.recipe, body = root.querySelector(".lp-plan-body"), status = root.querySelector(".lp-plan-status");
    exampleKept = plainObject(data.example) ? data.example : {};
    var last = null, plan = null;
    function refresh() {
      var now = kept(r), snapshot = JSON.stringify(now);
      if (snapshot === last) return;
      last = snapshot;
      plan = assemble(r, now);
      draw(body, plan);
      root.setAttribute("data-plan-answered", String(plan.answered));
      root.setAttribute("data-plan-example", plan.example ? "yes" : "no");
    }
    refresh();
    window.addEventListener("lp-journal-change", refresh);
    window.addEventListener("storage", refresh);
    window.addEventListener("lp-journal-import", refresh);
    root.querySelectorAll("button[data-plan]").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-plan");
        refresh();
        if (what === "markdown") {
          window.lpJournal.download("my-transition-plan.md", "text/markdown", toMarkdown(plan));
          status.textContent = "Your plan went into my-transition-plan.md, in your downloads.";
        } else if (what === "html") {
          window.lpJournal.download("my-transition-plan.html", "text/html", toHtml(plan));
          status.textContent = "Your plan went into my-transition-plan.html, in your downloads; it opens without a connection.";
        } else if (what === "print") {
          window.print();
        } else if (what === "forget") {
          // The page's own exercises go back to where they started, then every kept answer goes.
          document.querySelectorAll(".lp-journal .lp-journal-button, .lp-quiz .lp-forget").forEach(function (b) { b.click(); });
          var j = window.lpJournal, failed = false;
          if (j) j.keys().forEach(function (key) { if (j.forget(key) !== true) failed = true; });
          last = null;
          refresh();
          status.textContent = failed ? "Some answers could not be forgotten: storage is turned off in this browser."
            : "Every answer this browser kept for the book is forgotten; the plan shows the example again.";
        }
      });
    });
  }

  function init() { document.querySelectorAll(".lp-plan").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  window.lpPlan = {assemble: function (r, keptValues, example) { return assemble(r, keptValues, example); },
                   toMarkdown: toMarkdown, toHtml: toHtml, plain: plain,
                   setExample: function (e) { exampleKept = e; }};
})();
