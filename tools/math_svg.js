// Render TeX formulas to SVG with MathJax 3 (npm package `mathjax`, pinned in package.json), for
// tools/math_svg.py. One process for the whole build: reads one JSON object on stdin,
//   {"tex": {...MathJax TeX options}, "svg": {...SVG options},
//    "formulas": [{"tex": "a^2", "display": false}, ...]}
// and writes one JSON object on stdout,
//   {"css": "...the stylesheet the SVGs need...",
//    "results": [{"html": "<mjx-container ...>"} or {"error": "Missing close brace"}, ...]}
// in the order of the formulas. Each result is MathJax's own <mjx-container>: the SVG
// (aria-hidden, currentColor) and MathJax's assistive MathML for screen readers.
"use strict";

const TEX_PACKAGES_OFF = ["noundefined"];  // an unknown macro is an error, not red text

function read(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

async function main() {
  const request = JSON.parse(await read(process.stdin));
  const tex = Object.assign({}, request.tex || {});
  tex.packages = {"[-]": TEX_PACKAGES_OFF};
  // A TeX error throws (the caller reports it with the page and the formula) instead of drawing
  // red text into the page.
  tex.formatError = (jax, error) => { throw error; };
  const MathJax = await require("mathjax").init({
    loader: {load: ["input/tex", "output/svg", "a11y/assistive-mml"]},
    tex,
    // Every glyph's path drawn where it is used: no ids, so formulas never clash on a page.
    svg: Object.assign({}, request.svg || {}, {fontCache: "none"}),
    startup: {typeset: false},
  });
  const adaptor = MathJax.startup.adaptor;
  const results = [];
  for (const formula of request.formulas || []) {
    try {
      const node = await MathJax.tex2svgPromise(formula.tex, {display: !!formula.display});
      results.push({html: adaptor.outerHTML(node)});
    } catch (error) {
      results.push({error: String((error && error.message) || error)});
    }
  }
  const css = adaptor.textContent(MathJax.svgStylesheet());
  process.stdout.write(JSON.stringify({css, results}));
}

main().catch((error) => {
  process.stderr.write(`math_svg.js: ${(error && error.stack) || error}\n`);
  process.exit(1);
});
