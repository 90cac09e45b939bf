// Pictures included in the pages (the timelines, `src/img/*.svg`), measured
// in the page.

// `[{ index, figure, caption, minText, texts }]`: for every SVG in the page's
// content, the size in CSS pixels of its smallest text as drawn (its font size
// times the SVG's scale), and the caption of the figure around it.
export function measureSvgText() {
  return Array.from(document.querySelectorAll('#mdbook-content main svg'))
    .filter((svg) => !svg.closest('button, .buttons, .fa-svg, .mdbook-quiz'))
    .map((svg, index) => {
      const scale = svg.getScreenCTM()?.a ?? 1;
      const sizes = Array.from(svg.querySelectorAll('text'), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      const figure = svg.closest('figure');
      return {
        index,
        id: svg.querySelector('title')?.id ?? null,
        figure: figure ? figure.id : null,
        caption: figure?.querySelector(':scope > figcaption')?.textContent.trim() ?? null,
        minText: sizes.length ? Math.min(...sizes) : null,
        texts: sizes.length,
        fontFamily: svg.querySelector('text') ? getComputedStyle(svg.querySelector('text')).fontFamily : null,
      };
    });
}
