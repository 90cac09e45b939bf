// The editable blocks (the exercises' starters), once mdBook has made each an
// ace editor. theme/index.hbs loads ace only on a page that has one, and notes
// which rows of each block are hidden lines (`data-hidden-rows`).
//
// - Hidden lines: ace shows the whole listing, so its hidden lines (the `use`
//   lines above the part the page shows, the tests below it) are folded into
//   a "⋯" that a click unfolds. Run still sends everything, edits included.
// - Keyboard: ace keeps Tab for indenting, so Escape leaves the editor, for
//   the block's buttons (Undo changes, Copy, Run); Ctrl+Enter runs the code.
(function editableBlocks() {
  if (!window.ace || !Array.isArray(window.editors)) return;
  const { Range } = window.ace.require('ace/range');

  // Consecutive rows, as `[first, last]` runs.
  function runs(rows) {
    const out = [];
    for (const row of rows) {
      const last = out[out.length - 1];
      if (last && row === last[1] + 1) last[1] = row;
      else out.push([row, row]);
    }
    return out;
  }

  window.editors.forEach((editor) => {
    const code = editor.container;
    const pre = code.closest('pre');
    const hidden = runs((code.dataset.hiddenRows || '').split(' ').filter(Boolean).map(Number));
    const fold = () => {
      const session = editor.getSession();
      for (const [first, last] of hidden) {
        if (last >= session.getLength()) continue;
        const lines = last - first + 1;
        session.addFold(`⋯ ${lines} hidden line${lines === 1 ? '' : 's'}`,
          new Range(first, 0, last, session.getLine(last).length));
      }
    };
    fold();
    // "Undo changes" puts the original text back, and the folds with it.
    pre?.querySelector('.reset-button')?.addEventListener('click', () => setTimeout(fold));

    editor.commands.addCommand({
      name: 'leaveEditor',
      bindKey: { win: 'Esc', mac: 'Esc' },
      exec: () => pre?.querySelector('.buttons button:not([hidden]):not(.hidden)')?.focus(),
    });
    const input = editor.textInput?.getElement?.();
    input?.setAttribute('aria-label', 'Code editor: Escape leaves it, Ctrl+Enter runs the code');
  });
})();
