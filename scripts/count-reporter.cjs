// Mocha's spec reporter, plus a summary file ({passed, failed}) that run-tests.mjs adds up
// across suites, since CI reads one plain "N passed, N failed" line, not mocha's summary.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.once('end', () => {
      const file = process.env.ICWS_TEST_SUMMARY;
      if (file) fs.writeFileSync(file, JSON.stringify({ passed, failed }));
    });
  }
}

module.exports = CountingReporter;
