// Jest reporter that ends the run with one plain line, for example
// `jest: 750 passed, 0 failed, 2 skipped`, so CI logs can be read by any
// tool that looks for an "N passed, N failed" closing line.
'use strict';

class SummaryReporter {
    onRunComplete(_contexts, results) {
        const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
        const skipped = results.numPendingTests + results.numTodoTests;
        process.stdout.write(
            `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`
        );
    }
}

module.exports = SummaryReporter;
