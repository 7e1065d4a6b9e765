import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type AnchorHTMLAttributes, type ImgHTMLAttributes } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { normalizeMathDelimiters } from '@shared/markdown/mathDelimiters';
import { splitMarkdownForRender, type MarkdownBlocks } from '@shared/markdown/splitBlocks';
import { checkExternalUrl } from '@shared/security/externalUrl';
import { api } from '../../api';
import { footnoteHandlers, rehypeChunkFootnotes, type ChunkFootnotes } from './chunkFootnotes';
import { MathSpan } from './MathSpan';
import { TableHeaderCell } from './TableHeaderCell';
import { remarkHtmlAsText } from './remarkHtmlAsText';
import { enqueueHighlight } from './codeHighlighter';
import { CODE_TAG, MATH_TAG, rehypeMathElements } from './rehypeMathElements';
// KaTeX's stylesheet travels with the markdown code, out of the first bundle.
import 'katex/dist/katex.min.css';

const remarkPlugins = [remarkGfm, remarkMath, remarkHtmlAsText];
const rehypePlugins = [rehypeMathElements] as const;

/** A link in model text does nothing until the person confirms; only https ever leaves the app. */
function ConfirmLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const safe = checkExternalUrl(href).allowed;
  if (!safe || typeof href !== 'string') return <span className="inert-link" title={href ? `Link not opened: ${href}` : undefined}>{children}</span>;
  return (
    <a
      href={href}
      title={`${href} (asks before opening in your browser)`}
      rel="noreferrer noopener"
      onClick={(e) => {
        e.preventDefault();
        void api().openExternal({ url: href });
      }}
    >
      {children}
    </a>
  );
}

/** No remote image ever loads from model text: it could track who reads what. */
function BlockedImage({ alt, src }: ImgHTMLAttributes<HTMLImageElement>) {
  const host = typeof src === 'string' && URL.canParse(src) ? new URL(src).host : '';
  return (
    <span className="blocked-image" role="img" aria-label={`Image not loaded: ${alt ?? ''}`}>
      [image not loaded{alt ? `: ${alt}` : ''}{host ? ` · ${host}` : ''}]
    </span>
  );
}

/** A formula, as rehypeMathElements left it: the TeX in a data attribute, typeset by MathSpan. */
function MathElement(props: Record<string, unknown>) {
  return <MathSpan tex={String(props['data-tex'] ?? '')} display={props['data-display'] === 'true'} />;
}

/** A fenced code block: plain text at once, its tokens built outside React (codeHighlighter.ts). Focusable, so the keyboard can scroll it. */
const CodeBlock = memo(function CodeBlock(props: Record<string, unknown>) {
  const lang = String(props['data-lang'] ?? '');
  const text = String(props['data-code'] ?? '');
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => (ref.current ? enqueueHighlight(ref.current, lang, text) : undefined), [lang, text]);
  // React renders the plain text; the highlighter swaps in the tokens. A new key on any change, so React never
  // updates a text node the highlighter has already replaced (a live preview changes the code as the person types).
  return (
    <pre tabIndex={0} key={`${lang}\n${text}`}>
      <code ref={ref} className={lang ? `language-${lang}` : undefined}>
        {text}
      </code>
    </pre>
  );
});

const components = { a: ConfirmLink, img: BlockedImage, th: TableHeaderCell, [MATH_TAG]: MathElement, [CODE_TAG]: CodeBlock } as Components;

/** One block of model markdown; `footnotes` when the response is cut into blocks and cites footnotes. */
export const MarkdownChunk = memo(function MarkdownChunk({ text, footnotes }: { text: string; footnotes?: ChunkFootnotes | undefined }) {
  const options = useMemo(
    () =>
      footnotes
        ? {
            rehypePlugins: [...rehypePlugins, rehypeChunkFootnotes(footnotes.mode)] as never,
            remarkRehypeOptions: { handlers: footnoteHandlers(footnotes) },
          }
        : { rehypePlugins: rehypePlugins as never },
    [footnotes],
  );
  return (
    <div className="md-chunk">
      <Markdown remarkPlugins={remarkPlugins} components={components} {...options}>
        {text}
      </Markdown>
    </div>
  );
});

export interface RenderPlan {
  text: string;
  footnotes?: ChunkFootnotes;
}

/**
 * The blocks a response renders as, in order: its text cut into blocks that each carry the references they need,
 * and, when it cites footnotes, one last block with the document's footnotes section.
 */
export const renderPlan = (split: MarkdownBlocks): RenderPlan[] => {
  const blocks: RenderPlan[] = split.blocks.map(({ text, footnotesBefore }) =>
    footnotesBefore ? { text, footnotes: { mode: 'block', order: footnotesBefore.order, counts: footnotesBefore.counts } } : { text },
  );
  const notes = split.footnotes;
  return notes ? [...blocks, { text: notes.text, footnotes: { mode: 'section', order: notes.order, counts: notes.counts } }] : blocks;
};

/** How ModelMarkdown cuts a text; exported so a test can render every block at once. */
export const planModelMarkdown = (text: string, targetChars = 4000, firstChars = 1200): RenderPlan[] =>
  renderPlan(splitMarkdownForRender(normalizeMathDelimiters(text), targetChars, firstChars));

const nextIdle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 50 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
};

/**
 * Renders untrusted model markdown: GFM, math, highlighted code; raw HTML shown as text. A long text is cut
 * into blocks: the first renders at once, the others one per idle moment, so the first screen of every
 * column appears without waiting for the whole response.
 */
export const ModelMarkdown = memo(function ModelMarkdown({ text, onComplete }: { text: string; onComplete?: () => void }) {
  const chunks = useMemo(() => planModelMarkdown(text), [text]);
  const [shown, setShown] = useState(1);
  const complete = shown >= chunks.length;
  useEffect(() => {
    if (complete) {
      onComplete?.();
      return;
    }
    return nextIdle(() => setShown((n) => n + 1));
  }, [complete, shown, onComplete]);
  return (
    <div className="model-markdown" data-complete={complete}>
      {chunks.slice(0, shown).map((chunk, i) => (
        <MarkdownChunk key={i} text={chunk.text} footnotes={chunk.footnotes} />
      ))}
    </div>
  );
});
