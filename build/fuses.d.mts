import type { FuseV1Options } from '@electron/fuses';

export type ExpectedFuses = Readonly<Partial<Record<FuseV1Options, boolean>>>;
/** getCurrentFuseWire's result: `version` and fuse index -> state byte. */
export type ReadFuseWire = { version: string } & Partial<Record<number, number>>;

export const EXPECTED_FUSES: ExpectedFuses;
export function fuseProblems(expected: ExpectedFuses, wire: ReadFuseWire): string[];
export function verifyPackagedFuses(binary: string, expected?: ExpectedFuses): Promise<void>;
