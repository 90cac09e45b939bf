// The book in a real browser: headless Chromium (Debian's `chromium`) driven
// by Playwright, against the built book served on 127.0.0.1, with the Rust
// Playground faked (see lib/playground.mjs). Every page is discovered from
// src/SUMMARY.md, and what it must show is read from its Markdown source.
//
//   npm ci && npm test            (from tests/browser/; builds the book)
//   BOOK_HTML=book/html npm test  (tests a book `mdbook build` made)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { htmlDir, pages, quizQuestions, root, sitePath, wholeProgram, normalize } from './lib/book.mjs';
import { CHECKED, measureContrast } from './lib/contrast.mjs';
import { PLAYGROUND, cannedResult, fakePlayground } from './lib/playground.mjs';
import { serve } from './lib/server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const DARK_THEME = 'coal';
// WCAG AA for normal text.
const MIN_CONTRAST = 4.5;
const SCREENSHOTS = path.join(root, 'target', 'browser-screenshots');

const dir = htmlDir();
const site = sitePath();
const bookPages = pages();
// Every page also has an HTML file, plus mdBook's own print page.
const extraPages = ['print.html'];

let server;
let browser;
// Links and ids seen on each page, for the link test at the end.
const seen = new Map();
let runButtonsSeen = 0;
let runnableListings = 0;
let solutionsSeen = 0;
let quizzesSeen = 0;

before(async () => {
  server = await serve(dir, site);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic',
    ],
  });
});

after(async () => {
  console.log(`# ${seen.size} pages; ${runButtonsSeen} Run buttons shown for ${runnableListings} runnable blocks; `
    + `${solutionsSeen} folded solutions opened; ${quizzesSeen} quizzes rendered`);
  await browser?.close();
  await server?.close();
});

// A fresh browser context (own storage, so the theme starts at its default)
// with the fake Playground, and a page whose problems are recorded: console
// errors, uncaught exceptions, failed or 4xx/5xx requests to the book, and
// any request to another host.
async function open(relPath, { expectStatus = 200 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const playground = await fakePlayground(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (msg) => {
    // Chromium logs the 404 of a page that is meant to be missing.
    const expected404 = expectStatus === 404 && msg.location().url === server.base + relPath
      && /status of 404/.test(msg.text());
    if (msg.type() === 'error' && !expected404) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught JavaScript error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(server.origin)) {
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    }
  });
  page.on('response', (res) => {
    const url = res.url();
    const isDocument = url === server.base + relPath;
    if (url.startsWith(server.origin) && res.status() >= 400 && !(isDocument && res.status() === expectStatus)) {
      problems.push(`HTTP ${res.status()} for ${url}`);
    }
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.origin) && !url.startsWith(PLAYGROUND) && !url.startsWith('data:')) {
      problems.push(`request to another host (the book must work offline): ${url}`);
    }
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|play\.rust-lang\.org)/, (route) => route.abort());
  const response = await page.goto(server.base + relPath, { waitUntil: 'load' });
  assert.equal(response.status(), expectStatus, `${relPath}: HTTP ${response.status()}`);
  return { context, page, problems, playground };
}

function assertNoProblems(relPath, problems) {
  assert.deepEqual(problems, [], `${relPath} has problems:\n  ${problems.join('\n  ')}`);
}

// Links (absolute URLs) and element ids of the page, for the link test.
async function collectLinks(page, relPath) {
  const found = await page.evaluate(() => ({
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
    ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
  }));
  seen.set(relPath, found);
}

