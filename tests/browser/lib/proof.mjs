// The proof directive (CONVENTIONS.md, "The proof directive"): after a claim,
// `{{#proof <package>::<module path>::<test fn>}}` names the test that proves
// it, and the book renders it as a link to that test's line in the repository:
// `<a class="proof" href="<git-repository-url>/blob/HEAD/<file>#L<line>">✓
// proven by <code>test_name</code></a>`.

import fs from 'node:fs';
import path from 'node:path';
import { outsideCode, root } from './book.mjs';

const DIRECTIVE = /(?<!\\)\{\{#proof\s+([^}\s]+)\s*\}\}/g;

// The directives of a chapter's Markdown, outside code (fenced blocks and
// inline spans; the preprocessor's rule) and not escaped as `\{{#proof`, in
// order, as
// `{ line, target, test }` (`test` is the function's name: the path's last part).
export function proofDirectives(markdown) {
  const found = [];
  // Inline code spans too (`` `{{#proof x}}` ``), blanked keeping the lines.
  const prose = outsideCode(markdown)
    .replace(/(?<![`\\])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));
  prose.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(DIRECTIVE)) {
      found.push({ line: i + 1, target: m[1], test: m[1].split('::').at(-1) });
    }
  });
  return found;
}

// The proof links of a page's HTML, in order, as `{ href, text, code }`.
export function proofLinks(html) {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)]
    .filter((m) => /\bclass\s*=\s*"(?:[^"]*\s)?proof(?:\s[^"]*)?"/.test(m[1]))
    .map((m) => ({
      href: (m[1].match(/\bhref\s*=\s*"([^"]*)"/)?.[1] ?? '').replace(/&amp;/g, '&'),
      text: m[2].replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
      code: m[2].match(/<code[^>]*>([\s\S]*?)<\/code>/)?.[1] ?? null,
    }));
}

// What is wrong with a proof link to the test `test`, or null: its href must
// be `<repository>/blob/HEAD/<a file of this repository>#L<n>`, line n of that
// file must define `fn <test>`, and the link must name the test.
export function proofLinkProblem(link, test, repository) {
  const prefix = `${repository.replace(/\/$/, '')}/blob/HEAD/`;
  if (!link.href.startsWith(prefix)) return `href ${link.href} is not under ${prefix}`;
  const m = link.href.slice(prefix.length).match(/^([^#?]+)#L(\d+)$/);
  if (!m) return `href ${link.href} does not end with <file>#L<line>`;
  const [, file, n] = m;
  const full = path.join(root, decodeURIComponent(file));
  if (path.relative(root, full).startsWith('..') || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
    return `href ${link.href}: no file ${file} in the repository`;
  }
  const line = fs.readFileSync(full, 'utf8').split('\n')[Number(n) - 1];
  if (line === undefined || !new RegExp(`\\bfn\\s+${test}\\b`).test(line)) {
    return `href ${link.href}: line ${n} of ${file} does not define fn ${test} (it reads ${JSON.stringify(line?.trim() ?? null)})`;
  }
  if (!link.text.includes(test) || link.code !== test) {
    return `the link reads "${link.text}", not the test's name ${test} (in <code>)`;
  }
  return null;
}

// `git-repository-url` of book.toml.
export function repositoryUrl() {
  const toml = fs.readFileSync(path.join(root, 'book.toml'), 'utf8');
  return toml.match(/^\s*git-repository-url\s*=\s*"([^"]*)"/m)?.[1] ?? null;
}
