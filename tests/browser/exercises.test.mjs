// The exercises' solutions are folded: every `<details>` of a page's
// Markdown starts closed, its content hidden, and shows it once its summary
// is clicked.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { normalize, wholeProgram } from './lib/book.mjs';
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

// The exercises' starters are editable, as the pages say: each is an editor
// whose hidden lines start folded; a reader's edit is what Run sends, with the
// hidden lines around it, so the program still compiles as the starter's
// tests expect; "Undo changes" brings the starter back; Escape leaves the
// editor for the block's buttons (Tab is the editor's).
for (const bookPage of bookPages.filter((p) => p.blocks.some((b) => b.starter || b.editable))) {
  test(`page ${bookPage.html}: every exercise starter is editable, and Run sends the edited program`, async () => {
    const starters = bookPage.blocks.filter((b) => b.kind === 'listing' && b.starter);
    const notStarters = bookPage.blocks.filter((b) => b.editable && !b.starter);
    assert.deepEqual(notStarters.map((b) => b.where), [], 'only exercise starters are editable');
    assert.deepEqual(starters.filter((b) => !b.editable).map((b) => b.where), [],
      'a starter\'s block is not marked ```rust,editable');
    const { context, page, problems, playground } = await session.open(bookPage.html);
    try {
      const editors = page.locator('pre.playground:has(.ace_editor)');
      assert.equal(await editors.count(), starters.length,
        `${bookPage.html}: ${await editors.count()} editors for ${starters.length} starters`);
      for (const [i, block] of starters.entries()) {
        const where = `${bookPage.html}, starter ${i + 1} (${block.where})`;
        const pre = editors.nth(i);
        const state = () => pre.evaluate((p) => {
          const editor = window.editors.find((e) => p.contains(e.container));
          return { value: editor.getValue(), folds: editor.getSession().getAllFolds().length };
        });
        const before = await state();
        assert.equal(normalize(before.value), wholeProgram(block), `${where}: the editor does not hold the whole listing`);
        assert.ok(before.folds > 0, `${where}: its hidden lines are not folded`);

        // A reader's edit, typed at the end of the first line the editor
        // shows (not a fold of hidden lines).
        const lines = pre.locator('.ace_line', { hasText: /\S/ }).filter({ hasNot: page.locator('.ace_fold') });
        await lines.first().click({ force: true }); // ace draws its lines under a layer that takes the clicks
        await page.keyboard.press('End');
        const edit = ' // my change';
        await page.keyboard.type(edit);
        const row = await pre.evaluate((p) => window.editors.find((e) => p.contains(e.container)).getCursorPosition().row);
        const original = before.value.split('\n');
        original[row] += edit;
        const edited = normalize(original.join('\n'));
        assert.equal(normalize((await state()).value), edited, `${where}: the typed text is not where it was typed`);
        assert.equal(normalize(edited.replace(edit, '')), wholeProgram(block), `${where}: the edit changed more than the line typed on`);

        // Ctrl+Enter runs it, as the Run button does.
        await page.keyboard.press('Control+Enter');
        const result = pre.locator('code.result');
        await result.waitFor({ state: 'visible', timeout: 10_000 });
        await page.waitForFunction((el) => el.innerText !== 'Running...', await result.elementHandle());
        const runs = playground.filter((r) => r.path === '/evaluate.json');
        const sent = JSON.parse(runs[runs.length - 1].body);
        assert.equal(normalize(sent.code), edited, `${where}: Run did not send the edited program, hidden lines included`);
        assert.equal(sent.edition, '2024');

        // Escape leaves the editor, for the block's buttons. (Another line
        // than before: a second click on the same spot selects a word.)
        await lines.nth(1).click({ force: true });
        await page.waitForTimeout(150); // ace focuses itself a moment after a click
        await page.keyboard.press('Escape');
        const focused = await pre.evaluate((p) => ({
          inButtons: !!p.querySelector('.buttons')?.contains(document.activeElement),
          element: document.activeElement?.outerHTML.slice(0, 80),
        }));
        assert.ok(focused.inButtons, `${where}: Escape does not leave the editor for the block's buttons (focus: ${focused.element})`);

        await pre.locator('button.reset-button').click();
        await page.waitForTimeout(50);
        const reset = await state();
        assert.equal(normalize(reset.value), wholeProgram(block), `${where}: "Undo changes" does not bring the starter back`);
        assert.equal(reset.folds, before.folds, `${where}: "Undo changes" does not fold the hidden lines again`);
      }
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}
