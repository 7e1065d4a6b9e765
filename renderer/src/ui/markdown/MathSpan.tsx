import { memo, useLayoutEffect, useRef } from 'react';
import { enqueueMath } from './mathScheduler';

/** One formula; React owns the element, the math scheduler owns its contents. */
export const MathSpan = memo(function MathSpan({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => (ref.current ? enqueueMath(ref.current, tex, display) : undefined), [tex, display]);
  return display ? (
    <div ref={ref as React.RefObject<HTMLDivElement>} className="math math-display" />
  ) : (
    <span ref={ref as React.RefObject<HTMLSpanElement>} className="math math-inline" />
  );
});
