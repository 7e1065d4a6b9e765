import { formatDetectors, isRecord, type FormatDetector, type JsonRecord } from './detectors';
import { firstNonBlankLine, stripBom } from './text';

export type Detection =
  /** `document` is the whole file parsed, when detection had to parse all of it (a .traj, a JSON list). */
  | { kind: 'known'; detector: FormatDetector; document?: unknown }
  /** JSON, but no detector recognised its records. */
  | { kind: 'unknown-json' }
  | { kind: 'not-json' };

const tryParse = (text: string): { value: unknown } | null => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
};

/**
 * The record detectors judge: the first line when it is JSON on its own (JSON Lines, or a one-line
 * document), else the whole text as one pretty-printed document (.json, .traj); arrays give their
 * first element.
 */
const sampleRecord = (text: string): { sample: JsonRecord; document?: unknown } | 'not-json' | 'no-record' => {
  const line = firstNonBlankLine(text);
  if (line === null) return 'no-record';
  const lineParsed = tryParse(line);
  const wholeParsed = lineParsed === null && /^\s*[[{]/.test(line) ? tryParse(text) : null;
  const parsed = lineParsed ?? wholeParsed;
  if (parsed === null) return 'not-json';
  const sample = Array.isArray(parsed.value) ? (parsed.value as unknown[])[0] : parsed.value;
  if (!isRecord(sample)) return 'no-record';
  const whole = wholeParsed !== null || line.length === text.trim().length;
  return whole ? { sample, document: parsed.value } : { sample };
};

/** Recognises a task file by its structure; the file name plays no part. Expects text without a BOM or with one. */
export const detectFormat = (text: string): Detection => {
  const sampled = sampleRecord(stripBom(text));
  if (sampled === 'not-json') return { kind: 'not-json' };
  if (sampled === 'no-record') return { kind: 'unknown-json' };
  const detector = formatDetectors.find((d) => d.matches(sampled.sample));
  if (detector === undefined) return { kind: 'unknown-json' };
  return 'document' in sampled ? { kind: 'known', detector, document: sampled.document } : { kind: 'known', detector };
};
