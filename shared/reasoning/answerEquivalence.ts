import { ComputeEngine } from '@cortex-js/compute-engine';
import { extractFinalAnswer, lastBoxed } from './extractAnswer';

/**
 * Whether two final answers say the same thing mathematically, with a computer-algebra system reading the
 * LaTeX (@cortex-js/compute-engine), never by string equality: `\frac{1}{2}` = `0.5` = `1/2`,
 * `\sqrt{8}` = `2\sqrt{2}`, `1,000` = `1000`, `5\text{ cm}` = `5`, `\boxed{16}` = `16`, GSM8K `#### 18` = `18`.
 * When the algebra cannot decide (`(x+1)^2` vs `x^2+2x+1`), both sides are evaluated at seeded random points.
 */
export type AnswerVerdict = 'matches' | 'differs' | 'cannot_compare';

export interface AnswerCheck {
  verdict: AnswerVerdict;
  /** What was compared after normalisation, for the expert to see. */
  left: string;
  right: string;
  how: 'text' | 'algebra' | 'numeric' | 'none';
}

let engine: ComputeEngine | null = null;
const ce = (): ComputeEngine => (engine ??= new ComputeEngine());

const UNIT_WORDS =
  /\s*(?:dollars?|cents?|units?|meters?|metres?|m|cm|mm|km|inches|inch|in|feet|foot|ft|yards?|miles?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|grams?|g|kg|pounds?|lbs?|ounces?|oz|liters?|litres?|ml|gallons?|degrees?|mph|people|students|apples|marbles|points?|square|sq|cubic|per|each|times|pieces?|items?|books?|cookies?|eggs?|bolts?|cups?|sheep|glasses|sprints?)\b\.?/gi;

/** Unwraps `\text{..}`, `\mbox{..}`, `\textbf{..}`, `\mathrm{..}` to their contents. */
const unwrapText = (s: string): string => {
  let out = s;
  for (let i = 0; i < 5; i++) {
    const next = out.replace(/\\(?:text|textbf|textit|mbox|mathrm|mathbf|operatorname)\s*\{([^{}]*)\}/g, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
};

/** Pulls the answer out of a whole solution or a marked answer and strips what is not mathematics. */
export const normalizeAnswer = (raw: string): string => {
  let s = raw.trim();
  const marked = /####/.test(s) || /\\boxed|\\fbox/.test(s) || /#\s*Answer/.test(s) ? extractFinalAnswer(s) : null;
  if (marked !== null) s = marked;
  const boxed = lastBoxed(s);
  if (boxed !== null) s = boxed;
  s = s
    .replace(/^\s*(?:\\\(|\\\[|\$\$?)\s*/, '')
    .replace(/\s*(?:\\\)|\\\]|\$\$?)\s*$/, '')
    .replace(/\\\$/g, '')
    .replace(/\$/g, '');
  s = unwrapText(s)
    .replace(/\\[!,;:> ]/g, '')
    .replace(/\{,\}/g, ',')
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])/g, '')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\^\s*\{?\\circ\}?/g, '')
    .replace(/\\degree/g, '')
    .replace(/~/g, ' ')
    .replace(/\\displaystyle/g, '')
    .trim();
  // Thousands separators: 1,000 and 40,000.5 (not a tuple like (1, 2)).
  s = s.replace(/(?<![\d.])(\d{1,3}(?:,\d{3})+)(?![\d,])/g, (m) => (/^[([{]/.test(s) && /[)\]}]$/.test(s) ? m : m.replaceAll(',', '')));
  // Units and words after a number: "18 dollars", "5 cm", "3 bolts of fabric".
  if (/^-?[\d.,/\\{}a-z]*\d[\d.,/\\{}]*\s+[A-Za-z\s.]+$/.test(s) || /^-?\d[\d.,]*\s*[A-Za-z]{2,}(?:\s+[A-Za-z]+)*\.?$/.test(s)) {
    s = s.replace(/\s*[A-Za-z][A-Za-z\s.]*$/, '');
  } else {
    s = s.replace(UNIT_WORDS, (m, offset: number) => (offset > 0 && /\d\s*$/.test(s.slice(0, offset)) ? '' : m));
  }
  s = s.replace(/^(?:x|y|z|n|k|a|b|c)\s*=\s*(?=[^=]+$)/, '');
  return s.replace(/\.\s*$/, '').trim();
};

const plainForm = (s: string): string => s.replace(/\s+/g, '').replace(/^\((\w)\)$/, '$1').toLowerCase();

