// Accessibility (WCAG 2.1 A and AA), with axe-core, on every page (the print page is the same
// pages again, and what it adds is for paper only), with the
// folded solutions open and the quizzes loaded: no violation on what the book
// adds to mdBook's pages (listing figures, figures, printed quizzes, proof
// links: lib/axe.mjs), and none elsewhere but the known ones of mdBook's own
// menu bar, so that a new one shows.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from './lib/axe.mjs';
import { bookSession } from './lib/session.mjs';

// mdBook's menu bar: its sidebar toggle is a <label> with ARIA attributes a
// label may not have. mdBook's to fix.
const KNOWN = [
  { id: 'aria-allowed-attr', target: /^#mdbook-sidebar-toggle$/ },
  { id: 'aria-prohibited-attr', target: /^#mdbook-sidebar-toggle$/ },
];

const session = bookSession({
  onDone: () => console.log(`# axe: ${own} violations on the book's additions, ${known} known ones of mdBook's menu bar`),
});
let own = 0;
let known = 0;

for (const relPath of session.pages.map((p) => p.html)) {
  test(`page ${relPath}: no accessibility violation on the book's additions`, async () => {
    const { context, page } = await session.open(relPath);
    try {
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      // Down to the end, so that the quizzes load (quiz-assets.js).
      const height = await page.evaluate(() => window.innerHeight);
      for (let y = 0; y <= await page.evaluate(() => document.body.scrollHeight); y += height) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
      }
      if (await page.locator('.quiz-placeholder').count() > 0) {
        await page.locator('.quiz-placeholder .mdbook-quiz').first().waitFor({ timeout: 10_000 });
      }
      const { own: ours, others } = await axeViolations(page);
      own += ours.reduce((n, v) => n + v.targets.length, 0);
      assert.deepEqual(ours, [], `${relPath}: violations on the book's additions`);
      const unknown = others.flatMap((v) => v.targets
        .filter((t) => !KNOWN.some((k) => k.id === v.id && k.target.test(t)))
        .map((t) => `${v.id} (${v.help}): ${t}`));
      known += others.reduce((n, v) => n + v.targets.length, 0) - unknown.length;
      assert.deepEqual(unknown, [], `${relPath}: new accessibility violations`);
    } finally {
      await context.close();
    }
  });
}
