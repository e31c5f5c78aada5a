// The theme's stylesheets cut to the rules the built site can use (issue #25, fast on a phone).
//
//   node tools/purge_css.js SITE FILE...
//
// SITE is the built site (_build/html); each FILE a stylesheet under it, rewritten in place. What
// the site can use is what its pages and its own scripts name: every built page and every script
// under _static/ except the vendored chart scripts (Vega draws no theme class). PurgeCSS (pinned in
// package.json) keeps a rule when a class, id or tag of its selector appears in them, so a class a
// theme script adds at run time (it names it) stays. Attribute selectors on the states the theme's
// scripts set (light or dark mode, an open menu) are kept whatever the pages hold. Prints one line
// per file, bytes before and after; exits 1 with a message if a file is missing.
"use strict";
const fs = require("fs");
const path = require("path");
const { PurgeCSS } = require("purgecss");

async function main(site, files) {
  const missing = files.filter((file) => !fs.existsSync(path.join(site, file)));
  if (missing.length) {
    console.error(`purge_css: no ${missing.join(", ")} in ${site}`);
    return 1;
  }
  const results = await new PurgeCSS().purge({
    content: [`${site}/**/*.html`, `${site}/_static/**/*.js`],
    skippedContentGlobs: [`${site}/_static/vendor/**`, "**/*.map"],
    css: files.map((file) => path.join(site, file)),
    // States the theme's scripts write as attributes on <html> and on menus.
    dynamicAttributes: ["data-theme", "data-mode", "aria-expanded", "aria-selected", "aria-current", "data-bs-theme"],
    keyframes: true,
    fontFace: true,
    variables: false,
  });
  for (const result of results) {
    const before = fs.statSync(result.file).size;
    // The theme's source maps describe the whole file: a cut file keeps no comment pointing at one.
    const css = result.css.replace(/\/\*[#@]\s*sourceMappingURL=[^*]*\*\/\s*/g, "");
    fs.writeFileSync(result.file, css);
    console.log(`${path.relative(site, result.file)}: ${before} -> ${Buffer.byteLength(css)} bytes`);
  }
  return 0;
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (err) => { console.error(`purge_css: ${err.message}`); process.exit(1); },
);
