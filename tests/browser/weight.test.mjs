// Page weight: the two big scripts load only where they are needed. The
// editor (ace, about 370 KB) only on a page with an editable block; the quiz
// script (mdbook-quiz, about 1.4 MB) only once a quiz comes near the screen.
// Logs what each page loads.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => {
    for (const [html, w] of weights) console.log(`# ${html}: ${kb(w.atLoad)} at load, ${kb(w.scrolled)} scrolled to the end`);
  },
});
const { pages: bookPages } = session;
const weights = new Map();
const kb = (n) => `${Math.round(n / 1024)} KB`;
const ACE = /\/ace(-[0-9a-f]+)?\.js$/;
const QUIZ = /\/quiz\/quiz-embed\.iife\.js$/;

for (const bookPage of [...bookPages, { html: 'print.html', blocks: [], quizzes: ['(all)'], print: true }]) {
  test(`page ${bookPage.html}: loads the editor and the quiz script only when needed`, async () => {
    const { context, page, problems } = await session.open(bookPage.html);
    const loaded = [];
    page.on('response', async (res) => {
      if (!res.url().startsWith(session.server.origin)) return;
      loaded.push({ url: res.url(), bytes: (await res.body().catch(() => Buffer.alloc(0))).length });
    });
    try {
      // What loaded with the page itself (before the listener above) counts too.
      const navigation = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((r) => ({ url: r.name, bytes: r.decodedBodySize })).concat(
          performance.getEntriesByType('navigation').map((n) => ({ url: n.name, bytes: n.decodedBodySize }))));
      await page.waitForTimeout(1000);
      const atLoad = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
      const editable = bookPage.print
        ? session.pages.some((p) => p.blocks.some((b) => b.editable))
        : bookPage.blocks.some((b) => b.editable);
      assert.equal(atLoad.some((u) => ACE.test(u)), editable,
        `${bookPage.html}: the editor ${editable ? 'is not loaded, but the page has' : 'is loaded, but the page has no'} editable block`);

      const quizTops = await page.evaluate(() => Array.from(document.querySelectorAll('.quiz-placeholder'),
        (q) => q.getBoundingClientRect().top + window.scrollY));
      const height = await page.evaluate(() => window.innerHeight);
      if (quizTops.length > 0 && Math.min(...quizTops) > 2 * height) {
        assert.equal(atLoad.some((u) => QUIZ.test(u)), false,
          `${bookPage.html}: the quiz script loads with the page, though its first quiz is ${Math.round(Math.min(...quizTops))} px down`);
      }
      // Scrolled to the end, past every quiz.
      for (let y = 0; y <= await page.evaluate(() => document.body.scrollHeight); y += height) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(quizTops.length > 0 ? 1500 : 300);
      const all = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
      assert.equal(all.some((u) => QUIZ.test(u)), quizTops.length > 0,
        `${bookPage.html}: the quiz script ${quizTops.length > 0 ? 'never loads, though the page has a quiz' : 'loads on a page without quiz'}`);
      assert.equal(all.filter((u) => QUIZ.test(u)).length <= 1, true, 'the quiz script loads twice');

      const bytes = (urls) => {
        const size = new Map([...navigation, ...loaded].map((r) => [r.url, r.bytes]));
        return urls.reduce((sum, u) => sum + (size.get(u) ?? 0), 0);
      };
      const documentUrl = session.server.base + bookPage.html;
      weights.set(bookPage.html, { atLoad: bytes([documentUrl, ...atLoad]), scrolled: bytes([documentUrl, ...all]) });
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}
