// `npm test`: builds the book once (unless BOOK_HTML names a built book),
// then runs the test files one after another, each in its own process.
//
//   npm test                              every *.test.mjs
//   npm test -- listings.test.mjs ...     only these files
//   BOOK_HTML=book/html npm test          a book `mdbook build` made (from the repository's root)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlDir } from './lib/book.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Built here once, instead of once per test file.
const env = { ...process.env, BOOK_HTML: htmlDir() };
const args = process.argv.slice(2);
const files = args.some((a) => a.endsWith('.mjs'))
  ? args
  : [...args, ...fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()];
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit', env, cwd: here });
process.exit(run.status ?? 1);
