import { memo, type AnchorHTMLAttributes, type ImgHTMLAttributes } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { normalizeMathDelimiters } from '@shared/markdown/mathDelimiters';
import { api } from '../../api';
import { remarkHtmlAsText } from './remarkHtmlAsText';

const remarkPlugins = [remarkGfm, remarkMath, remarkHtmlAsText];
// trust:false keeps \href, \url and \htmlData inert; maxExpand bounds macro bombs in hostile input.
const rehypePlugins = [
  [rehypeKatex, { throwOnError: false, strict: 'ignore', trust: false, maxExpand: 500, maxSize: 20, output: 'html' }],
  [rehypeHighlight, { detect: false }],
] as const;

/** A link in model text does nothing until the person confirms; only https ever leaves the app. */
function ConfirmLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const safe = typeof href === 'string' && href.startsWith('https://');
  if (!safe) return <span className="inert-link" title={href ? `Link not opened: ${href}` : undefined}>{children}</span>;
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

const components: Components = { a: ConfirmLink, img: BlockedImage };

/** Renders untrusted model markdown: GFM, KaTeX math, highlighted code; raw HTML shown as text. */
export const ModelMarkdown = memo(function ModelMarkdown({ text }: { text: string }) {
  return (
    <div className="model-markdown">
      <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins as never} components={components} skipHtml={false}>
        {normalizeMathDelimiters(text)}
      </Markdown>
    </div>
  );
});
