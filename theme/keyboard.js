// Keyboard access that mdBook's pages lack (theme/reader.css has the rest):
// a code block whose lines are wider than the page scrolls sideways, and so
// does a wide table (in mdBook's .table-wrapper), which a keyboard can only
// do once it has the focus, so such a block takes it (tabindex="0"). Checked
// again when the window's width changes and when a folded solution opens.
(function scrollableCode() {
  function update() {
    document.querySelectorAll('pre > code, .table-wrapper').forEach((block) => {
      if (block.classList.contains('ace_editor')) return; // an editor takes the focus itself
      if (block.scrollWidth > block.clientWidth + 1) {
        block.tabIndex = 0;
      } else {
        block.removeAttribute('tabindex');
      }
    });
  }
  let pending = null;
  const later = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  };
  update();
  window.addEventListener('load', later);
  window.addEventListener('resize', later);
  document.addEventListener('toggle', later, true);
})();
