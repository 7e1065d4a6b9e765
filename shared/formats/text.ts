/** Text-level helpers every importer shares: BOM, line endings, line numbers. */

export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export interface NumberedLine {
  /** 1-based, as an editor shows it. */
  lineNumber: number;
  text: string;
}

/** Splits on LF or CRLF only: U+2028/U+2029 and lone CRs are legal inside JSON strings and must not break a record. */
export const splitLines = (text: string): NumberedLine[] =>
  text.split('\n').map((line, index) => ({
    lineNumber: index + 1,
    text: line.endsWith('\r') ? line.slice(0, -1) : line,
  }));

export const isBlank = (line: string): boolean => line.trim() === '';

/** The first line that holds anything, without splitting the whole (possibly huge) text. */
export const firstNonBlankLine = (text: string): string | null => {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (!isBlank(line)) return line.endsWith('\r') ? line.slice(0, -1) : line;
    if (end === -1) break;
    start = end + 1;
  }
  return null;
};
