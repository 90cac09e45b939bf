// The themes: the theme switch changes the theme, and the book's own
// additions (listing captions, output labels) keep a readable contrast in all
// five of mdBook's themes. Screenshots of one page, light and dark, are saved
// for a person to look at (CI keeps them).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './lib/book.mjs';
import { CHECKED, measureContrast } from './lib/contrast.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const DARK_THEME = 'coal';
// WCAG AA for normal text.
const MIN_CONTRAST = 4.5;
const SCREENSHOTS = path.join(root, 'target', 'browser-screenshots');

const session = bookSession();
const { pages: bookPages } = session;

// The chapter page to look at: one with a listing that does not compile if
// there is one, else the one with the most listings and outputs.
function showcasePage() {
  const withCompileFail = bookPages.find((p) => p.blocks.some((b) => b.compileFail));
  if (withCompileFail) return withCompileFail;
  return [...bookPages].sort((a, b) => b.blocks.length - a.blocks.length)[0];
}

test('the theme switch changes the theme, and the listings are readable in every theme', async () => {
  const bookPage = showcasePage();
  const { context, page, problems } = await session.open(bookPage.html);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  try {
    const backgrounds = new Map();
    const lowContrast = [];
    for (const theme of THEMES) {
      if (!(await page.locator('#mdbook-theme-list').isVisible())) {
        await page.locator('#mdbook-theme-toggle').click();
      }
      await page.locator(`#mdbook-theme-${theme}`).click();
      await page.waitForFunction((t) => document.documentElement.classList.contains(t), theme);
      backgrounds.set(theme, await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
      for (const m of await page.evaluate(measureContrast, CHECKED)) {
        if (m.ratio < MIN_CONTRAST) lowContrast.push(`${theme}: ${m.selector} "${m.text}" ${m.ratio.toFixed(2)}:1`);
      }
      if (theme === 'light' || theme === DARK_THEME) {
        // Close the theme menu and move the pointer away, for a clean picture.
        await page.keyboard.press('Escape');
        await page.evaluate(() => document.activeElement?.blur());
        await page.mouse.move(0, 0);
        await page.locator('#mdbook-theme-list').waitFor({ state: 'hidden' });
        const name = `${bookPage.html.replace(/[/.]/g, '-')}-${theme}.png`;
        await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
      }
    }
    assert.notEqual(backgrounds.get('light'), backgrounds.get(DARK_THEME), 'switching to a dark theme did not change the page');
    assert.equal(new Set(backgrounds.values()).size, THEMES.length, `themes share a background: ${[...backgrounds]}`);
    assert.deepEqual(lowContrast, [], `text below ${MIN_CONTRAST}:1 contrast:\n  ${lowContrast.join('\n  ')}`);
    assertNoProblems(bookPage.html, problems);
  } finally {
    await context.close();
  }
});
