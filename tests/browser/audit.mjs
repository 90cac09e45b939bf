// The reader audit, as figures: page weight, accessibility violations (axe),
// the smallest timeline text on a phone, and what printing gives. Not a test:
// it prints what it measures, to compare two builds of the book.
//
//   node audit.mjs                       (from tests/browser/; builds the book)
//   BOOK_HTML=/tmp/old-book/html node audit.mjs
//   node audit.mjs --json                (the same, as JSON)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { axeViolations } from './lib/axe.mjs';
import { htmlDir, pages, sitePath } from './lib/book.mjs';
import { measureSvgText } from './lib/figures.mjs';
import { markCaptionsAndCode, noAutoPrint, pdfPages, strandedCaptions } from './lib/pdf.mjs';
import { fakePlayground } from './lib/playground.mjs';
import { serve } from './lib/server.mjs';
import { CHROMIUM } from './lib/session.mjs';

const dir = htmlDir();
const bookPages = pages();
const server = await serve(dir, sitePath());
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const report = { book: dir, weight: [], axe: { own: [], others: [] }, timelines: [], print: {} };

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await fakePlayground(context);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|play\.rust-lang\.org)/, (route) => route.abort());
  return { context, page: await context.newPage() };
}

// Bytes the page loads: at load (without scrolling), then after scrolling to
// its end, and the largest files.
async function weigh(relPath) {
  const { context, page } = await newPage();
  const files = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(server.origin)) return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    files.push({ url: res.url().slice(server.base.length), bytes: body.length });
  });
  await page.goto(server.base + relPath, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const atLoad = files.reduce((sum, f) => sum + f.bytes, 0);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(2000);
  const scrolled = files.reduce((sum, f) => sum + f.bytes, 0);
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 4);
  await context.close();
  return { page: relPath, atLoad, scrolled, largest };
}

const quizPage = bookPages.find((p) => p.quizzes.length > 0 && !p.md.endsWith('exercises.md'));
const plainPage = bookPages.find((p) => p.quizzes.length === 0 && p.details === 0 && p.chapter);
const exercisePage = bookPages.find((p) => p.md.endsWith('exercises.md'));
for (const p of [quizPage, plainPage, exercisePage].filter(Boolean)) report.weight.push(await weigh(p.html));

// axe on every page, and the print page.
for (const relPath of [...bookPages.map((p) => p.html), 'print.html']) {
  const { context, page } = await newPage();
  await page.goto(server.base + relPath, { waitUntil: 'load' });
  await page.waitForTimeout(800);
  const { own, others } = await axeViolations(page);
  for (const v of own) report.axe.own.push({ page: relPath, ...v });
  for (const v of others) report.axe.others.push({ page: relPath, ...v });
  await context.close();
}

// Timeline text on a 390 px wide phone.
for (const p of bookPages) {
  const { context, page } = await newPage({ width: 390, height: 844 });
  await page.goto(server.base + p.html, { waitUntil: 'load' });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  for (const svg of await page.evaluate(measureSvgText)) report.timelines.push({ page: p.html, ...svg });
  await context.close();
}

// print.html as a PDF (A4, as Chromium prints it).
{
  const { context, page } = await newPage();
  await context.addInitScript(noAutoPrint);
  await page.goto(server.base + 'print.html', { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  await page.emulateMedia({ media: 'print' });
  report.print.quizzes = await page.evaluate(() => ({
    placeholders: document.querySelectorAll('.quiz-placeholder').length,
    printedQuestions: Array.from(document.querySelectorAll('.quiz-print .quiz-print-question')).filter((q) => q.offsetParent).length,
    startButtonsShown: Array.from(document.querySelectorAll('.quiz-placeholder button.start')).filter((b) => b.offsetParent).length,
  }));
  report.print.solutions = await page.evaluate(() => Array.from(document.querySelectorAll('#mdbook-content details')).map((d) => {
    const content = d.querySelector(':scope > :not(summary)');
    return !!content && content.checkVisibility();
  }));
  await page.evaluate(markCaptionsAndCode);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(os.tmpdir(), 'book-print.pdf');
  fs.writeFileSync(file, pdf);
  const texts = await pdfPages(pdf);
  report.print.pdf = { file, pages: texts.length, ...strandedCaptions(texts) };
  report.print.pdf.quizStartLines = texts.flat().filter((t) => /^Start$/.test(t.trim())).length;
  await context.close();
}

await browser.close();
await server.close();

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`book: ${report.book}\n\npage weight (bytes loaded; then after scrolling to the end):`);
  for (const w of report.weight) {
    console.log(`  ${w.page}: ${kb(w.atLoad)}; ${kb(w.scrolled)} scrolled. Largest: ${w.largest.map((f) => `${f.url} ${kb(f.bytes)}`).join(', ')}`);
  }
  const count = (vs) => vs.reduce((n, v) => n + v.targets.length, 0);
  console.log(`\naxe violations on the book's own additions: ${count(report.axe.own)} (${report.axe.own.map((v) => `${v.page} ${v.id}`).join(', ') || 'none'})`);
  const byRule = {};
  for (const v of report.axe.others) byRule[v.id] = (byRule[v.id] ?? 0) + v.targets.length;
  console.log(`axe violations elsewhere (mdBook, mdbook-quiz): ${count(report.axe.others)} ${JSON.stringify(byRule)}`);
  const sizes = report.timelines.filter((t) => t.minText !== null);
  console.log(`\ntimelines at 390 px: ${sizes.length}; smallest text ${Math.min(...sizes.map((t) => t.minText)).toFixed(1)} px; `
    + `with a caption: ${sizes.filter((t) => t.caption).length}; font: ${[...new Set(sizes.map((t) => t.fontFamily))].join(' | ')}`);
  for (const t of sizes) console.log(`  ${t.page} ${t.id}: ${t.minText.toFixed(1)} px ${t.caption ? `"${t.caption.split('\n')[0]}"` : '(no caption)'}`);
  const { quizzes, solutions, pdf } = report.print;
  console.log(`\nprint.html: ${quizzes.placeholders} quizzes, ${quizzes.printedQuestions} questions printed, ${quizzes.startButtonsShown} Start buttons printed; `
    + `solutions open in print: ${solutions.filter(Boolean).length}/${solutions.length}`);
  console.log(`PDF (${pdf.file}): ${pdf.pages} pages; ${pdf.stranded.length} of ${pdf.captions} listing captions on another page than their code; "Start" lines: ${pdf.quizStartLines}`);
}
