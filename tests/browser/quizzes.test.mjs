// The quizzes: every `{{#quiz}}` of a page's Markdown is rendered by
// mdbook-quiz, and one quiz per chapter takes answers and marks them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { quizQuestions } from './lib/book.mjs';
import { assertNoProblems, bookSession } from './lib/session.mjs';

const session = bookSession({
  onDone: () => console.log(`# ${quizzesSeen} quizzes rendered`),
});
const { pages: bookPages, chapters } = session;
let quizzesSeen = 0;

for (const bookPage of bookPages.filter((p) => p.quizzes.length > 0)) {
  test(`page ${bookPage.html}: renders its quizzes`, async () => {
    const { context, page, problems } = await session.open(bookPage.html);
    try {
      // Quizzes: each `{{#quiz}}` of the Markdown is rendered (a quiz with
      // its Start button), not left as a placeholder or as the directive.
      const quizzes = page.locator('.quiz-placeholder');
      assert.equal(await quizzes.count(), bookPage.quizzes.length,
        `${bookPage.html}: ${await quizzes.count()} quiz placeholders, but ${bookPage.md} has ${bookPage.quizzes.length} quizzes`);
      for (let i = 0; i < bookPage.quizzes.length; i++) {
        // The quiz script loads once a quiz comes near the screen.
        await quizzes.nth(i).scrollIntoViewIfNeeded();
        await quizzes.nth(i).locator('.mdbook-quiz button.start').waitFor({ state: 'visible', timeout: 10_000 })
          .catch(() => assert.fail(`${bookPage.html}: quiz ${bookPage.quizzes[i]} is not rendered`));
        quizzesSeen++;
      }
      // The quiz's own title does not repeat the heading the page gives it.
      const titles = await quizzes.evaluateAll((all) => all.map((q) => {
        const own = q.querySelector('.mdbook-quiz header h3')?.textContent.trim() ?? '';
        const headings = Array.from(document.querySelectorAll('#mdbook-content main :is(h1, h2, h3, h4, h5, h6)'))
          .filter((h) => !h.closest('.quiz-placeholder')
            && (h.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING));
        return { own, page: headings.at(-1)?.textContent.trim() ?? '' };
      }));
      for (const [i, t] of titles.entries()) {
        assert.notEqual(t.own.toLowerCase(), t.page.toLowerCase(),
          `${bookPage.html}: quiz ${i + 1} is titled "${t.own}" under a heading "${t.page}"`);
      }
      assert.equal(await page.locator('#mdbook-content').innerText().then((t) => t.includes('{{#quiz')), false,
        `${bookPage.html}: shows a {{#quiz}} directive as text (mdbook-quiz not installed?)`);

      await page.waitForTimeout(200);
      assertNoProblems(bookPage.html, problems);
    } finally {
      await context.close();
    }
  });
}

test('a page whose Markdown has no quiz has none in its HTML', () => {
  const unexpected = bookPages.filter((p) => p.quizzes.length === 0)
    .filter((p) => /quiz-placeholder|\{\{#quiz/.test(fs.readFileSync(path.join(session.dir, p.html), 'utf8')))
    .map((p) => p.html);
  assert.deepEqual(unexpected, []);
});

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
    const { context, page, problems } = await session.open(bookPage.html);
    try {
      const quiz = page.locator('.quiz-placeholder').nth(quizIndex);
      await quiz.scrollIntoViewIfNeeded();
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

      // The answers are remembered: after a reload, the quiz shows its review.
      await page.reload({ waitUntil: 'load' });
      const again = page.locator('.quiz-placeholder').nth(quizIndex);
      await again.scrollIntoViewIfNeeded();
      await again.locator('h3', { hasText: 'Answer Review' }).waitFor({ timeout: 10_000 })
        .catch(() => assert.fail(`${quizFile}: the answers are forgotten after a reload`));
      assert.match(await again.innerText(), new RegExp(`You answered ${questions.length - 1}/${questions.length} questions correctly`));
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
