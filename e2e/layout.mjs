// Layout checks for the e2e screenshots: what a user at 1400 px would call broken.

/**
 * Waits until the page has settled: for `quietMs` on end, no indeterminate loading bar and no
 * skeleton (the quota and budget bars are progress bars with a value and stay). A quiet stretch,
 * not one look: Backstage's Progress draws its bar only after 250 ms, so a card that just
 * started loading shows nothing at first.
 */
export async function waitForSettled(page, timeout = 60_000, quietMs = 1_500) {
  await page.evaluate(() => {
    window.__mlpQuietSince = undefined;
  });
  await page.waitForFunction(
    quiet => {
      const busy = document.querySelector(
        '[role="progressbar"]:not([aria-valuenow]), .MuiSkeleton-root',
      );
      const now = performance.now();
      if (busy) {
        window.__mlpQuietSince = undefined;
        return false;
      }
      window.__mlpQuietSince ??= now;
      return now - window.__mlpQuietSince >= quiet;
    },
    quietMs,
    { timeout, polling: 100 },
  );
}

/**
 * The layout problems of the page as sentences, empty when there are none:
 *  - the page scrolls sideways (a table or card wider than the window);
 *  - a heading or table header is clipped (its text wider than its box) without the full text
 *    on hover (a `title`), as deliberately truncated headers have;
 *  - a word of a heading or table header is broken across two lines ("Stat / us").
 */
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      problems.push(
        `the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`,
      );
    }
    const headers = document.querySelectorAll(
      'h1, h2, h3, h4, h5, h6, th, [role="columnheader"]',
    );
    for (const el of headers) {
      const box = el.getBoundingClientRect();
      // Not shown, or visually hidden for screen readers (the page header's 1 px title).
      if (box.width <= 1 || box.height <= 1) continue;
      const text = el.textContent.trim();
      if (!text) continue;
      const onHover = el.closest('[title]') || el.querySelector('[title]');
      if (el.scrollWidth > el.clientWidth + 1 && !onHover) {
        problems.push(
          `header "${text}" is clipped: ${el.scrollWidth} px of text in ${el.clientWidth} px`,
        );
      }
      // Each word's boxes: more than one line top means the word was broken.
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A break after a hyphen or slash is allowed.
        for (const match of node.data.matchAll(/[^\s/-]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (tops.size > 1) {
            problems.push(
              `header "${text}" breaks the word "${match[0]}" across lines`,
            );
          }
        }
      }
    }
    return problems;
  });
}
