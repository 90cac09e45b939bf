// Printing: the exercises' solutions are folded (<details>), and a printed
// page would show only "Solution". Open them while the page prints, and fold
// them again after. (theme/reader.css does the same with ::details-content in
// the browsers that have it; printing to PDF from a script fires no event.)
(function printOpenSolutions() {
  let opened = [];
  window.addEventListener('beforeprint', () => {
    opened = Array.from(document.querySelectorAll('#mdbook-content details:not([open])'));
    opened.forEach((d) => { d.open = true; });
  });
  window.addEventListener('afterprint', () => {
    opened.forEach((d) => { d.open = false; });
    opened = [];
  });
})();
