// WCAG contrast of the text of the book's own additions (listing captions,
// output labels, output text) against what is behind it. Runs in the page.

export const CHECKED = [
  'figure.listing .listing-label',
  'figure.listing .listing-description',
  'figure.listing .listing-name',
  'figure.listing .listing-file',
  'figure.listing .listing-badge',
  'figure.listing .listing-note',
  'figure.listing-output > figcaption',
  'figure.listing-output > pre > code',
];

// Returns `[{ selector, text, ratio }]` for every element matching CHECKED.
export function measureContrast(selectors) {
  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const luminance = ({ r, g, b }) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const out = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const fg = parse(getComputedStyle(el).color);
      const bg = background(el);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      out.push({ selector, text: el.textContent.trim().slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05) });
    }
  }
  return out;
}
