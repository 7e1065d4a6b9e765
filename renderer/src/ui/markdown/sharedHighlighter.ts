import rehypeHighlight from 'rehype-highlight';

type Highlighter = ReturnType<typeof rehypeHighlight>;

/**
 * rehype-highlight builds a new highlight.js with every common grammar each time a processor is made, and
 * react-markdown makes one per render: per block of every response, with each language's regexes compiled again.
 * Every processor gets this one highlighter instead. It is held while some response is still rendering its blocks
 * and let go at the next idle moment after that, so a rendered task does not keep the grammars (~1 MB) alive.
 * Math is typeset by MathSpan, so the highlighter leaves `language-math` code alone.
 */
let shared: Highlighter | null = null;
let holders = 0;
let releaseQueued = false;

const releaseWhenIdle = () => {
  if (releaseQueued) return;
  releaseQueued = true;
  const release = () => {
    releaseQueued = false;
    if (holders === 0) shared = null;
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(release);
  else setTimeout(release, 0);
};

/** The rehype plugin (an attacher that returns the shared transformer). */
export const rehypeHighlightShared = (): Highlighter => {
  shared ??= rehypeHighlight({ detect: false, plainText: ['math'] });
  if (holders === 0) releaseWhenIdle();
  return shared;
};

/** Keeps the highlighter while blocks are still to come; answers the release. */
export const holdHighlighter = (): (() => void) => {
  holders++;
  return () => {
    holders--;
    if (holders === 0) releaseWhenIdle();
  };
};
