// Accessibility checks with axe-core, run in the page. Violations are split
// into those on the book's own additions (listing figures, timeline figures,
// printed quizzes, proof links: what theme/ adds) and the rest (mdBook's and
// mdbook-quiz's own markup), since only the first are the book's to fix.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

// Elements the book's theme and preprocessor add to mdBook's pages.
export const BOOK_OWN = [
  'figure.listing', 'figure.listing-output', 'figure.book-figure', 'svg.timeline',
  '.quiz-print', '.quiz-answers', '.quiz-missing', 'a.proof', '.book-editor-note',
];

// `{ own: [...], others: [...] }`, each violation as `{ id, impact, help, targets }`.
// `include`: a selector, to check only that part of the page.
export async function axeViolations(page, include = null) {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async ([own, include]) => {
    // WCAG 2.1 levels A and AA, what accessibility audits hold a site to
    // (axe's best-practice rules, such as "every part of the page is in a
    // landmark", are advice).
    const result = await window.axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const el = document.querySelector(n.target[0]);
        return { target: n.target.join(' '), own: !!el && own.some((s) => el.closest(s)) };
      }),
    }));
  }, [BOOK_OWN, include]);
  const split = (own) => violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.own === own) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }));
  return { own: split(true), others: split(false) };
}
