// Keyboard access that mdBook's pages lack (theme/reader.css has the rest):
// a code block whose lines are wider than the page scrolls sideways, which a
// keyboard can only do once the block has the focus, so such a block takes
// it (tabindex="0"). Checked again when the window's width changes and when
// a folded solution opens.
(function scrollableCode() {
  function update() {
    document.querySelectorAll('pre > code').forEach((code) => {
      if (code.classList.contains('ace_editor')) return; // an editor takes the focus itself
      if (code.scrollWidth > code.clientWidth + 1) {
        code.tabIndex = 0;
      } else {
        code.removeAttribute('tabindex');
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
