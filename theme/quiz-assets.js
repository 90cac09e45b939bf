// Loads mdbook-quiz's script and stylesheet on a page that has a quiz.
//
// mdbook-quiz links them relative to each chapter's folder, which is wrong on
// the print page (at the book's root); the book's preprocessor removes those
// tags (theme/mdbook-listing-figures, quiz_assets.rs) and this script links
// the files from the book's root, which mdBook gives every page as
// `path_to_root`. A book built without mdbook-quiz has no quiz placeholders,
// so nothing is loaded.
(function loadQuizAssets() {
  if (!document.querySelector('.quiz-placeholder')) return;

  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = `${path_to_root}quiz/style.css`;
  document.head.appendChild(style);

  // The quiz script renders the quizzes on DOMContentLoaded, so it must run
  // before that event, as the tag it replaces did: a script written into the
  // page while it is being parsed (this file is loaded by a plain <script>
  // tag at the end of <body>) is, unlike one added with appendChild.
  document.write(`<script src="${path_to_root}quiz/quiz-embed.iife.js"><\/script>`);
})();
