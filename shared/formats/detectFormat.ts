import { formatDetectors, isRecord, type FormatDetector, type JsonRecord } from './detectors';
import { firstNonBlankLine, stripBom } from './text';

export type Detection =
  | { kind: 'known'; detector: FormatDetector }
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
const sampleRecord = (text: string): JsonRecord | 'not-json' | 'no-record' => {
  const line = firstNonBlankLine(text);
  if (line === null) return 'no-record';
  const parsed = tryParse(line) ?? (/^\s*[[{]/.test(line) ? tryParse(text) : null);
  if (parsed === null) return 'not-json';
  const sample = Array.isArray(parsed.value) ? (parsed.value as unknown[])[0] : parsed.value;
  return isRecord(sample) ? sample : 'no-record';
};

/** Recognises a task file by its structure; the file name plays no part. Expects text without a BOM or with one. */
export const detectFormat = (text: string): Detection => {
  const sample = sampleRecord(stripBom(text));
  if (sample === 'not-json') return { kind: 'not-json' };
  if (sample === 'no-record') return { kind: 'unknown-json' };
  const detector = formatDetectors.find((d) => d.matches(sample));
  return detector === undefined ? { kind: 'unknown-json' } : { kind: 'known', detector };
};
