// The keyboard: a code block's buttons (Copy, Run, show hidden lines, and an
// editor's Undo changes) are in the Tab order, hidden until the pointer is
// over the block or the focus is in it, and work with Enter and Space, as the
// pages tell readers to press them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cannedResult } from './lib/playground.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession();
const { pages: bookPages } = session;

// A page with runnable blocks with hidden lines (and no folded solutions or
// editors, which the exercises' tests see to).
const bookPage = [...bookPages]
  .filter((p) => p.details === 0 && !p.blocks.some((b) => b.editable) && p.blocks.some((b) => b.runnable && b.anchor))
  .sort((a, b) => b.blocks.length - a.blocks.length)[0];

test(`page ${bookPage?.html}: Tab reaches every button of every code block, which shows when focused`, async () => {
  assert.ok(bookPage, 'no page with a runnable block that has hidden lines');
  const { context, page, problems } = await session.open(bookPage.html);
  try {
    // The Run buttons appear once the Playground's crate list has arrived.
    await page.waitForFunction(() => document.querySelectorAll('pre .play-button:not([hidden])').length > 0);
    await page.mouse.move(0, 0);
    // The buttons fade in and out; the test looks at where they end.
    await page.addStyleTag({ content: '* { transition: none !important; }' });
    // Buttons on the page (not in a printed-only quiz), as Tab can reach them.
    const buttons = await page.evaluate(() => Array.from(document.querySelectorAll('pre > .buttons button:not([hidden])'))
      .filter((b) => b.checkVisibility()).length);
    assert.ok(buttons > 0);
    // Before: invisible (the pointer is elsewhere, nothing is focused).
    const opacity = (el) => getComputedStyle(el.closest('.buttons')).opacity;
    assert.equal(await page.locator('pre > .buttons button:not([hidden])').first().evaluate(opacity), '0',
      'a block\'s buttons show without the pointer over it or the focus in it');
    // Tab through the page: every button gets the focus, and shows then.
    const reached = new Set();
    const shownWhenFocused = [];
    const stops = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length);
    for (let i = 0; i < stops + 10 && reached.size < buttons; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el?.matches('pre > .buttons button')) return null;
        const all = Array.from(document.querySelectorAll('pre > .buttons button:not([hidden])')).filter((b) => b.checkVisibility());
        return { index: all.indexOf(el), opacity: getComputedStyle(el.closest('.buttons')).opacity, title: el.title };
      });
      if (focus && focus.index >= 0) {
        reached.add(focus.index);
        if (focus.opacity !== '1') shownWhenFocused.push(`button ${focus.index} (${focus.title}): opacity ${focus.opacity}`);
      }
    }
    assert.equal(reached.size, buttons, `Tab reached ${reached.size} of the ${buttons} buttons of the code blocks`);
    assert.deepEqual(shownWhenFocused, [], 'buttons that stay invisible when focused');
    assertNoProblems(bookPage.html, problems);
  } finally {
    await context.close();
  }
});

test(`page ${bookPage?.html}: Enter and Space press Run, show hidden lines and Copy`, async () => {
  const { context, page, problems } = await session.open(bookPage.html, {
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  try {
    await page.waitForFunction(() => document.querySelectorAll('pre .play-button:not([hidden])').length > 0);
    const pre = page.locator('pre.playground:has(code .boring):has(.play-button:not([hidden]))').first();

    await pre.locator('button[title="Show hidden lines"]').focus();
    await page.keyboard.press('Space');
    await pre.locator('.boring').filter({ hasText: /\S/ }).first().waitFor({ state: 'visible', timeout: 5_000 })
      .catch(() => assert.fail('Space on "Show hidden lines" does not show them'));

    await pre.locator('.play-button').focus();
    await page.keyboard.press('Enter');
    const result = pre.locator('code.result');
    await result.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => assert.fail('Enter on Run does not run the code'));
    await page.waitForFunction((el) => el.innerText !== 'Running...', await result.elementHandle());
    assert.equal(await result.innerText(), cannedResult(1));

    await pre.locator('.clip-button').focus();
    await page.keyboard.press('Enter');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const code = await pre.locator('code').first().evaluate((c) => c.textContent);
    assert.ok(copied.length > 0 && code.includes(copied.trim().split('\n')[0]),
      `Enter on Copy does not copy the block's code (clipboard: ${JSON.stringify(copied.slice(0, 60))})`);
    assertNoProblems(bookPage.html, problems);
  } finally {
    await context.close();
  }
});

test('every code block and table that scrolls sideways can take the focus, on a phone too', async () => {
  const missing = [];
  // One browser page for all of them, each at two widths.
  const { context, page } = await session.open('index.html');
  try {
    for (const p of bookPages) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(session.server.base + p.html, { waitUntil: 'load' });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        // keyboard.js looks again on the next frame after a resize or a toggle.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        for (const m of await page.evaluate(() => Array.from(document.querySelectorAll('pre > code, .table-wrapper'))
          .filter((c) => !c.classList.contains('ace_editor') && c.scrollWidth > c.clientWidth + 1 && c.tabIndex < 0)
          .map((c) => c.textContent.trim().split('\n')[0].slice(0, 50)))) {
          missing.push(`${p.html} at ${width} px: "${m}"`);
        }
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(missing, [], `code blocks or tables that scroll but cannot take the focus:\n  ${missing.join('\n  ')}`);
});
