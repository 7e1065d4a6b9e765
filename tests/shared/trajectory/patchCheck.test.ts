import { describe, expect, it } from 'vitest';
import { checkPatch, hostilePathReason, patchIsClean } from '@shared/trajectory';

const base = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\n';
const files = [{ path: 'src/a.txt', content: base }];

const patch = (second: string) => `diff --git a/src/a.txt b/src/a.txt
--- a/src/a.txt
+++ b/src/a.txt
@@ -1,3 +1,3 @@
 line 1
-line 2
+line two
 line 3
@@ -9,3 +9,3 @@
 line 9
-${second}
+line ten
 line 11
`;

describe('patch check', () => {
  it('a patch that applies gives the patched file', () => {
    const check = checkPatch(patch('line 10'), files);
    expect(patchIsClean(check)).toBe(true);
    expect(check.files[0]).toMatchObject({ path: 'src/a.txt', status: 'applies', hunks: 2 });
    expect(check.files[0]?.patched).toBe(base.replace('line 2\n', 'line two\n').replace('line 10\n', 'line ten\n'));
  });

  it('names the hunk that fails and its line in the patch', () => {
    const check = checkPatch(patch('line 10 (not in the file)'), files);
    expect(patchIsClean(check)).toBe(false);
    expect(check.files[0]).toMatchObject({ status: 'fails', failingHunk: { index: 2, header: '@@ -9,3 +9,3 @@', patchLine: 9 } });
  });

  it('reports a patch that does not parse', () => {
    const check = checkPatch('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\nnonsense line\n@@ -9 +9 @@\n', files);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.parseError).toMatch(/Unknown line/);
  });

  it('flags hostile header paths and never looks them up', () => {
    const hostile = (path: string) => `--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-x\n+y\n`;
    for (const [path, reason] of [
      ['../../etc/passwd', /\.\./],
      ['src/../../../etc/shadow', /\.\./],
    ] as const) {
      const check = checkPatch(hostile(path), [{ path: 'etc/passwd', content: 'x\n' }]);
      expect(check.files[0]).toMatchObject({ status: 'hostile', patched: null });
      expect(check.files[0]?.hostile).toMatch(reason);
    }
    const abs = checkPatch('--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-x\n+y\n', []);
    expect(abs.files[0]).toMatchObject({ path: '/etc/passwd', status: 'hostile', hostile: 'is an absolute path' });
    expect(patchIsClean(abs)).toBe(false);
    expect(hostilePathReason('C:/Windows/x')).toMatch(/Windows/);
    expect(hostilePathReason('src/ok.py')).toBeNull();
  });

  it('files the task does not carry cannot be checked but are not errors; new files apply to empty', () => {
    const check = checkPatch('--- a/other.py\n+++ b/other.py\n@@ -1 +1 @@\n-x\n+y\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1 @@\n+hello\n', files);
    expect(check.files.map((f) => [f.path, f.status])).toEqual([
      ['other.py', 'no-base'],
      ['new.py', 'applies'],
    ]);
    expect(check.files[1]?.patched).toBe('hello\n');
  });
});
