import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP_META } from '@shared/security/csp';

describe('the renderer content security policy', () => {
  it('is the one renderer/index.html carries, so file:// loads in Electron are guarded by the same policy', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP_META);
  });

  it('allows no remote origin, no inline script and no eval', () => {
    expect(RENDERER_CSP_META).toMatch(/default-src 'none'/);
    expect(RENDERER_CSP_META).toMatch(/script-src 'self'(;|$)/);
    expect(RENDERER_CSP_META).not.toMatch(/https?:|unsafe-eval|\*/);
  });
});
