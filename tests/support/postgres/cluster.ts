/** The throwaway cluster lives beside the bench that also uses it. */
export * from '../../../scripts/postgres/cluster';
