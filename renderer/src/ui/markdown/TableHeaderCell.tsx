import type { ThHTMLAttributes } from 'react';
import type { ExtraProps } from 'react-markdown';

interface HastNode {
  type: string;
  value?: string;
  children?: HastNode[];
}

const isBlank = (node: HastNode): boolean =>
  node.type === 'text' ? (node.value ?? '').trim() === '' : node.type === 'element' && (node.children ?? []).every(isBlank);

/**
 * A markdown table's header cell. Models often leave the top-left cell of a table empty; an empty header
 * names no column for a screen reader (axe: empty-table-header), so an empty one is rendered as a plain cell.
 */
export function TableHeaderCell({ node, children, ...props }: ThHTMLAttributes<HTMLTableCellElement> & ExtraProps) {
  if (node && isBlank(node as HastNode)) return <td {...props} />;
  return <th {...props}>{children}</th>;
}
