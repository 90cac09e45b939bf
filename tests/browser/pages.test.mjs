// Every page of the book loads cleanly, offline and lightly, and every link
// between pages resolves; the print page, the 404 page and search work too.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './lib/book.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => {
    console.log(`# ${seen.size} pages visited`);
    for (const [html, w] of weights) console.log(`# ${html}: ${kb(w.atLoad)} at load, ${kb(w.scrolled)} scrolled to the end`);
  },
});
const { pages: bookPages, chapters } = session;
// Every page also has an HTML file, plus mdBook's own print page.
const extraPages = ['print.html'];
// Links and ids seen on each page, for the link test at the end.
const seen = new Map();
// Bytes each page loaded.
const weights = new Map();
const kb = (n) => `${Math.round(n / 1024)} KB`;
const ACE = /\/ace(-[0-9a-f]+)?\.js$/;
const QUIZ = /\/quiz\/quiz-embed\.iife\.js$/;

// Links (absolute URLs) and element ids of the page, for the link test.
async function collectLinks(page, relPath) {
  const found = await page.evaluate(() => ({
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
    ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
  }));
  seen.set(relPath, found);
}

// Each page loads cleanly, and lightly: the editor (ace, about 370 KB) only on
// a page with an editable block, the quiz script (mdbook-quiz, about 1.4 MB)
// only once a quiz comes near the screen. What each page loads is logged.
for (const bookPage of [...bookPages, ...extraPages.map((html) => ({ html, blocks: [], print: true }))]) {
  test(`page ${bookPage.html}: loads cleanly, and the editor and the quiz script only when needed`, async () => {
    const { context, page, problems } = await session.open(bookPage.html);
    const loaded = [];
    page.on('response', async (res) => {
      if (!res.url().startsWith(session.server.origin)) return;
      loaded.push({ url: res.url(), bytes: (await res.body().catch(() => Buffer.alloc(0))).length });
    });
    try {
      await collectLinks(page, bookPage.html);
      // What loaded with the page itself (before the listener above) counts too.
      const navigation = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((r) => ({ url: r.name, bytes: r.decodedBodySize })).concat(
          performance.getEntriesByType('navigation').map((n) => ({ url: n.name, bytes: n.decodedBodySize }))));
      await page.waitForTimeout(300);
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
      // Scrolled to each quiz, then to the end.
      const quizLoaded = quizTops.length > 0 && !atLoad.some((u) => QUIZ.test(u))
        ? page.waitForResponse((r) => QUIZ.test(r.url()), { timeout: 10_000 }).catch(() => null)
        : null;
      for (const top of quizTops) {
        await page.evaluate((y) => window.scrollTo(0, y), top);
        await page.waitForTimeout(50);
      }
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await quizLoaded;
      await page.waitForTimeout(300);
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

test('a missing page gets the 404 page, styled, under the site path', async () => {
  const missing = 'no-such-page.html';
  const { context, page, problems } = await session.open(missing, { expectStatus: 404 });
  try {
    await page.waitForTimeout(300);
    assert.match(await page.locator('#mdbook-content').innerText(), /not found/i);
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('#mdbook-sidebar')).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the 404 page has no stylesheet (site-url wrong?)');
    assertNoProblems(missing, problems);
  } finally {
    await context.close();
  }
});

test('search finds a word from each chapter', async () => {
  const { context, page, problems } = await session.open('index.html');
  try {
    for (const chapter of chapters) {
      const index = bookPages.find((p) => p.chapter === chapter);
      const title = fs.readFileSync(path.join(root, 'src', index.md), 'utf8').match(/^#\s+(.+)$/m)?.[1] ?? chapter;
      // The title's longest word: a word the chapter surely has.
      const word = title.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0].toLowerCase();
      if (!(await page.locator('#mdbook-searchbar').isVisible())) {
        await page.locator('#mdbook-search-toggle').click();
      }
      // The search box reacts to key presses, as a reader types.
      await page.locator('#mdbook-searchbar').fill('');
      await page.locator('#mdbook-searchbar').pressSequentially(word);
      await page.locator(`#mdbook-searchresults a[href*="${chapter}/"]`).first()
        .waitFor({ timeout: 10_000 })
        .catch(() => assert.fail(`searching "${word}" finds no page of ${chapter}`));
    }
    assertNoProblems('index.html (search)', problems);
  } finally {
    await context.close();
  }
});

test('every link between pages, and every #anchor, resolves', () => {
  const { server, site, dir } = session;
  const missingPages = [...bookPages.map((p) => p.html), ...extraPages].filter((p) => !seen.has(p));
  assert.deepEqual(missingPages, [], 'pages not visited (their tests failed?)');
  const broken = [];
  let checked = 0;
  for (const [from, { links }] of seen) {
    for (const link of links) {
      if (!link.startsWith(server.base)) continue;
      const url = new URL(link);
      let rel = decodeURIComponent(url.pathname.slice(site.length)) || 'index.html';
      if (rel.endsWith('/')) rel += 'index.html';
      checked++;
      if (!fs.existsSync(path.join(dir, rel))) {
        broken.push(`${from}: ${link} -> no such file ${rel}`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && rel.endsWith('.html')) {
        const target = seen.get(rel);
        if (!target) {
          broken.push(`${from}: ${link} -> ${rel} is not a page of the book`);
        } else if (!target.ids.includes(fragment)) {
          broken.push(`${from}: ${link} -> ${rel} has no element with id "${fragment}"`);
        }
      }
    }
  }
  console.log(`# checked ${checked} links between ${seen.size} pages`);
  assert.deepEqual(broken, [], `broken links:\n  ${broken.join('\n  ')}`);
});
