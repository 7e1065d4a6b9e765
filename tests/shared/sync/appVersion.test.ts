import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAppVersions, decideClientVersion, parseAppVersion, type AppVersion } from '../../../shared/sync/appVersion';
import { actionForResponse } from '../../../shared/sync/policy';
import { HTTP_STATUS_OF, mutationSchema } from '../../../shared/sync/protocol';

const v = (text: string): AppVersion => {
  const parsed = parseAppVersion(text);
  if (parsed === null) throw new Error(`not a version: ${text}`);
  return parsed;
};
const cmp = (a: string, b: string) => compareAppVersions(v(a), v(b));

describe('parseAppVersion', () => {
  it('reads releases, pre-releases, build metadata and a leading v', () => {
    expect(v('0.2.0')).toEqual({ major: 0, minor: 2, patch: 0, prerelease: [] });
    expect(v('1.10.3-beta.2')).toEqual({ major: 1, minor: 10, patch: 3, prerelease: ['beta', '2'] });
    expect(v('v2.0.0+build.7')).toEqual({ major: 2, minor: 0, patch: 0, prerelease: [] });
  });

  it.each(['', '1', '1.2', '1.2.3.4', '01.2.3', '1.2.3-', '1.2.3-a..b', 'latest', '1.2.x', ' 1. 2.3', `1.2.3-${'a'.repeat(200)}`, '99999999999999999999.0.0'])(
    'refuses %j',
    (text) => expect(parseAppVersion(text)).toBeNull(),
  );
});

describe('compareAppVersions (SemVer 2 precedence)', () => {
  it('orders the SemVer spec example chain', () => {
    const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
    for (let i = 0; i + 1 < chain.length; i += 1) {
      expect(cmp(chain[i] ?? '', chain[i + 1] ?? ''), `${chain[i]} < ${chain[i + 1]}`).toBe(-1);
      expect(cmp(chain[i + 1] ?? '', chain[i] ?? '')).toBe(1);
    }
  });

  it('compares numbers as numbers, not text', () => {
    expect(cmp('0.10.0', '0.9.9')).toBe(1);
    expect(cmp('10.0.0', '9.0.0')).toBe(1);
    expect(cmp('1.0.0-rc.10', '1.0.0-rc.9')).toBe(1);
  });

  it('ignores build metadata and a leading v', () => {
    expect(cmp('1.2.3+a', '1.2.3+b')).toBe(0);
    expect(cmp('v1.2.3', '1.2.3')).toBe(0);
  });

  const version = fc
    .record({
      major: fc.nat(5),
      minor: fc.nat(5),
      patch: fc.nat(5),
      prerelease: fc.array(fc.oneof(fc.constantFrom('alpha', 'beta', 'rc', 'x-y'), fc.nat(12).map(String)), { maxLength: 3 }),
    })
    .map((r): AppVersion => r);

  it('is a total order (antisymmetric, transitive, reflexive)', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareAppVersions(a, a)).toBe(0);
        expect(compareAppVersions(a, b)).toBe(-compareAppVersions(b, a));
        if (compareAppVersions(a, b) <= 0 && compareAppVersions(b, c) <= 0) expect(compareAppVersions(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe('decideClientVersion', () => {
  it('allows everyone when no minimum is set, even an app without a version', () => {
    expect(decideClientVersion(null, undefined)).toEqual({ allowed: true });
    expect(decideClientVersion(null, 'garbage')).toEqual({ allowed: true });
  });

  it('allows the minimum itself and anything newer', () => {
    expect(decideClientVersion('0.2.0', '0.2.0')).toEqual({ allowed: true });
    expect(decideClientVersion('0.2.0', '0.2.1')).toEqual({ allowed: true });
    expect(decideClientVersion('0.2.0', '1.0.0-beta.1')).toEqual({ allowed: true });
    expect(decideClientVersion('0.2.0-beta.3', '0.2.0-beta.10')).toEqual({ allowed: true });
  });

  it('refuses older versions, a pre-release of the minimum included, naming both', () => {
    const old = decideClientVersion('0.2.0', '0.1.9');
    expect(old).toMatchObject({ allowed: false, reason: 'too_old' });
    if (!old.allowed) expect(old.message).toBe('Assay 0.1.9 is older than 0.2.0; this platform needs Assay 0.2.0 or newer to sync.');
    expect(decideClientVersion('0.2.0', '0.2.0-rc.1')).toMatchObject({ allowed: false, reason: 'too_old' });
  });

  it('refuses a missing or unreadable version once a minimum is set (apps older than the header send none)', () => {
    expect(decideClientVersion('0.2.0', undefined)).toMatchObject({ allowed: false, reason: 'missing' });
    expect(decideClientVersion('0.2.0', '  ')).toMatchObject({ allowed: false, reason: 'missing' });
    expect(decideClientVersion('0.2.0', 'nightly')).toMatchObject({ allowed: false, reason: 'unreadable' });
  });

  it('throws on a minimum that is not a version (the store never keeps one)', () => {
    expect(() => decideClientVersion('soon', '1.0.0')).toThrow(/not a version/);
  });
});

describe('the protocol side of the minimum version', () => {
  it('upgrade_required travels as HTTP 426 and the client reads it as "update the app"', () => {
    expect(HTTP_STATUS_OF.upgrade_required).toBe(426);
    const body = { error: { code: 'upgrade_required', message: 'old', detail: 'appVersion' } };
    expect(actionForResponse(426, body, null, 0)).toEqual({ kind: 'update_app', error: body.error });
    // Not a retry storm, not a rejection of the work.
    expect(actionForResponse(426, undefined, null, 0).kind).toBe('update_app');
  });

  it('a mutation may carry the app and schema versions, and they are checked', () => {
    const base = { id: 1, idempotencyKey: 'k', type: 'save_draft', taskId: 't1', revision: 1, annotation: { kind: 'reasoning', stepRatings: {}, stepNotes: {}, finalAnswer: '', finalVerdict: null, notes: '' }, activeSeconds: 1, clientTime: '2026-11-30T12:00:00.000Z' };
    const ok = mutationSchema.safeParse({ ...base, appVersion: '0.2.0', schemaVersion: 4 });
    expect(ok.success, ok.error?.message).toBe(true);
    expect(mutationSchema.safeParse({ ...base, appVersion: 'latest' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...base, schemaVersion: 0 }).success).toBe(false);
  });
});
