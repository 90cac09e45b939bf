// What every page tells browsers and link previews, read from the built HTML:
// the book's own favicon, and a description and Open Graph tags of its own.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { htmlDir, pages, root } from './lib/book.mjs';

const dir = htmlDir();
const bookPages = pages();
const bookTitle = fs.readFileSync(path.join(root, 'book.toml'), 'utf8').match(/^title\s*=\s*"([^"]*)"/m)[1];

// Attribute values of the page's tags, by a key attribute (name, property, rel).
function head(html) {
  const head = html.slice(0, html.indexOf('</head>'));
  const unescape = (v) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const tags = [...head.matchAll(/<(meta|link)\s([^>]*)>/g)].map((m) => Object.fromEntries(
    [...m[2].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])])));
  return {
    meta: (key) => tags.filter((t) => t.name === key || t.property === key).map((t) => t.content),
    links: (rel) => tags.filter((t) => t.rel === rel).map((t) => t.href),
  };
}

test('every page has the book\'s own favicon', () => {
  const problems = [];
  for (const page of [...bookPages.map((p) => p.html), 'print.html', '404.html']) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    const { links } = head(html);
    for (const [rel, file] of [['icon', 'favicon.svg'], ['shortcut icon', 'favicon.png']]) {
      const hrefs = links(rel);
      if (hrefs.length !== 1) {
        problems.push(`${page}: ${hrefs.length} <link rel="${rel}">`);
        continue;
      }
      // The 404 page links from the site's root (its <base>), the others from their folder.
      const relative = page === '404.html' ? hrefs[0].replace(/^\/[^/]*\//, '') : hrefs[0];
      const served = path.resolve(dir, path.dirname(page), relative);
      const ours = fs.readFileSync(path.join(root, 'theme', file));
      if (!fs.existsSync(served) || !fs.readFileSync(served).equals(ours)) {
        problems.push(`${page}: <link rel="${rel}" href="${hrefs[0]}"> is not theme/${file}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('every page has a description and Open Graph tags of its own', () => {
  const problems = [];
  const descriptions = new Map();
  for (const p of bookPages) {
    const { meta } = head(fs.readFileSync(path.join(dir, p.html), 'utf8'));
    const one = (key) => {
      const values = meta(key);
      if (values.length !== 1) problems.push(`${p.html}: ${values.length} ${key} tags`);
      return values[0] ?? '';
    };
    const description = one('description');
    // "1.3. The Future Trait — <the book's description>": the section number
    // tells apart pages of the same title in two chapters.
    const start = description.replace(/^\d+(\.\d+)*\. /, '');
    if (!start.startsWith(`${p.title} — `) || start.length < p.title.length + 20) {
      problems.push(`${p.html}: description "${description}" does not start with its title, "${p.title}"`);
    }
    if (descriptions.has(description)) problems.push(`${p.html}: same description as ${descriptions.get(description)}`);
    descriptions.set(description, p.html);
    if (one('og:title') !== p.title) problems.push(`${p.html}: og:title is not "${p.title}"`);
    if (one('og:description') !== description) problems.push(`${p.html}: og:description is not its description`);
    if (one('og:site_name') !== bookTitle) problems.push(`${p.html}: og:site_name is not "${bookTitle}"`);
    if (!one('og:type')) problems.push(`${p.html}: no og:type`);
    if (one('twitter:card') !== 'summary') problems.push(`${p.html}: no twitter:card`);
  }
  assert.deepEqual(problems, []);
});
