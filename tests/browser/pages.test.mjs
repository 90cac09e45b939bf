// Every page of the book loads cleanly and offline, and every link between
// pages resolves; the print page, the 404 page and search work too.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './lib/book.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => console.log(`# ${seen.size} pages visited`),
});
const { pages: bookPages, chapters } = session;
// Every page also has an HTML file, plus mdBook's own print page.
const extraPages = ['print.html'];
// Links and ids seen on each page, for the link test at the end.
const seen = new Map();

// Links (absolute URLs) and element ids of the page, for the link test.
async function collectLinks(page, relPath) {
  const found = await page.evaluate(() => ({
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
    ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
  }));
  seen.set(relPath, found);
}

for (const relPath of [...bookPages.map((p) => p.html), ...extraPages]) {
  test(`page ${relPath}: loads cleanly`, async () => {
    const { context, page, problems } = await session.open(relPath);
    try {
      await page.waitForTimeout(500);
      await collectLinks(page, relPath);
      assertNoProblems(relPath, problems);
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
