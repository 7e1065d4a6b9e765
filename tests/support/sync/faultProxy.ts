/** The fault proxy is shared with the bench (scripts/bench/platformPg.ts). */
export * from '../../../scripts/support/faultProxy';
