// Loads mdbook-quiz's script (about 1.4 MB) and stylesheet on a page that has
// a quiz, once a quiz comes near the screen: a reader who never scrolls to
// the quiz does not pay for it.
//
// mdbook-quiz links them relative to each chapter's folder, which is wrong on
// the print page (at the book's root); the book's preprocessor removes those
// tags (theme/mdbook-listing-figures, quiz_assets.rs) and this script loads
// the files from the book's root, which mdBook gives every page as
// `path_to_root`. A book built without mdbook-quiz has no quiz placeholders,
// so nothing is loaded. Printing needs none of it: the preprocessor writes
// each quiz's questions into the page for print (quiz_print.rs).
(function loadQuizAssets() {
  const placeholders = document.querySelectorAll('.quiz-placeholder');
  if (placeholders.length === 0) return;

  let observer = null;
  let loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    observer?.disconnect();

    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = `${path_to_root}quiz/style.css`;
    document.head.appendChild(style);

    const script = document.createElement('script');
    script.src = `${path_to_root}quiz/quiz-embed.iife.js`;
    // The script renders every quiz of the page when the window gets
    // DOMContentLoaded. Loaded later than that, it needs the event again
    // (on the window only: the page's other listeners are on the document).
    script.onload = () => {
      if (document.readyState !== 'loading') window.dispatchEvent(new Event('DOMContentLoaded'));
    };
    document.head.appendChild(script);
  }

  if ('IntersectionObserver' in window) {
    // Half a screen early, so that the quiz is there when the reader is.
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) load();
    }, { rootMargin: '50% 0px' });
    placeholders.forEach((p) => observer.observe(p));
  } else {
    load();
  }
})();
