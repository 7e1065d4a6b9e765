import { blindLabel } from '../ranking/blindOrder';

/** A highlight's citable name: its response's blind label and a number (A1, B3, AA2). */
export const CITATION_NAME = /^([A-Z]{1,3})([1-9]\d{0,5})$/;

interface Citable {
  displayOrder: string[];
  spans: { id: string; responseId: string; name?: string | undefined }[];
  citationCounters?: Record<string, number> | undefined;
}

const labelOf = (displayOrder: readonly string[], responseId: string): string => blindLabel(Math.max(0, displayOrder.indexOf(responseId)));

/**
 * Gives every highlight a name that stays its own for the life of the draft. A named highlight keeps its name;
 * one without (a draft from before names were stored) gets the next number of its response's label, so an old
 * draft's highlights keep the names they were shown with (A1, A2... in order). `citationCounters` remembers the
 * highest number ever given per label, so a removed highlight's name is never given again. Idempotent.
 */
export const pinCitationNames = <T extends Citable>(annotation: T): T => {
  const counters: Record<string, number> = { ...annotation.citationCounters };
  const before = annotation.citationCounters ?? {};
  const taken = new Set<string>();
  for (const span of annotation.spans) {
    const match = span.name === undefined ? null : CITATION_NAME.exec(span.name);
    if (!match || taken.has(span.name!)) continue;
    taken.add(span.name!);
    counters[match[1]!] = Math.max(counters[match[1]!] ?? 0, Number(match[2]));
  }
  let changed = false;
  const seen = new Set<string>();
  const spans = annotation.spans.map((span) => {
    if (span.name !== undefined && CITATION_NAME.test(span.name) && !seen.has(span.name)) {
      seen.add(span.name);
      return span;
    }
    const label = labelOf(annotation.displayOrder, span.responseId);
    const n = (counters[label] ?? 0) + 1;
    counters[label] = n;
    changed = true;
    const name = `${label}${n}`;
    seen.add(name);
    return { ...span, name };
  });
  const countersChanged = Object.keys(counters).some((k) => counters[k] !== before[k]);
  return changed || countersChanged ? { ...annotation, spans, citationCounters: counters } : annotation;
};

/** The next name a new highlight on `responseId` gets (never one given before in this draft). */
export const nextCitationName = (annotation: Citable, responseId: string): { name: string; citationCounters: Record<string, number> } => {
  const pinned = pinCitationNames(annotation);
  const label = labelOf(pinned.displayOrder, responseId);
  const n = (pinned.citationCounters?.[label] ?? 0) + 1;
  return { name: `${label}${n}`, citationCounters: { ...pinned.citationCounters, [label]: n } };
};
