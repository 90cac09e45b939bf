// The pictures (the concurrency timelines, and any other SVG a chapter
// includes): each is a numbered figure with a caption, and stays readable on
// a phone: at 390 px wide, its smallest text is at least 11 px (the picture
// scrolls sideways rather than shrink), in the book's font, and the page
// itself does not scroll sideways.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureSvgText } from './lib/figures.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const PHONE = { width: 390, height: 844 };
const MIN_TEXT_PX = 11;

const session = bookSession({
  onDone: () => console.log(`# ${figuresSeen} figures; smallest text at 390 px: ${smallest.toFixed(1)} px`),
});
const { pages: bookPages } = session;
let figuresSeen = 0;
let smallest = Infinity;

for (const bookPage of bookPages.filter((p) => p.pictures.length > 0)) {
  test(`page ${bookPage.html}: its pictures are captioned figures, readable at 390 px`, async () => {
    const { context, page, problems } = await session.open(bookPage.html, { viewport: PHONE });
    try {
      // Pictures in folded solutions too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const svgs = await page.evaluate(measureSvgText);
      assert.equal(svgs.length, bookPage.pictures.length,
        `${bookPage.html}: ${svgs.length} pictures, but ${bookPage.md} includes ${bookPage.pictures.length}`);
      const bodyFont = await page.evaluate(() => getComputedStyle(document.querySelector('#mdbook-content main p')).fontFamily);
      for (const [i, svg] of svgs.entries()) {
        const where = `${bookPage.html}, picture ${i + 1} (${bookPage.pictures[i]})`;
        assert.ok(svg.figure, `${where}: not in a figure`);
        assert.match(svg.caption ?? '', /^Figure \d+-\d+: \S/, `${where}: caption "${svg.caption}"`);
        assert.ok(svg.texts > 0, `${where}: no text to measure`);
        assert.ok(svg.minText >= MIN_TEXT_PX - 0.05,
          `${where}: its smallest text is ${svg.minText.toFixed(1)} px at 390 px wide (at least ${MIN_TEXT_PX} px wanted)`);
        assert.equal(svg.fontFamily, bodyFont, `${where}: its text is in ${svg.fontFamily}, not the book's font`);
        smallest = Math.min(smallest, svg.minText);
        figuresSeen++;
      }
      // The figure scrolls, not the page; and the keyboard can scroll it.
      const layout = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        width: window.innerWidth,
        scrollers: Array.from(document.querySelectorAll('figure.book-figure > .figure-scroll'),
          (s) => ({ scrolls: s.scrollWidth > s.clientWidth, focusable: s.tabIndex >= 0 })),
      }));
      assert.ok(layout.page <= layout.width + 1, `${bookPage.html}: the page is ${layout.page} px wide at ${layout.width} px`);
      for (const [i, s] of layout.scrollers.entries()) {
        assert.ok(!s.scrolls || s.focusable, `${bookPage.html}, figure ${i + 1}: scrolls sideways but cannot take the focus`);
      }
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

test('every figure has a number of its own, in order, per chapter', async () => {
  // Numbers come from the preprocessor across pages: read them from the HTML.
  const fs = await import('node:fs');
  const path = await import('node:path');
  const seen = new Map();
  const problems = [];
  for (const p of bookPages.filter((bp) => bp.pictures.length > 0)) {
    const html = fs.readFileSync(path.join(session.dir, p.html), 'utf8');
    for (const m of html.matchAll(/class="figure-label"[^>]*>Figure (\d+)-(\d+)</g)) {
      const [chapter, n] = [Number(m[1]), Number(m[2])];
      const expected = (seen.get(chapter) ?? 0) + 1;
      if (n !== expected) problems.push(`${p.html}: Figure ${chapter}-${n}, expected ${chapter}-${expected}`);
      seen.set(chapter, n);
    }
  }
  assert.deepEqual(problems, []);
});
