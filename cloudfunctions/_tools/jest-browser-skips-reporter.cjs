/**
 * A jest reporter that makes skipped browser tests loud. Without Chromium the browser suites (the admin page in a
 * real browser, the mini program's screenshots) register a `test.todo('browser tests: …')` instead of running,
 * which jest's summary shows only as a count of todos. This prints, after the summary, which ones did not run and
 * the one command that installs what they need.
 *
 * Contract with the tests: a skipped browser suite declares `test.todo` with a title starting "browser tests:".
 */
const fs = require('node:fs');
const path = require('node:path');

const INSTALL = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';
const PREFIX = 'browser tests:';

class BrowserSkipsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'todo' && test.title.startsWith(PREFIX)) {
          skipped.push(`${path.relative(this.rootDir, file.testFilePath)}: ${test.title.slice(PREFIX.length).trim()}`);
        }
      }
    }
    if (!skipped.length) return;
    const lines = [
      '',
      `!!! ${skipped.length} browser test suite(s) did NOT run: Chromium is not installed.`,
      ...skipped.map((line) => `!!!   - ${line}`),
      `!!! Install it (Debian/Ubuntu, as root), then run npm test again:`,
      `!!!   ${INSTALL}`,
      '',
    ];
    // Jest prints its own summary after every reporter has finished: write this once the process ends, so it is
    // the last thing on the screen.
    process.once('exit', () => fs.writeSync(2, `${lines.join('\n')}\n`));
  }
}

module.exports = BrowserSkipsReporter;
