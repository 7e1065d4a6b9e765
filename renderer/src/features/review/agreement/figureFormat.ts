import { MEASURES, type Measure } from '@shared/review/agreementReport';

/** A figure as a reviewer reads it: three decimals, "undefined" where the measure has no value here. */
export const formatFigure = (value: number | null): string => (value === null ? 'undefined' : value.toFixed(3));

export const measureLabel = (measure: Measure): string => MEASURES[measure];

/** What `n` counts for each measure, for the "over" column. */
export const measureUnit = (measure: Measure, n: number): string => {
  const unit = unitOf(measure);
  return n === 1 ? unit.replace(/s$/, '') : unit;
};

const unitOf = (measure: Measure): string =>
  measure === 'kendall_tau_b'
    ? 'expert pairs'
    : measure === 'ratings_alpha_interval' || measure === 'ratings_alpha_ordinal'
      ? 'pairable ratings'
      : measure === 'fleiss_kappa_steps'
        ? 'steps'
        : measure === 'first_wrong_step_alpha'
          ? 'tasks'
          : 'pairs';

export const formatShare = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
