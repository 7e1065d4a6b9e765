export const NOTARIZE_GROUPS: readonly (readonly string[])[];
export function releasePlan(
  env: Record<string, string | undefined>,
  os: 'mac' | 'win' | 'linux',
): { lines: string[]; problems: string[]; builderArgs: string[]; env: Record<string, string> };
