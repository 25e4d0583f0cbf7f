// Prints a JUnit XML report's counts as TAP summary lines ("# pass N", "# fail N"), which the
// test command adds up. Skipped tests count as failed: a skipped test is no passed test.
// Usage: node scripts/junit-summary.mjs report.xml
import { existsSync, readFileSync } from 'node:fs';

export function junitCounts(xml) {
  const suites = [...xml.matchAll(/<testsuite\b([^>]*)>/g)].map(m => m[1]);
  if (suites.length === 0) throw new Error('no <testsuite> in the report');
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const attrs of suites) {
    for (const key of Object.keys(total)) {
      const value = new RegExp(`\\b${key}="(\\d+)"`).exec(attrs);
      total[key] += value ? Number(value[1]) : 0;
    }
  }
  const failed = total.failures + total.errors + total.skipped;
  return { pass: total.tests - failed, fail: failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file || !existsSync(file)) {
    console.log('# pass 0');
    console.log('# fail 1');
    console.error(`junit-summary: no report at ${file}`);
    process.exit(1);
  }
  const { pass, fail } = junitCounts(readFileSync(file, 'utf8'));
  console.log(`# pass ${pass}`);
  console.log(`# fail ${fail}`);
  process.exit(fail > 0 ? 1 : 0);
}
