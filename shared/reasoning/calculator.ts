/**
 * GSM8K calculator annotations: `<<48/2=24>>` says the model computed 48/2 and got 24. Each one is evaluated
 * with plain arithmetic (+ - * / ^, parentheses, decimals, commas as thousands separators, a trailing %) and
 * compared with the result written after `=`, allowing for the rounding its written decimals imply.
 */

export interface CalculatorCheck {
  /** The annotation as written, `<<48/2=24>>`. */
  text: string;
  /** Offset of `<<` in the step. */
  start: number;
  expression: string;
  stated: string;
  /** The value of the expression, or null when it is not plain arithmetic. */
  computed: number | null;
  status: 'correct' | 'wrong' | 'unreadable';
}

const ANNOTATION = /<<([^<>]*?)=([^<>=]*)>>/g;

class Parser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): number | null {
    const value = this.sum();
    this.space();
    return value !== null && this.at === this.src.length && Number.isFinite(value) ? value : null;
  }

  private space() {
    while (this.src[this.at] === ' ') this.at++;
  }

  private sum(): number | null {
    let left = this.product();
    for (;;) {
      this.space();
      const op = this.src[this.at];
      if (left === null || (op !== '+' && op !== '-')) return left;
      this.at++;
      const right = this.product();
      if (right === null) return null;
      left = op === '+' ? left + right : left - right;
    }
  }

  private product(): number | null {
    let left = this.power();
    for (;;) {
      this.space();
      const op = this.src[this.at];
      if (left === null || (op !== '*' && op !== '/' && op !== 'x' && op !== '×' && op !== '÷')) return left;
      this.at++;
      const right = this.power();
      if (right === null) return null;
      left = op === '/' || op === '÷' ? left / right : left * right;
    }
  }

  private power(): number | null {
    const base = this.unary();
    this.space();
    if (base === null || (this.src[this.at] !== '^' && this.src.slice(this.at, this.at + 2) !== '**')) return base;
    this.at += this.src[this.at] === '^' ? 1 : 2;
    const exponent = this.power();
    return exponent === null ? null : base ** exponent;
  }

  private unary(): number | null {
    this.space();
    if (this.src[this.at] === '-') {
      this.at++;
      const value = this.unary();
      return value === null ? null : -value;
    }
    if (this.src[this.at] === '+') {
      this.at++;
      return this.unary();
    }
    return this.atom();
  }

  private atom(): number | null {
    this.space();
    let value: number | null;
    if (this.src[this.at] === '(') {
      this.at++;
      value = this.sum();
      this.space();
      if (this.src[this.at] !== ')') return null;
      this.at++;
    } else {
      const match = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?/.exec(this.src.slice(this.at));
      if (!match || match[0] === '') return null;
      this.at += match[0].length;
      value = Number(match[0].replaceAll(',', ''));
    }
    this.space();
    if (value !== null && this.src[this.at] === '%') {
      this.at++;
      value = value / 100;
    }
    return value;
  }
}

/** The value of a plain arithmetic expression, or null. */
export const evaluateArithmetic = (expression: string): number | null => new Parser(expression.replace(/\$/g, '').trim()).parse();

const readStated = (stated: string): number | null => {
  const cleaned = stated.replace(/[$\s]/g, '');
  if (!/^-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?$/.test(cleaned) || !/\d/.test(cleaned)) return null;
  const value = Number(cleaned.replace(/[,%]/g, ''));
  return cleaned.endsWith('%') ? value / 100 : value;
};

const decimalsOf = (stated: string): number => /\.(\d+)/.exec(stated)?.[1]?.length ?? 0;

/** Whether `computed` is what `stated` says, allowing the rounding its decimals imply. */
export const agrees = (computed: number, stated: string, statedValue: number): boolean => {
  const tolerance = Math.max(0.5 * 10 ** -decimalsOf(stated), 1e-9 * Math.abs(computed));
  if (Math.abs(computed - statedValue) <= tolerance + 1e-12) return true;
  // "10/3=3.33" and "2/3=.67" round; "7/2=3" truncates when the text means whole items: accept only rounding.
  return false;
};

export const checkCalculatorAnnotations = (text: string): CalculatorCheck[] => {
  const checks: CalculatorCheck[] = [];
  for (const match of text.matchAll(ANNOTATION)) {
    const [whole, expression = '', stated = ''] = match;
    const computed = evaluateArithmetic(expression);
    const statedValue = readStated(stated);
    const status = computed === null || statedValue === null ? 'unreadable' : agrees(computed, stated, statedValue) ? 'correct' : 'wrong';
    checks.push({ text: whole, start: match.index, expression, stated: stated.trim(), computed, status });
  }
  return checks;
};

/** The wrong annotations of a step, for a mark on it. */
export const wrongCalculations = (text: string): CalculatorCheck[] => checkCalculatorAnnotations(text).filter((c) => c.status === 'wrong');
