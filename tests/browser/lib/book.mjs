// The book as the tests see it: where its HTML is, which pages it has, and
// what each page must show, read from the Markdown sources (not from the
// HTML under test).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const srcDir = path.join(root, 'src');

// The HTML to test: `$BOOK_HTML` (CI passes the book `mdbook build` just
// made), or a fresh build into a temporary folder.
export function htmlDir() {
  if (process.env.BOOK_HTML) {
    const dir = path.resolve(root, process.env.BOOK_HTML);
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      throw new Error(`BOOK_HTML=${process.env.BOOK_HTML}: no index.html there; run \`mdbook build\` first`);
    }
    return dir;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'book-browser-'));
  execFileSync('mdbook', ['build', root, '--dest-dir', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  // With more than one renderer (html and linkcheck2), each has a subfolder.
  return fs.existsSync(path.join(out, 'html', 'index.html')) ? path.join(out, 'html') : out;
}

// `site-url` of book.toml (the path the book is published under, e.g.
// "/book/"): the test server serves the book there too, so that the 404
// page's links are tested as GitHub Pages serves them.
export function sitePath() {
  const toml = fs.readFileSync(path.join(root, 'book.toml'), 'utf8');
  const match = toml.match(/^\s*site-url\s*=\s*"([^"]*)"/m);
  let site = match ? match[1] : '/';
  if (!site.startsWith('/')) site = '/' + site;
  if (!site.endsWith('/')) site += '/';
  return site;
}

