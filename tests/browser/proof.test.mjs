// Proof links: each `{{#proof ...}}` directive of a page's Markdown (outside
// code blocks and code spans) is one `a.proof` link on the page, in the same order, to the
// line of the repository's file that defines the test it names, and the link
// names the test. A page without directives has no proof link.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { htmlDir, pages, root } from './lib/book.mjs';
import { proofDirectives, proofLinkProblem, proofLinks, repositoryUrl } from './lib/proof.mjs';

const dir = htmlDir();
const bookPages = pages();
const repository = repositoryUrl();
let directivesSeen = 0;

test('book.toml says where the repository is (proof links point into it)', () => {
  assert.ok(repository, 'no git-repository-url in book.toml');
});

for (const bookPage of bookPages) {
  test(`page ${bookPage.html}: one proof link per {{#proof}}, to the line of its test`, () => {
    const directives = proofDirectives(fs.readFileSync(path.join(root, 'src', bookPage.md), 'utf8'));
    const links = proofLinks(fs.readFileSync(path.join(dir, bookPage.html), 'utf8'));
    directivesSeen += directives.length;
    assert.equal(links.length, directives.length,
      `${bookPage.html}: ${links.length} proof links, but src/${bookPage.md} has ${directives.length} {{#proof}} directives`);
    const problems = directives.map((d, i) => {
      const problem = proofLinkProblem(links[i], d.test, repository);
      return problem && `src/${bookPage.md}:${d.line} ({{#proof ${d.target}}}): ${problem}`;
    }).filter(Boolean);
    assert.deepEqual(problems, []);
  });
}

test('the checks above catch what they must (on examples)', () => {
  // A real test function of a listing, to link to: the first there is.
  const candidates = fs.readdirSync(path.join(root, 'listings')).sort().flatMap((chapter) =>
    fs.readdirSync(path.join(root, 'listings', chapter)).sort()
      .map((l) => `listings/${chapter}/${l}/src/main.rs`));
  let file;
  let at = -1;
  for (const candidate of candidates.filter((f) => fs.existsSync(path.join(root, f)))) {
    const lines = fs.readFileSync(path.join(root, candidate), 'utf8').split('\n');
    at = lines.findIndex((l, i) => /^\s*(async\s+)?fn\s+\w+/.test(l) && /#\[(tokio::)?test\b/.test(lines[i - 1] ?? ''));
    if (at >= 0) {
      file = candidate;
      break;
    }
  }
  assert.ok(file, 'no listing with a test function to try the checks on');
  const name = fs.readFileSync(path.join(root, file), 'utf8').split('\n')[at].match(/fn\s+(\w+)/)[1];
  const link = (href, code = name) => ({ href, text: `✓ proven by ${code}`, code });
  const good = `${repository}/blob/HEAD/${file}#L${at + 1}`;
  assert.equal(proofLinkProblem(link(good), name, repository), null);
  assert.match(proofLinkProblem(link(`${repository}/blob/HEAD/${file}#L${at + 2}`), name, repository), /does not define/);
  assert.match(proofLinkProblem(link(`${repository}/blob/HEAD/no/such.rs#L1`), name, repository), /no file/);
  assert.match(proofLinkProblem(link(`https://elsewhere.example/${file}#L${at + 1}`), name, repository), /is not under/);
  assert.match(proofLinkProblem(link(good, 'other_name'), name, repository), /not the test's name/);

  const markdown = [
    'It takes one second {{#proof ch01-join-two-tasks::tests::one_second}}.',
    '```md', '{{#proof ch01-x::tests::in_a_code_block}}', '```',
    'Escaped: \\{{#proof a::b::c}}. Two in a row {{#proof p::t::a}} {{#proof p::tests::b}}',
    'Written as code: `{{#proof p::t::in_code}}` and ``{{#proof p::t::in_double}}``, then {{#proof p::t::after}}.',
  ].join('\n');
  assert.deepEqual(proofDirectives(markdown).map((d) => [d.line, d.test]),
    [[1, 'one_second'], [5, 'a'], [5, 'b'], [6, 'after']]);
  const html = '<p>x <a class="proof" href="https://h/blob/HEAD/f.rs#L3">✓ proven by <code>t</code></a> <a class="other" href="#">no</a></p>';
  assert.deepEqual(proofLinks(html), [{ href: 'https://h/blob/HEAD/f.rs#L3', text: '✓ proven by t', code: 't' }]);
});

after(() => console.log(`# ${directivesSeen} {{#proof}} directives on ${bookPages.length} pages, each a valid link`));
