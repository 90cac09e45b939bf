// Printing: mdBook's print page (print.html, every page in one) on paper, and
// a PDF printed from it. Each quiz prints its questions (the interactive quiz
// would print as a Start button), the answers come at the end of each
// chapter, the exercises' solutions print open, and no listing's caption is
// left at the bottom of a page without its code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quizQuestions } from './lib/book.mjs';
import { markCaptionsAndCode, noAutoPrint, pdfPages, strandedCaptions } from './lib/pdf.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession();
const { pages: bookPages } = session;
const quizFiles = bookPages.flatMap((p) => p.quizzes);
const chaptersWithQuizzes = new Set(bookPages.filter((p) => p.quizzes.length > 0).map((p) => p.chapter ?? p.md));

async function openPrint() {
  const opened = await session.open('print.html', { initScript: noAutoPrint });
  await opened.page.emulateMedia({ media: 'print' });
  return opened;
}

test('print.html: every quiz prints its questions, and each chapter its answers', async () => {
  const { context, page, problems } = await openPrint();
  try {
    const printed = await page.evaluate(() => ({
      interactive: Array.from(document.querySelectorAll('.quiz-placeholder')).filter((q) => q.checkVisibility()).length,
      quizzes: Array.from(document.querySelectorAll('.quiz-print'), (q) => ({
        shown: q.checkVisibility(),
        questions: Array.from(q.querySelectorAll('.quiz-print-question')).filter((e) => e.checkVisibility()).length,
      })),
      answers: Array.from(document.querySelectorAll('.quiz-answers'), (a) => ({
        shown: a.checkVisibility(),
        items: a.querySelectorAll('.quiz-answers-quiz > ol > li').length,
        title: a.querySelector('.quiz-answers-title')?.textContent ?? '',
      })),
    }));
    assert.equal(printed.interactive, 0, 'interactive quizzes (a Start button) are printed');
    assert.equal(printed.quizzes.length, quizFiles.length, `${printed.quizzes.length} printed quizzes for ${quizFiles.length} quizzes`);
    printed.quizzes.forEach((q, i) => {
      const expected = quizQuestions(quizFiles[i]).length;
      assert.ok(q.shown, `${quizFiles[i]}: not printed`);
      assert.equal(q.questions, expected, `${quizFiles[i]}: ${q.questions} questions printed, it has ${expected}`);
    });
    assert.equal(printed.answers.length, chaptersWithQuizzes.size, 'one list of answers per chapter with quizzes');
    assert.ok(printed.answers.every((a) => a.shown), 'answers that do not print');
    const questions = quizFiles.reduce((n, f) => n + quizQuestions(f).length, 0);
    assert.equal(printed.answers.reduce((n, a) => n + a.items, 0), questions, 'an answer per question');
    assertNoProblems('print.html', problems);
  } finally {
    await context.close();
  }
});

test('print.html: the solutions print open, and captions stay with their code', async () => {
  const { context, page, problems } = await openPrint();
  try {
    const solutions = await page.evaluate(() => Array.from(document.querySelectorAll('#mdbook-content details'),
      (d) => d.querySelector(':scope > :not(summary)')?.checkVisibility() ?? false));
    const expected = bookPages.reduce((n, p) => n + p.details, 0);
    assert.equal(solutions.length, expected);
    assert.deepEqual(solutions.filter((open) => !open), [], 'solutions that print folded');
    const breaks = await page.evaluate(() => Array.from(document.querySelectorAll('figure.listing > figcaption'),
      (c) => getComputedStyle(c).breakAfter));
    assert.ok(breaks.length > 0 && breaks.every((b) => b === 'avoid'), `captions that may be parted from their code: ${breaks}`);

    // The proof: an A4 PDF, where each caption is on the page of its code's first line.
    const figures = await page.evaluate(markCaptionsAndCode);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = await pdfPages(pdf);
    const { captions, stranded } = strandedCaptions(pages);
    assert.equal(captions, figures, 'captions missing from the PDF');
    assert.deepEqual(stranded, [], 'captions printed on another page than their code');
    const text = pages.flat().join(' ');
    assert.doesNotMatch(text, /\bStart\b/, 'a quiz printed as its Start button');
    console.log(`# ${pages.length} A4 pages, ${captions} listing captions, none parted from its code`);
    assertNoProblems('print.html', problems);
  } finally {
    await context.close();
  }
});

test('on screen, the printed quizzes and their answers stay hidden', async () => {
  const quizPage = bookPages.find((p) => p.quizzes.length > 0);
  const { context, page, problems } = await session.open(quizPage.html);
  try {
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll('.quiz-print, .quiz-answers'))
      .filter((e) => e.checkVisibility()).length);
    assert.equal(shown, 0);
    assertNoProblems(quizPage.html, problems);
  } finally {
    await context.close();
  }
});
