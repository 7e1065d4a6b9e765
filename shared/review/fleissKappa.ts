/**
 * Fleiss' kappa (Fleiss 1971) for a fixed number of raters per subject assigning nominal categories.
 * `counts[i][j]` is how many raters put subject i in category j; every row must sum to the same n >= 2.
 */
export interface KappaResult {
  /** null when undefined: every rating in one category (chance agreement 1). */
  kappa: number | null;
  observedAgreement: number;
  chanceAgreement: number;
  subjects: number;
  ratersPerSubject: number;
}

export const fleissKappa = (counts: ReadonlyArray<ReadonlyArray<number>>): KappaResult => {
  if (counts.length === 0) throw new RangeError('Fleiss kappa needs at least one subject');
  const categories = counts[0]!.length;
  const raters = counts[0]!.reduce((s, x) => s + x, 0);
  counts.forEach((row, i) => {
    if (row.length !== categories) throw new RangeError(`Subject ${i + 1} has ${row.length} categories; subject 1 has ${categories}`);
    if (row.some((x) => !Number.isInteger(x) || x < 0)) throw new RangeError(`Subject ${i + 1}: counts must be whole numbers >= 0`);
    const total = row.reduce((s, x) => s + x, 0);
    if (total !== raters) throw new RangeError(`Subject ${i + 1} has ${total} ratings; subject 1 has ${raters} (Fleiss' kappa needs the same number for every subject)`);
  });
  if (raters < 2) throw new RangeError('Fleiss kappa needs at least two raters per subject');
  const N = counts.length;
  const perSubject = counts.map((row) => (row.reduce((s, x) => s + x * x, 0) - raters) / (raters * (raters - 1)));
  const observedAgreement = perSubject.reduce((s, x) => s + x, 0) / N;
  let chanceAgreement = 0;
  for (let j = 0; j < categories; j++) {
    const p = counts.reduce((s, row) => s + row[j]!, 0) / (N * raters);
    chanceAgreement += p * p;
  }
  return {
    kappa: chanceAgreement === 1 ? null : (observedAgreement - chanceAgreement) / (1 - chanceAgreement),
    observedAgreement,
    chanceAgreement,
    subjects: N,
    ratersPerSubject: raters,
  };
};

/**
 * The count table from labels: `labels[i]` holds the labels the raters gave subject i (null = missing).
 * Subjects with a missing label are left out, since Fleiss' kappa needs every subject fully rated.
 */
export const countsFromLabels = (labels: ReadonlyArray<ReadonlyArray<string | null>>): { categories: string[]; counts: number[][]; skipped: number } => {
  const complete = labels.filter((row) => row.every((l) => l !== null)) as ReadonlyArray<ReadonlyArray<string>>;
  const categories = [...new Set(complete.flat())].sort();
  const at = new Map(categories.map((c, i) => [c, i]));
  const counts = complete.map((row) => {
    const out = new Array<number>(categories.length).fill(0);
    for (const l of row) out[at.get(l)!]!++;
    return out;
  });
  return { categories, counts, skipped: labels.length - complete.length };
};
