// A PDF's text, page by page, read with pdf.js (pdfjs-dist): what a reader
// who prints the book gets.

// pdf.js warns, once loaded in Node, that it cannot draw (no canvas
// package): it only reads text here, which needs none, so the warnings go.
async function loadPdfJs() {
  const { log, warn } = console;
  console.log = console.warn = () => {};
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    Object.assign(console, { log, warn });
  }
}

// `[[text of page 1], [text of page 2], ...]`, each page's text runs in the
// order pdf.js reads them.
export async function pdfPages(bytes) {
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => item.str));
  }
  await doc.destroy();
  return pages;
}

// mdBook's print page prints itself once loaded; a test that makes a PDF
// of it must stop that first (Chromium prints one job at a time). For
// `context.addInitScript`.
export function noAutoPrint() {
  window.print = () => {};
}

// Marks each listing's caption and the first line of its code with a tiny
// text (`[[caption N]]` and `[[code N]]`) that the PDF keeps, so that a test
// can see on which page each one was printed. Runs in the page.
export function markCaptionsAndCode() {
  const figures = Array.from(document.querySelectorAll('figure.listing'));
  figures.forEach((figure, i) => {
    const mark = (parent, text, first) => {
      const span = document.createElement('span');
      span.textContent = text;
      span.style.cssText = 'font-size:2px;color:#fff;';
      if (first) parent.prepend(span); else parent.append(span);
    };
    const caption = figure.querySelector(':scope > figcaption');
    const code = figure.querySelector(':scope > pre > code');
    if (caption && code) {
      // At the caption's end: a caption is stranded if the page ends after it.
      mark(caption, `[[caption ${i}]]`, false);
      mark(code, `[[code ${i}]]`, true);
    }
  });
  return figures.length;
}

// The listings whose caption is on another page than the first line of their
// code, from the PDF's pages and the marks above.
export function strandedCaptions(pages) {
  const pageOf = new Map();
  pages.forEach((texts, n) => {
    for (const m of texts.join('').matchAll(/\[\[(caption|code) (\d+)\]\]/g)) {
      const key = `${m[1]} ${m[2]}`;
      if (!pageOf.has(key)) pageOf.set(key, n + 1);
    }
  });
  const stranded = [];
  const captions = [...pageOf.keys()].filter((k) => k.startsWith('caption '));
  for (const key of captions) {
    const i = key.split(' ')[1];
    const code = pageOf.get(`code ${i}`);
    if (code !== pageOf.get(key)) stranded.push({ listing: Number(i), captionPage: pageOf.get(key), codePage: code });
  }
  return { captions: captions.length, stranded };
}
