import type { Element, ElementContent, Root } from 'hast';
import { holdHighlighter, rehypeHighlightShared } from './sharedHighlighter';

/**
 * Highlights code blocks outside React, as the math scheduler typesets formulas: a block shows its plain text at
 * once (React renders it), and its tokens are built straight into the DOM (spans and text nodes, never HTML) a few
 * blocks per frame. React keeps one element per block instead of a fiber and a props object for every token
 * (heap after rendering the bench's task: 7.6 -> 7.1 MB).
 */
const FRAME_BUDGET_MS = 8;
/** With no input waiting (Chromium tells), a frame may highlight for longer, as the math scheduler does. */
const IDLE_FRAME_BUDGET_MS = 40;
const inputPending: () => boolean = (() => {
  const scheduling = (globalThis.navigator as { scheduling?: { isInputPending?: () => boolean } } | undefined)?.scheduling;
  return scheduling?.isInputPending ? () => scheduling.isInputPending!() : () => true;
})();

interface Pending {
  lang: string;
  text: string;
}

const pending = new Map<HTMLElement, Pending>();
let scheduled = false;
let release: (() => void) | null = null;
const noMessages = { message: () => undefined };

const toDom = (node: ElementContent): Node => {
  if (node.type === 'text') return document.createTextNode(node.value);
  if (node.type !== 'element') return document.createTextNode('');
  const el = document.createElement('span'); // lowlight makes spans only; anything else is shown as a span too
  const classes = node.properties?.className;
  if (Array.isArray(classes)) el.className = classes.map(String).join(' ');
  for (const child of node.children) el.append(toDom(child));
  return el;
};

/** The highlighted tokens of one block, or null where the language is unknown (the block stays plain text). */
export function highlightTokens(lang: string, text: string): ElementContent[] | null {
  const code: Element = { type: 'element', tagName: 'code', properties: { className: [`language-${lang}`] }, children: [{ type: 'text', value: text }] };
  const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'pre', properties: {}, children: [code] }] };
  (rehypeHighlightShared() as unknown as (tree: Root, file: typeof noMessages) => void)(tree, noMessages);
  const first = code.children[0];
  return code.children.length === 1 && first?.type === 'text' && first.value === text ? null : code.children;
}

const highlight = (el: HTMLElement, { lang, text }: Pending) => {
  const tokens = highlightTokens(lang, text);
  if (tokens) el.replaceChildren(...tokens.map(toDom));
  el.classList.add('hljs');
  delete el.dataset.highlighting;
  pending.delete(el);
};

function drain() {
  scheduled = false;
  const started = performance.now();
  // In the order the blocks mounted: the first screen of every column comes first. (No layout is read here: a
  // forced layout per frame while the blocks still render would cost more than it orders.)
  for (const [el, job] of pending) {
    const spent = performance.now() - started;
    if (spent > IDLE_FRAME_BUDGET_MS || (spent > FRAME_BUDGET_MS && inputPending())) break;
    if (el.isConnected) highlight(el, job);
    else pending.delete(el);
  }
  schedule();
}

function schedule() {
  if (pending.size === 0) {
    release?.();
    release = null;
    return;
  }
  release ??= holdHighlighter();
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(drain);
}

/** Queues the highlighting of a code element that shows its plain text; answers a function that forgets the element. */
export function enqueueHighlight(el: HTMLElement, lang: string, text: string): () => void {
  if (!lang) return () => {};
  el.dataset.highlighting = 'true';
  pending.set(el, { lang, text });
  schedule();
  return () => {
    pending.delete(el);
    if (pending.size === 0) schedule();
  };
}
