// The layout checks of the e2e screenshots find what they are meant to find: a page that scrolls
// sideways, a clipped header and a word broken across lines; a sound page passes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { layoutProblems } from './layout.mjs';

let browser;
let page;
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
});

const table = header =>
  `<table><thead><tr>${header}<th>Team</th></tr></thead></table>`;

test('a sound page has no layout problem', async () => {
  await page.setContent(
    `<h1>Welcome</h1>${table('<th>Status</th>')}
     <h2 style="position:absolute;width:1px;height:1px;overflow:hidden">Hidden title for screen readers</h2>
     <table><tr><th style="max-width:40px;overflow:hidden;white-space:nowrap" title="Duration of the run">Duration of the run</th></tr></table>`,
  );
  assert.deepEqual(await layoutProblems(page), []);
});

test('a page wider than the window is found', async () => {
  await page.setContent('<div style="width:3000px">wide</div>');
  const problems = await layoutProblems(page);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^the page scrolls sideways: 30\d\d px/);
});

test('a header clipped without its full text on hover is found', async () => {
  await page.setContent(
    table(
      '<th style="max-width:40px;overflow:hidden;white-space:nowrap">Duration of the run</th>',
    ),
  );
  const problems = await layoutProblems(page);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^header "Duration of the run" is clipped/);
});

test('a word broken across lines in a header is found; a break after a hyphen is not', async () => {
  await page.setContent(
    table(
      '<th style="width:20px;max-width:20px;word-break:break-all">Status</th><th style="width:50px;max-width:50px">GPU-hours</th>',
    ),
  );
  // GPU-hours does wrap, at its hyphen.
  const lines = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll('th')[1]);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top)))
      .size;
  });
  assert.equal(lines, 2);
  assert.deepEqual(await layoutProblems(page), [
    'header "Status" breaks the word "Status" across lines',
  ]);
});