// The chapter files in SUMMARY.md order, as `{ md, html, chapter }`:
// `md` relative to src/, `html` the page's path in the built book, `chapter`
// the top-level folder (`ch01-introduction`), or null for a page outside one.
export function pages() {
  const summary = fs.readFileSync(path.join(srcDir, 'SUMMARY.md'), 'utf8');
  const found = [];
  for (const match of summary.matchAll(/\[([^\]]*)\]\(([^)#\s]+\.md)\)/g)) {
    const md = match[2].replace(/^\.\//, '');
    const html = md.replace(/(^|\/)README\.md$/, '$1index.md').replace(/\.md$/, '.html');
    const parts = md.split('/');
    const text = fs.readFileSync(path.join(srcDir, md), 'utf8');
    found.push({
      md,
      html,
      // Its title in SUMMARY.md (mdBook's name for the page).
      title: match[1],
      chapter: parts.length > 1 ? parts[0] : null,
      blocks: blocks(md),
      // `{{#quiz ../quizzes/...toml}}` directives, as paths from the root.
      quizzes: [...text.matchAll(/\{\{#quiz\s+([^}\s]+)\s*\}\}/g)]
        .map((m) => path.relative(root, path.resolve(srcDir, path.dirname(md), m[1])).split(path.sep).join('/')),
      // Pictures included on a line of their own (`{{#include ../img/x.svg}}`),
      // outside code blocks, as paths from the root.
      pictures: pictureIncludes(md, text),
      // `<details>` blocks (the exercises' folded solutions).
      details: (text.match(/^\s*<details>/gm) ?? []).length,
    });
  }
  return found;
}

function pictureIncludes(md, text) {
  return outsideCode(text).split('\n')
    .map((line) => line.match(/^[\s>]*\{\{#include\s+([^}\s]+\.svg)\s*\}\}\s*$/))
    .filter(Boolean)
    .map((m) => path.relative(root, path.resolve(srcDir, path.dirname(md), m[1])).split(path.sep).join('/'));
}

// `text` with the lines of its fenced code blocks blanked (kept as empty
// lines, so that line numbers stay).
export function outsideCode(text) {
  let fence = null;
  return text.split('\n').map((line) => {
    const m = line.match(/^[\s>]*(`{3,}|~{3,})(.*)$/);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && m[2].trim() === '') fence = null;
      return '';
    }
    if (m) {
      fence = m[1];
      return '';
    }
    return line;
  }).join('\n');
}

// The questions of a quiz file, as `[{ type, answer, distractors }]`: only
// what the quiz test needs, read from the TOML as the quizzes write it
// (`type = "..."`, `answer.answer = "..."` and `prompt.distractors = [...]`
// on one line each or one string a line). Strings are TOML basic strings,
// whose escapes are JSON's, or literal strings ('...').
export function quizQuestions(tomlPath) {
  const text = fs.readFileSync(path.join(root, tomlPath), 'utf8');
  const string = (s) => (s.startsWith("'") ? s.slice(1, -1) : JSON.parse(s));
  const STRING = /"(?:[^"\\]|\\.)*"|'[^']*'/g;
  return text.split(/^\[\[questions\]\]\s*$/m).slice(1).map((body) => {
    const value = (key) => {
      const m = body.match(new RegExp(`^${key.replace('.', '\\.')}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|'[^'\\n]*')\\s*$`, 'm'));
      return m ? string(m[1]) : null;
    };
    const list = body.match(/^prompt\.distractors\s*=\s*\[([^\]]*)\]/m);
    return {
      type: value('type'),
      answer: value('answer.answer'),
      distractors: list ? (list[1].match(STRING) ?? []).map(string) : [],
    };
  });
}

// The fenced code blocks of a chapter file that include a listing's file.
function blocks(md) {
  const file = path.join(srcDir, md);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const found = [];
  let open = null;
  lines.forEach((line, i) => {
    const fence = line.match(/^[\s>]*(`{3,}|~{3,})\s*(.*)$/);
    if (open) {
      if (fence && fence[1][0] === open.fence[0] && fence[1].length >= open.fence.length && fence[2] === '') {
        found.push(describe(md, open));
        open = null;
      } else {
        open.body.push(line);
      }
    } else if (fence) {
      open = { fence: fence[1], info: fence[2].trim(), line: i + 1, body: [] };
    }
  });
  return found.filter(Boolean);
}

function describe(md, { info, line, body }) {
  const directive = body.join('\n').trim().match(/^\{\{#(include|rustdoc_include|playground)\s+([^}\s]+)\s*\}\}$/);
  if (!directive) return null;
  const [file, ...selector] = directive[2].split(':');
  const target = path.relative(root, path.resolve(srcDir, path.dirname(md), file)).split(path.sep).join('/');
  if (!target.startsWith('listings/')) return null;
  const attributes = info.split(/[\s,]+/).filter(Boolean);
  const isRust = attributes[0] === 'rust';
  const kind = /\/(output|stderr)\.txt$/.test(target) ? 'output' : 'listing';
  return {
    where: `src/${md}:${line}`,
    target,
    // The listing crate's `description` (its caption), or null.
    description: kind === 'listing' ? description(target.split('/').slice(0, 3).join('/')) : null,
    anchor: selector.length === 1 && !/^\d*$/.test(selector[0]) ? selector[0] : null,
    kind,
    compileFail: isRust && attributes.includes('compile_fail'),
    editable: isRust && attributes.includes('editable'),
    // An exercise's starter: its crate's Cargo.toml has [package.metadata.exercise].
    starter: kind === 'listing' && isStarter(target.split('/').slice(0, 3).join('/')),
    runnable: isRust && !attributes.some((a) => ['ignore', 'noplayground', 'noplaypen'].includes(a)),
  };
}

function isStarter(crateDir) {
  const file = path.join(root, crateDir, 'Cargo.toml');
  return fs.existsSync(file) && /^\[package\.metadata\.exercise\]/m.test(fs.readFileSync(file, 'utf8'));
}

// `[package] description` of the listing crate in `crateDir` (from the
// root), as written (Markdown), or null.
export function description(crateDir) {
  const file = path.join(root, crateDir, 'Cargo.toml');
  if (!fs.existsSync(file)) return null;
  const pkg = fs.readFileSync(file, 'utf8').split(/^\[/m).find((t) => t.startsWith('package]')) ?? '';
  const m = pkg.match(/^description\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/m);
  return m ? JSON.parse(`"${m[1]}"`) : null;
}

// The program the Run button must send for a block: the whole listing, with
// the lines outside the shown anchor (hidden lines) included and mdBook's
// anchor comments left out.
export function wholeProgram(block) {
  const text = fs.readFileSync(path.join(root, block.target), 'utf8');
  let lines = text.split('\n');
  if (block.anchor) lines = lines.filter((l) => !/ANCHOR(_END)?:\s*[\w-]+/.test(l));
  return normalize(lines.join('\n'));
}

export function normalize(code) {
  return code.split('\n').map((l) => l.trimEnd()).join('\n').trim();
}
