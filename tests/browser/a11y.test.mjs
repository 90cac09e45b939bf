// Accessibility (WCAG 2.1 A and AA), with axe-core, on the content of every
// page (the print page is the same pages again, and what it adds is for paper
// only), with the folded solutions open and the quizzes loaded: no violation
// at all, and so none on what the book adds (listing figures, figures,
// printed quizzes, proof links: lib/axe.mjs). mdBook's menu and sidebar are as
// mdBook makes them; `node audit.mjs` checks whole pages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from './lib/axe.mjs';
import { bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => console.log(`# axe, on ${checked} pages' content: ${own} violations on the book's additions, ${others} elsewhere`),
});
let checked = 0;
let own = 0;
let others = 0;

for (const relPath of session.pages.map((p) => p.html)) {
  test(`page ${relPath}: no accessibility violation in its content`, async () => {
    const { context, page } = await session.open(relPath);
    try {
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      // To the quizzes, so that they load (quiz-assets.js).
      if (await page.locator('.quiz-placeholder').count() > 0) {
        await page.locator('.quiz-placeholder').first().scrollIntoViewIfNeeded();
        await page.locator('.quiz-placeholder .mdbook-quiz').first().waitFor({ timeout: 10_000 });
      }
      const found = await axeViolations(page, '#mdbook-content');
      const count = (vs) => vs.reduce((n, v) => n + v.targets.length, 0);
      checked++;
      own += count(found.own);
      others += count(found.others);
      const list = (vs) => vs.flatMap((v) => v.targets.map((t) => `${v.id} (${v.help}): ${t}`));
      assert.deepEqual(list(found.own), [], `${relPath}: violations on the book's additions`);
      assert.deepEqual(list(found.others), [], `${relPath}: violations in the page's content`);
    } finally {
      await context.close();
    }
  });
}
