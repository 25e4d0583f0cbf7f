import { test } from 'node:test';
import assert from 'node:assert/strict';
import { junitCounts } from './junit-summary.mjs';

test('counts passed tests, and failures, errors and skips as failed', () => {
  const xml =
    '<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="1" failures="2" skipped="1" tests="80" time="3.2"><testcase/></testsuite></testsuites>';
  assert.deepEqual(junitCounts(xml), { pass: 76, fail: 4 });
});

test('adds up several suites', () => {
  const xml =
    '<testsuite tests="3" failures="0" errors="0" skipped="0"></testsuite><testsuite tests="2" failures="1" errors="0" skipped="0"></testsuite>';
  assert.deepEqual(junitCounts(xml), { pass: 4, fail: 1 });
});

test('refuses a report without suites', () => {
  assert.throws(() => junitCounts('<html></html>'), /no <testsuite>/);
});