for (const bookPage of bookPages) {
  test(`page ${bookPage.html}: loads cleanly, shows its listings, Run buttons and hidden lines`, async () => {
    const { context, page, problems } = await open(bookPage.html);
    try {
      // Folded blocks (the exercises' solutions): as many as the Markdown
      // has, each closed with its content hidden, shown once its summary is
      // clicked. They stay open, so that the checks below see their code.
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

      // Quizzes: each `{{#quiz}}` of the Markdown is rendered (a quiz with
      // its Start button), not left as a placeholder or as the directive.
      const quizzes = page.locator('.quiz-placeholder');
      assert.equal(await quizzes.count(), bookPage.quizzes.length,
        `${bookPage.html}: ${await quizzes.count()} quiz placeholders, but ${bookPage.md} has ${bookPage.quizzes.length} quizzes`);
      for (let i = 0; i < bookPage.quizzes.length; i++) {
        await quizzes.nth(i).locator('.mdbook-quiz button.start').waitFor({ state: 'visible', timeout: 10_000 })
          .catch(() => assert.fail(`${bookPage.html}: quiz ${bookPage.quizzes[i]} is not rendered`));
        quizzesSeen++;
      }
      assert.equal(await page.locator('#mdbook-content').innerText().then((t) => t.includes('{{#quiz')), false,
        `${bookPage.html}: shows a {{#quiz}} directive as text (mdbook-quiz not installed?)`);

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

      await collectLinks(page, bookPage.html);
      await page.waitForTimeout(200);
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

for (const extra of extraPages) {
  test(`page ${extra}: loads cleanly`, async () => {
    const { context, page, problems } = await open(extra);
    try {
      await page.waitForTimeout(500);
      await collectLinks(page, extra);
      assertNoProblems(extra, problems);
    } finally {
      await context.close();
    }
  });
}

test('a missing page gets the 404 page, styled, under the site path', async () => {
  const missing = 'no-such-page.html';
  const { context, page, problems } = await open(missing, { expectStatus: 404 });
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

// Per chapter, the first runnable block: Run sends the whole listing (hidden
// lines included) with edition 2024, and the Playground's answer appears.
const chapters = [...new Set(bookPages.map((p) => p.chapter).filter(Boolean))];
for (const chapter of chapters) {
  test(`chapter ${chapter}: Run sends the whole program with edition 2024 and shows the result`, async () => {
    const bookPage = bookPages.find((p) => p.chapter === chapter && p.blocks.some((b) => b.runnable));
    assert.ok(bookPage, `chapter ${chapter} has no runnable listing`);
    const block = bookPage.blocks.find((b) => b.runnable);
    const index = bookPage.blocks.filter((b) => b.runnable).indexOf(block);
    const { context, page, problems, playground } = await open(bookPage.html);
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

// Per chapter, the first quiz whose questions are all multiple choice or short
// answers: started, answered (the first question wrongly, with a distractor
// from the quiz file, the others with the file's answer) and submitted, it
// shows the score and marks each answer right or wrong.
for (const chapter of chapters) {
  test(`chapter ${chapter}: a quiz takes answers and gives the right feedback`, async () => {
    const bookPage = bookPages.find((p) => p.chapter === chapter && p.quizzes.some(answerable));
    assert.ok(bookPage, `chapter ${chapter} has no quiz of multiple-choice and short-answer questions`);
    const quizIndex = bookPage.quizzes.findIndex(answerable);
    const quizFile = bookPage.quizzes[quizIndex];
    const questions = quizQuestions(quizFile);
    const { context, page, problems } = await open(bookPage.html);
    try {
      const quiz = page.locator('.quiz-placeholder').nth(quizIndex);
      await quiz.locator('button.start').click();
      for (const [i, q] of questions.entries()) {
        const where = `${quizFile}, question ${i + 1}`;
        const given = i === 0 ? wrongAnswer(q) : q.answer;
        await quiz.locator('.counter').filter({ hasText: `Question ${i + 1} / ${questions.length}` })
          .waitFor({ timeout: 5_000 }).catch(() => assert.fail(`${where}: not shown`));
        const form = quiz.locator('form.response');
        if (q.type === 'MultipleChoice') {
          const choices = form.locator('input[type="radio"]');
          const choice = (await choices.evaluateAll((inputs) => inputs.map((r) => r.value))).indexOf(given);
          assert.ok(choice >= 0, `${where}: no choice "${given}"`);
          await choices.nth(choice).check();
        } else {
          await form.locator('input[type="text"], textarea').first().fill(given);
        }
        await form.locator('input[type="submit"]').click();
      }
      await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor({ timeout: 5_000 })
        .catch(() => assert.fail(`${quizFile}: no answer review after the last question`));
      assert.match(await quiz.innerText(), new RegExp(`You answered ${questions.length - 1}/${questions.length} questions correctly`),
        `${quizFile}: wrong score for ${questions.length - 1} right answers out of ${questions.length}`);
      const marks = await quiz.locator('.answer-wrapper').evaluateAll((answers) => answers.map((a) => {
        // A choice is marked on its `.md-flex`, a short answer on its `<code>`.
        const given = a.querySelector('.answer-row .correct, .answer-row .incorrect');
        return { correct: given?.classList.contains('correct') ?? false, incorrect: given?.classList.contains('incorrect') ?? false };
      }));
      assert.deepEqual(marks, questions.map((_, i) => ({ correct: i !== 0, incorrect: i === 0 })),
        `${quizFile}: the answers are not marked right and wrong as given`);
      await page.waitForTimeout(200);
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

function answerable(quizFile) {
  return quizQuestions(quizFile).every((q) => ['MultipleChoice', 'ShortAnswer'].includes(q.type) && q.answer);
}

// A wrong answer to give: a distractor, or for a short answer a word that is
// none of the accepted ones.
function wrongAnswer(q) {
  if (q.type === 'MultipleChoice') return q.distractors[0];
  return 'surely not this';
}

test('search finds a word from each chapter', async () => {
  const { context, page, problems } = await open('index.html');
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

// The chapter page to look at: one with a listing that does not compile if
// there is one, else the one with the most listings and outputs.
function showcasePage() {
  const withCompileFail = bookPages.find((p) => p.blocks.some((b) => b.compileFail));
  if (withCompileFail) return withCompileFail;
  return [...bookPages].sort((a, b) => b.blocks.length - a.blocks.length)[0];
}

test('the theme switch changes the theme, and the listings are readable in every theme', async () => {
  const bookPage = showcasePage();
  const { context, page, problems } = await open(bookPage.html);
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

test('every link between pages, and every #anchor, resolves', () => {
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
