import katex from 'katex';

/**
 * Typesets math outside React: each formula is one element whose innerHTML is KaTeX's own output (trust off,
 * so \href, \url and \html* stay inert). Formulas near the viewport go first, the rest in small slices of
 * later frames, so a response with hundreds of formulas never blocks typing or the first screen.
 */
const KATEX_OPTIONS = { throwOnError: false, strict: 'ignore', trust: false, maxExpand: 500, maxSize: 20, output: 'html' } as const;
const FRAME_BUDGET_MS = 8;
/** With no input waiting (Chromium tells), a frame may typeset for longer: the formulas are done sooner, keys still come first. */
const IDLE_FRAME_BUDGET_MS = 40;
const inputPending: () => boolean = (() => {
  const scheduling = (globalThis.navigator as { scheduling?: { isInputPending?: () => boolean } } | undefined)?.scheduling;
  return scheduling?.isInputPending ? () => scheduling.isInputPending!() : () => true;
})();
/** Typeset HTML kept for reopened tasks, bounded in characters so hostile output cannot grow it without end. */
const CACHE_CHAR_LIMIT = 8_000_000;

interface Pending {
  tex: string;
  display: boolean;
}

const cache = new Map<string, string>();
let cacheChars = 0;
const pending = new Map<HTMLElement, Pending>();
const nearViewport = new Set<HTMLElement>();
let scheduled = false;

const htmlFor = ({ tex, display }: Pending): string => {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
    if (cacheChars + html.length > CACHE_CHAR_LIMIT) {
      cache.clear();
      cacheChars = 0;
    }
    cache.set(key, html);
    cacheChars += html.length;
  }
  return html;
};

const forget = (el: HTMLElement) => {
  pending.delete(el);
  nearViewport.delete(el);
  observer?.unobserve(el);
};

const typeset = (el: HTMLElement, math: Pending) => {
  el.innerHTML = htmlFor(math);
  el.dataset.typeset = 'true';
  forget(el);
};

const observer =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const el = entry.target as HTMLElement;
            if (entry.isIntersecting && pending.has(el)) nearViewport.add(el);
            else nearViewport.delete(el);
          }
          schedule();
        },
        { rootMargin: '800px 400px' },
      );

function drain() {
  scheduled = false;
  const started = performance.now();
  const order = [...nearViewport, ...pending.keys()];
  for (const el of order) {
    const spent = performance.now() - started;
    if (spent > IDLE_FRAME_BUDGET_MS || (spent > FRAME_BUDGET_MS && inputPending())) break;
    const math = pending.get(el);
    if (math && el.isConnected) typeset(el, math);
    else forget(el);
  }
  if (pending.size > 0) schedule();
}

function schedule() {
  if (scheduled || pending.size === 0) return;
  scheduled = true;
  requestAnimationFrame(drain);
}

/** Shows the TeX source at once and queues the typesetting; answers a function that forgets the element. */
export function enqueueMath(el: HTMLElement, tex: string, display: boolean): () => void {
  const math = { tex, display };
  const key = `${display ? 'D' : 'I'}${tex}`;
  if (cache.has(key)) {
    typeset(el, math);
    return () => {};
  }
  el.textContent = tex;
  pending.set(el, math);
  observer?.observe(el);
  schedule();
  return () => forget(el);
}
