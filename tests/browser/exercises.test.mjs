// The exercises' solutions are folded: every `<details>` of a page's
// Markdown starts closed, its content hidden, and shows it once its summary
// is clicked.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => console.log(`# ${solutionsSeen} folded solutions opened`),
});
const { pages: bookPages } = session;
let solutionsSeen = 0;

for (const bookPage of bookPages.filter((p) => p.details > 0 || path.basename(p.md) === 'exercises.md')) {
  test(`page ${bookPage.html}: folds its solutions`, async () => {
    const { context, page, problems } = await session.open(bookPage.html);
    try {
      // As many as the Markdown has, each closed with its content hidden,
      // shown once its summary is clicked.
      const details = page.locator('#mdbook-content details');
      assert.equal(await details.count(), bookPage.details,
        `${bookPage.html}: ${await details.count()} <details>, but ${bookPage.md} has ${bookPage.details}`);
      if (path.basename(bookPage.md) === 'exercises.md') {
        assert.ok(bookPage.details > 0, `${bookPage.md}: an exercise page without folded solutions`);
      }
      for (let i = 0; i < bookPage.details; i++) {
        const fold = details.nth(i);
        const where = `${bookPage.html}, <details> ${i + 1}`;
        const content = fold.locator(':scope > :not(summary)').first();
        assert.equal(await fold.evaluate((d) => d.open), false, `${where}: open before its summary is clicked`);
        assert.equal(await content.isVisible(), false, `${where}: its content shows before its summary is clicked`);
        await fold.locator(':scope > summary').click();
        await content.waitFor({ state: 'visible', timeout: 2_000 })
          .catch(() => assert.fail(`${where}: its content does not show once its summary is clicked`));
        solutionsSeen++;
      }

      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

test('a page whose Markdown has no <details> has none in its HTML', () => {
  const unexpected = bookPages.filter((p) => p.details === 0)
    .filter((p) => /<details[\s>]/.test(fs.readFileSync(path.join(session.dir, p.html), 'utf8')))
    .map((p) => p.html);
  assert.deepEqual(unexpected, []);
});
