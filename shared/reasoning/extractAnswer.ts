/**
 * Finds the final answer in a solution text the way the public sets write it: GSM8K's `#### N`, MATH's
 * `\boxed{...}` (the last one), PRM800K's `# Answer` block, or "The answer is ...".
 */

/** The contents of the last `\boxed{...}` / `\fbox{...}`, braces balanced; null when there is none. */
export const lastBoxed = (text: string): string | null => {
  const at = Math.max(text.lastIndexOf('\\boxed'), text.lastIndexOf('\\fbox'));
  if (at < 0) return null;
  const open = text.indexOf('{', at);
  if (open < 0) {
    const bare = /^\\boxed\s+(\S+)/.exec(text.slice(at));
    return bare?.[1] ?? null;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
};

export const gsm8kAnswer = (text: string): string | null => {
  const match = /####\s*(.+?)\s*$/.exec(text.trimEnd());
  return match?.[1] ?? null;
};

export const extractFinalAnswer = (text: string): string | null => {
  const gsm = gsm8kAnswer(text);
  if (gsm !== null) return gsm;
  const answerBlock = /(?:^|\n)#\s*Answer\s*\n+([^\n]+)\s*$/.exec(text.trimEnd());
  if (answerBlock?.[1]) return answerBlock[1].trim();
  const boxed = lastBoxed(text);
  if (boxed !== null) return boxed;
  const said = /answer is[:\s]*\$?([^$\n]+?)\$?\s*\.?\s*$/i.exec(text.trimEnd());
  return said?.[1]?.trim() ?? null;
};

/** Text without the answer markers: `#### N` and a trailing `# Answer` block removed. */
export const withoutAnswerMarker = (text: string): string =>
  text
    .replace(/\n?####\s*[^\n]*\s*$/, '')
    .replace(/\n*#\s*Answer\s*\n+[^\n]+\s*$/, '')
    .trimEnd();
