// Prints the closing "N passed, N failed, N skipped" line from vitest's JSON report. When the test
// command failed before vitest ran (build, type-check or lint), that failure counts as one.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`tests did not run (npm test exited ${status} before vitest: see the build, type-check or lint output above)`);
  console.log('0 passed, 1 failed');
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that failed outside its tests (a beforeAll, an import) lists its tests as skipped, or
  // none at all: it counts as one failure, or the closing line would read green.
  const failedSuites = r.testResults.filter((s) => s.status === 'failed' && !s.assertionResults.some((t) => t.status === 'failed')).length;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${skipped} skipped`);
}
