import { useEffect, useState } from 'react';

/** Steps rendered with the first frame; the rest follow in batches at idle moments, so a long solution opens at once. */
const FIRST_STEPS = 12;
const STEP_BATCH = 24;

const nextIdle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 60 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
};

/** How many model steps to render now; `mustShow` (e.g. the rewrite anchor, the step to resume at) is always in. */
export function useProgressiveSteps(total: number, mustShow: number): number {
  const [shown, setShown] = useState(FIRST_STEPS);
  const limit = Math.max(shown, mustShow + FIRST_STEPS / 2);
  useEffect(() => {
    if (limit >= total) return;
    return nextIdle(() => setShown(limit + STEP_BATCH));
  }, [limit, total]);
  return limit;
}
