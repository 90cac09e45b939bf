// What every browser test file shares: the built book served on 127.0.0.1,
// one headless Chromium, and `open()`, which loads a page in a fresh browser
// context with the Rust Playground faked and records the page's problems.
//
// A test file calls `bookSession()` once at its top level; it registers the
// `before`/`after` hooks that start and stop the server and the browser.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { htmlDir, pages, sitePath } from './book.mjs';
import { PLAYGROUND, fakePlayground } from './playground.mjs';
import { serve } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 900 };

// `onDone` runs in the `after` hook, before the browser closes (to log what a
// file counted).
export function bookSession({ onDone } = {}) {
  const session = {
    dir: htmlDir(),
    site: sitePath(),
    pages: pages(),
    server: null,
    browser: null,
    open: (relPath, options) => open(session, relPath, options),
  };
  session.chapters = [...new Set(session.pages.map((p) => p.chapter).filter(Boolean))];
  before(async () => {
    session.server = await serve(session.dir, session.site);
    session.browser = await chromium.launch({
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
    onDone?.();
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

// A fresh browser context (own storage, so the theme starts at its default)
// with the fake Playground, and a page whose problems are recorded: console
// errors, uncaught exceptions, failed or 4xx/5xx requests to the book, and
// any request to another host.
async function open({ browser, server }, relPath, { expectStatus = 200, viewport = DESKTOP, contextOptions = {}, initScript } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  if (initScript) await context.addInitScript(initScript);
  const playground = await fakePlayground(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // The print page is every page at once.
  page.setDefaultNavigationTimeout(30_000);
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

export function assertNoProblems(relPath, problems) {
  assert.deepEqual(problems, [], `${relPath} has problems:\n  ${problems.join('\n  ')}`);
}
