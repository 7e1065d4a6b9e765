/**
 * Krippendorff's alpha over reliability data: one row per rater (coder), one column per unit, a number or
 * null (missing). Computed from the coincidence matrix as in Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011): alpha = 1 - Do / De. Units with fewer than two values are not pairable and
 * drop out.
 */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaResult {
  /** null when undefined: no pairable values, or no variation at all (every value the same). */
  alpha: number | null;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** The number of pairable values (n.. in Krippendorff's notation). */
  pairableValues: number;
  pairableUnits: number;
}

export type ReliabilityData = ReadonlyArray<ReadonlyArray<number | null | undefined>>;

const checkData = (data: ReliabilityData): number => {
  const units = data[0]?.length ?? 0;
  data.forEach((row, r) => {
    if (row.length !== units) throw new RangeError(`Rater ${r + 1} has ${row.length} values; rater 1 has ${units}`);
    row.forEach((v, u) => {
      if (v !== null && v !== undefined && !Number.isFinite(v)) throw new RangeError(`Rater ${r + 1}, unit ${u + 1}: ${String(v)} is not a number`);
    });
  });
  return units;
};

export const krippendorffAlpha = (data: ReliabilityData, level: AlphaLevel): AlphaResult => {
  const units = checkData(data);
  const values = [...new Set(data.flatMap((row) => row.filter((v): v is number => v !== null && v !== undefined)))].sort((x, y) => x - y);
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const o: number[][] = values.map(() => new Array<number>(V).fill(0));
  let pairableUnits = 0;
  for (let u = 0; u < units; u++) {
    const inUnit = data.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined);
    const m = inUnit.length;
    if (m < 2) continue;
    pairableUnits++;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i !== j) o[index.get(inUnit[i]!)!]![index.get(inUnit[j]!)!]! += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const delta2 = (c: number, k: number): number => {
    const vc = values[c]!;
    const vk = values[k]!;
    switch (level) {
      case 'nominal':
        return c === k ? 0 : 1;
      case 'interval':
        return (vc - vk) ** 2;
      case 'ratio':
        return vc + vk === 0 ? 0 : ((vc - vk) / (vc + vk)) ** 2;
      case 'ordinal': {
        const [lo, hi] = c <= k ? [c, k] : [k, c];
        let sum = 0;
        for (let g = lo; g <= hi; g++) sum += nc[g]!;
        return (sum - (nc[lo]! + nc[hi]!) / 2) ** 2;
      }
    }
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += o[c]![k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  const observedDisagreement = n === 0 ? 0 : observed / n;
  const expectedDisagreement = n <= 1 ? 0 : expected / (n * (n - 1));
  return {
    alpha: expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    pairableUnits,
  };
};
