// The listings as the reader sees them: each listing a captioned figure and
// each output a labelled block, as many as the page's Markdown includes; a Run
// button on every runnable block, and Run sending the whole program; hidden
// lines hidden until the eye button shows them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { normalize, wholeProgram } from './lib/book.mjs';
import { cannedResult } from './lib/playground.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => console.log(`# ${runButtonsSeen} Run buttons shown for ${runnableListings} runnable blocks`),
});
const { pages: bookPages, chapters } = session;
let runButtonsSeen = 0;
let runnableListings = 0;

for (const bookPage of bookPages) {
  test(`page ${bookPage.html}: shows its listings, outputs, Run buttons and hidden lines`, async () => {
    const { context, page, problems } = await session.open(bookPage.html);
    try {
      // Open the folded solutions (exercises.test.mjs checks their folding),
      // so that the checks below see the code inside.
      for (const summary of await page.locator('#mdbook-content details > summary').all()) {
        await summary.click();
      }
      const runnable = bookPage.blocks.filter((b) => b.runnable).length;
      // Run buttons appear once the Playground's crate list has arrived.
      if (runnable > 0) {
        await page.waitForFunction(
          (n) => document.querySelectorAll('pre.playground .play-button:not(.hidden):not([hidden])').length >= n,
          runnable, { timeout: 10_000 },
        ).catch(() => {});
      }
      // mdBook shows a block's buttons when the pointer is over it.
      const playgrounds = page.locator('pre.playground');
      let runButtons = 0;
      for (let i = 0; i < await playgrounds.count(); i++) {
        await playgrounds.nth(i).hover();
        const shown = await playgrounds.nth(i).locator('.play-button')
          .waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
        if (shown) runButtons++;
      }
      assert.equal(runButtons, runnable,
        `${bookPage.html}: ${runButtons} Run buttons show, but ${bookPage.md} has ${runnable} runnable Rust blocks`);
      runButtonsSeen += runButtons;
      runnableListings += runnable;

      // Captions and output labels, as many as the Markdown has listings and outputs.
      const listings = bookPage.blocks.filter((b) => b.kind === 'listing');
      const outputs = bookPage.blocks.filter((b) => b.kind === 'output');
      const figures = await page.evaluate(() => Array.from(document.querySelectorAll('figure.listing'), (f) => {
        const caption = f.querySelector(':scope > figcaption');
        const style = caption && getComputedStyle(caption);
        return {
          caption: caption?.innerText ?? '',
          title: f.querySelector('.listing-title')?.textContent ?? '',
          descriptionCode: Array.from(f.querySelectorAll('.listing-description code'), (c) => c.textContent),
          sourceSmaller: (() => {
            const source = f.querySelector('.listing-source');
            const title = f.querySelector('.listing-description');
            return !!source && !!title && parseFloat(getComputedStyle(source).fontSize) < parseFloat(getComputedStyle(title).fontSize);
          })(),
          name: f.querySelector('.listing-name')?.textContent ?? '',
          file: f.querySelector('.listing-file')?.textContent ?? '',
          permalink: f.querySelector('a.listing-label')?.getAttribute('href') ?? '',
          id: f.id,
          hasCode: !!f.querySelector(':scope > pre > code'),
          captionBackground: style?.backgroundColor ?? '',
          border: getComputedStyle(f).borderTopWidth,
          badge: f.querySelector('.listing-badge')?.innerText ?? null,
          badgeVisible: !!f.querySelector('.listing-badge')?.offsetParent,
          doesNotCompile: f.classList.contains('does-not-compile'),
        };
      }));
      assert.equal(figures.length, listings.length,
        `${bookPage.html}: ${figures.length} listing figures, but ${bookPage.md} includes ${listings.length} listing files`);
      figures.forEach((f, i) => {
        const block = listings[i];
        const where = `${bookPage.html}, listing ${i + 1} (${block.where})`;
        assert.ok(f.hasCode, `${where}: the figure holds no code block`);
        assert.equal(f.file, block.target, `${where}: the caption names the wrong file`);
        // "Listing 1-3: what it shows", from the crate's description; then,
        // smaller, the package and its file.
        assert.ok(block.description, `${where}: ${block.target.split('/').slice(0, 3).join('/')}/Cargo.toml has no description`);
        const shown = block.description.replaceAll('`', '');
        const badge = block.compileFail ? ' does not compile' : '';
        assert.match(f.title, /^Listing \d+-\d+: /, `${where}: the caption starts "${f.title}", not "Listing N-M: "`);
        assert.equal(f.title.replace(/^Listing \d+-\d+: /, ''), shown + badge, `${where}: the caption does not say what the description says`);
        assert.deepEqual(f.descriptionCode, [...block.description.matchAll(/`([^`]*)`/g)].map((m) => m[1]),
          `${where}: the description's \`code\` is not shown as code`);
        assert.ok(f.name && f.sourceSmaller, `${where}: the package and file are missing, or not smaller than the description`);
        assert.equal(f.permalink, `#${f.id}`, `${where}: the caption's permalink does not point at the figure`);
        assert.notEqual(f.captionBackground, 'rgba(0, 0, 0, 0)', `${where}: the caption is not styled (no background)`);
        assert.notEqual(f.border, '0px', `${where}: the figure is not styled (no frame)`);
        assert.equal(f.doesNotCompile, block.compileFail, `${where}: "does not compile" class is ${f.doesNotCompile}`);
        if (block.compileFail) {
          assert.ok(f.badgeVisible && /does not compile/i.test(f.badge), `${where}: no visible "does not compile" mark`);
        }
      });

      const outputFigures = await page.evaluate(() => Array.from(document.querySelectorAll('figure.listing-output'), (f) => {
        const label = f.querySelector(':scope > figcaption');
        const code = f.querySelector(':scope > pre > code');
        return {
          label: label?.textContent ?? '',
          labelVisible: !!label?.offsetParent,
          compilerError: f.classList.contains('compiler-error'),
          accent: getComputedStyle(f).borderLeftWidth,
          codeBackground: code ? getComputedStyle(code).backgroundColor : '',
        };
      }));
      const codeBackground = await page.evaluate(() => {
        const code = document.querySelector('figure.listing > pre > code');
        return code ? getComputedStyle(code).backgroundColor : null;
      });
      assert.equal(outputFigures.length, outputs.length,
        `${bookPage.html}: ${outputFigures.length} labelled outputs, but ${bookPage.md} includes ${outputs.length} outputs`);
      outputFigures.forEach((o, i) => {
        const block = outputs[i];
        const where = `${bookPage.html}, output ${i + 1} (${block.where})`;
        assert.ok(o.labelVisible, `${where}: no visible label`);
        const isStderr = block.target.endsWith('/stderr.txt');
        if (!isStderr) {
          assert.match(o.label, o.compilerError ? /^Compiler error$/ : /^Output$/, `${where}: label "${o.label}"`);
        }
        assert.ok(parseFloat(o.accent) >= 3, `${where}: not styled as output (no accent bar)`);
        if (codeBackground) {
          assert.notEqual(o.codeBackground, codeBackground, `${where}: the output looks like code (same background)`);
        }
      });
      // The compiler's message follows a listing that does not compile.
      const compileFailListings = new Set(listings.filter((b) => b.compileFail).map((b) => b.target.split('/').slice(0, 3).join('/')));
      outputs.forEach((b, i) => {
        const listingDir = b.target.split('/').slice(0, 3).join('/');
        if (compileFailListings.has(listingDir) && b.target.endsWith('/output.txt')) {
          assert.ok(outputFigures[i].compilerError, `${b.where}: the compiler's message is not styled as one`);
        }
      });

      // Hidden lines: every block that has some starts with them hidden,
      // and its eye button shows them.
      const blocksWithHidden = page.locator('pre:has(code .boring)');
      const hiddenCount = await blocksWithHidden.count();
      for (let i = 0; i < hiddenCount; i++) {
        const pre = blocksWithHidden.nth(i);
        // A hidden line with text (an empty one has no size to see).
        const boring = pre.locator('.boring').filter({ hasText: /\S/ }).first();
        assert.equal(await boring.isVisible(), false, `${bookPage.html}: block ${i + 1} shows its hidden lines before the toggle`);
        await pre.hover();
        await pre.locator('button[title="Show hidden lines"]').click();
        await boring.waitFor({ state: 'visible', timeout: 5_000 });
        assert.equal(await pre.locator('code.hide-boring').count(), 0);
      }

      await page.waitForTimeout(200);
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

// Per chapter, the first runnable block: Run sends the whole listing (hidden
// lines included) with edition 2024, and the Playground's answer appears.
for (const chapter of chapters) {
  test(`chapter ${chapter}: Run sends the whole program with edition 2024 and shows the result`, async () => {
    const bookPage = bookPages.find((p) => p.chapter === chapter && p.blocks.some((b) => b.runnable));
    assert.ok(bookPage, `chapter ${chapter} has no runnable listing`);
    const block = bookPage.blocks.find((b) => b.runnable);
    const index = bookPage.blocks.filter((b) => b.runnable).indexOf(block);
    const { context, page, problems, playground } = await session.open(bookPage.html);
    try {
      const pre = page.locator('pre.playground').nth(index);
      const button = pre.locator('.play-button');
      await pre.hover();
      await button.waitFor({ state: 'visible', timeout: 10_000 });
      await button.click();
      const result = pre.locator('code.result');
      await result.waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForFunction((el) => el.innerText !== 'Running...', await result.elementHandle());
      const runs = playground.filter((r) => r.path === '/evaluate.json');
      assert.equal(runs.length, 1, 'one request to /evaluate.json');
      const sent = JSON.parse(runs[0].body);
      assert.equal(sent.edition, '2024', `${block.where}: Run sent edition ${sent.edition}`);
      assert.equal(normalize(sent.code), wholeProgram(block),
        `${block.where}: Run did not send the whole of ${block.target} (hidden lines included)`);
      assert.equal(await result.innerText(), cannedResult(1), 'the Playground\'s answer is not shown under the block');
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

test('listings are numbered in the order of the book, per chapter', () => {
  // The numbers come from the preprocessor, across pages: read them from the HTML.
  const problems = [];
  const last = new Map();
  for (const p of bookPages) {
    const html = fs.readFileSync(path.join(session.dir, p.html), 'utf8');
    for (const m of html.matchAll(/class="listing-label"[^>]*>Listing (\d+)-(\d+)</g)) {
      const [chapter, n] = [Number(m[1]), Number(m[2])];
      const expected = (last.get(chapter) ?? 0) + 1;
      if (n !== expected) problems.push(`${p.html}: Listing ${chapter}-${n}, expected ${chapter}-${expected}`);
      last.set(chapter, n);
    }
  }
  assert.ok(last.size > 0, 'no numbered listing');
  assert.deepEqual(problems, []);
});
