/**
 * Terminal output as styled text runs. SGR colour codes become colours; every other escape or control
 * sequence (cursor moves, screen clears, OSC titles and links, bells, backspaces) is dropped, so output can
 * never rewrite the screen or smuggle markup: the runs are plain text for React to render.
 */

export interface AnsiStyle {
  /** 0-15 palette index, or a CSS rgb() colour for 256-colour and true-colour codes. */
  fg: number | string | null;
  bg: number | string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
}

export interface AnsiRun {
  text: string;
  style: AnsiStyle | null;
}

const PLAIN: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false };

// CSI ... final byte | OSC ... BEL/ST | DCS/SOS/PM/APC ... ST | two-byte ESC sequences | C1 CSI (U+009B).
// eslint-disable-next-line no-control-regex
const SEQUENCE = /\u001b\[([0-9;:?<=>]*)[ -/]*([@-~])|\u009b([0-9;:?]*)[ -/]*([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][\s\S]*?(?:\u001b\\|$)|\u001b[ -/]*[0-~]?/g;
// C0 and C1 controls other than tab and newline (carriage returns are handled before).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const cube = (n: number): string => {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
};

const extended = (codes: number[], i: number): { colour: number | string | null; used: number } => {
  if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
    const n = codes[i + 2] as number;
    return { colour: n < 16 ? n : n <= 255 ? cube(n) : null, used: 2 };
  }
  if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
    const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]].map((v) => Math.min(255, Math.max(0, v ?? 0)));
    return { colour: `rgb(${r}, ${g}, ${b})`, used: 4 };
  }
  return { colour: null, used: 0 };
};

const applySgr = (style: AnsiStyle, params: string): AnsiStyle => {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c === 0) s = { ...PLAIN };
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) s = { ...s, bold: false, dim: false };
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c >= 30 && c <= 37) s.fg = c - 30;
    else if (c >= 90 && c <= 97) s.fg = c - 90 + 8;
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = c - 40;
    else if (c >= 100 && c <= 107) s.bg = c - 100 + 8;
    else if (c === 49) s.bg = null;
    else if (c === 38 || c === 48) {
      const { colour, used } = extended(codes, i);
      if (c === 38) s.fg = colour;
      else s.bg = colour;
      i += used;
    }
  }
  return s;
};

const isPlain = (s: AnsiStyle): boolean => s.fg === null && s.bg === null && !s.bold && !s.dim && !s.italic && !s.underline;

/** Splits terminal output into styled runs with every control sequence removed. */
export const parseAnsi = (input: string): AnsiRun[] => {
  const text = input.replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  const runs: AnsiRun[] = [];
  let style: AnsiStyle = { ...PLAIN };
  let last = 0;
  const push = (chunk: string) => {
    const clean = chunk.replace(CONTROL, '');
    if (clean === '') return;
    const runStyle = isPlain(style) ? null : style;
    const prev = runs.at(-1);
    if (prev && prev.style === runStyle) prev.text += clean;
    else runs.push({ text: clean, style: runStyle });
  };
  SEQUENCE.lastIndex = 0;
  for (let m = SEQUENCE.exec(text); m !== null; m = SEQUENCE.exec(text)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === 'm') style = applySgr(style, m[1] ?? '');
    else if (m[4] === 'm') style = applySgr(style, m[3] ?? '');
    if (m[0] === '') SEQUENCE.lastIndex += 1;
  }
  push(text.slice(last));
  return runs;
};

/** The text without any escape or control sequence. */
export const stripAnsi = (input: string): string =>
  parseAnsi(input)
    .map((r) => r.text)
    .join('');
