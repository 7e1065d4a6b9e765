import type { StepRating } from '@shared/domain';

export const RATINGS: readonly { value: StepRating; symbol: string; label: string; keys: string; className: string }[] = [
  { value: 1, symbol: '+1', label: 'correct (+1)', keys: '+ or 1', className: 'plus' },
  { value: 0, symbol: '0', label: 'neutral (0)', keys: '0 or 2', className: 'zero' },
  { value: -1, symbol: '−1', label: 'wrong (−1)', keys: '- or 3', className: 'minus' },
];