/** A tiny seeded generator (mulberry32), so a numeric comparison is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Expr = NonNullable<ReturnType<ComputeEngine['parse']>>;

const numberOf = (e: Expr): [number, number] | null => {
  const n = e.N();
  const re = n.re;
  const im = n.im;
  return typeof re === 'number' && Number.isFinite(re) ? [re, typeof im === 'number' && Number.isFinite(im) ? im : 0] : null;
};

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const close = (a: [number, number], b: [number, number]): boolean => near(a[0], b[0]) && near(a[1], b[1]);

/** Compares at random points; null when neither side evaluates to numbers. */
const numericallyEqual = (a: Expr, b: Expr, seed: number): boolean | null => {
  const names = [...new Set([...a.unknowns, ...b.unknowns])];
  const random = seeded(seed);
  let compared = 0;
  for (let trial = 0; trial < 8; trial++) {
    const point: Record<string, number> = {};
    for (const name of names) point[name] = Math.round((random() * 4 + 0.5) * 1000) / 1000;
    const x = numberOf(names.length ? a.subs(point) : a);
    const y = numberOf(names.length ? b.subs(point) : b);
    if (x === null || y === null) continue;
    compared++;
    if (!close(x, y)) return false;
  }
  return compared >= 3 || (names.length === 0 && compared > 0) ? true : null;
};

const hasError = (e: Expr): boolean => !e.isValid || JSON.stringify(e.json).includes('"Error"');

const topLevelParts = (s: string): string[] | null => {
  const m = /^\s*[([{]\s*(.*?)\s*[)\]}]\s*$/.exec(s);
  const inner = m?.[1] ?? s;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of inner) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.length > 1 ? parts.map((p) => p.trim()) : null;
};

const compareOne = (left: string, right: string, seed: number): { verdict: AnswerVerdict; how: AnswerCheck['how'] } => {
  if (plainForm(left) === plainForm(right)) return { verdict: 'matches', how: 'text' };
  const bothLetters = /^\(?[A-Za-z]\)?$/.test(left.trim()) && /^\(?[A-Za-z]\)?$/.test(right.trim());
  if (bothLetters) return { verdict: 'differs', how: 'text' };
  let a: Expr;
  let b: Expr;
  try {
    const pa = ce().parse(left);
    const pb = ce().parse(right);
    if (!pa || !pb) return { verdict: 'cannot_compare', how: 'none' };
    a = pa;
    b = pb;
  } catch {
    return { verdict: 'cannot_compare', how: 'none' };
  }
  if (hasError(a) || hasError(b)) return { verdict: 'cannot_compare', how: 'none' };
  let equal: boolean | undefined;
  try {
    equal = a.isEqual(b);
  } catch {
    equal = undefined;
  }
  if (equal === true) return { verdict: 'matches', how: 'algebra' };
  let numeric: boolean | null;
  try {
    numeric = numericallyEqual(a, b, seed);
  } catch {
    numeric = null;
  }
  if (numeric !== null) return { verdict: numeric ? 'matches' : 'differs', how: 'numeric' };
  if (equal === false) return { verdict: 'differs', how: 'algebra' };
  return { verdict: 'cannot_compare', how: 'none' };
};

/** Compares an answer with the reference. `seed` fixes the random points of a numeric comparison. */
export const compareAnswers = (answer: string, reference: string, seed = 20261130): AnswerCheck => {
  const left = normalizeAnswer(answer);
  const right = normalizeAnswer(reference);
  if (left === '' || right === '') return { verdict: 'cannot_compare', left, right, how: 'none' };
  const direct = compareOne(left, right, seed);
  if (direct.verdict === 'matches') return { ...direct, left, right };
  // Tuples and lists: element by element when both have the same number of parts.
  const lp = topLevelParts(left);
  const rp = topLevelParts(right);
  if (lp && rp && lp.length === rp.length) {
    const parts = lp.map((p, i) => compareOne(p, rp[i]!, seed).verdict);
    if (parts.every((v) => v === 'matches')) return { verdict: 'matches', left, right, how: 'algebra' };
    if (parts.some((v) => v === 'differs')) return { verdict: 'differs', left, right, how: 'algebra' };
  }
  // "10%" against "10" or "0.1": a percent sign on one side only is read both ways.
  const lNoPct = left.replace(/\\?%$/, '');
  const rNoPct = right.replace(/\\?%$/, '');
  if ((lNoPct !== left) !== (rNoPct !== right) && compareOne(lNoPct, rNoPct, seed).verdict === 'matches') return { verdict: 'matches', left, right, how: 'algebra' };
  return { ...direct, left, right };
};
