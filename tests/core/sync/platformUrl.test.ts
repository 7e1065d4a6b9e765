import { describe, expect, it } from 'vitest';
import { normalizePlatformUrl } from '../../../electron/core/sync/platformUrl';

describe('normalizePlatformUrl', () => {
  it.each(['http://127.0.0.1:8787', 'http://localhost:8787', 'http://10.1.2.3', 'http://192.168.0.7:8080/api', 'http://lab-server.local', 'http://[::1]:8787', 'http://[fd12::1]'])(
    'accepts plain http on this computer or a private network: %s',
    (url) => expect(() => normalizePlatformUrl(url)).not.toThrow(),
  );

  it.each(['http://10.attacker.com', 'http://192.168.evil.example', 'http://127.0.0.1.nip.io', 'http://platform.example.org', 'http://8.8.8.8', 'http://[fdxx.example.com]'])(
    'refuses plain http to anything else, since the token would travel in clear text: %s',
    (url) => expect(() => normalizePlatformUrl(url)).toThrow(/https/),
  );

  it('keeps https anywhere, without a trailing slash', () => {
    expect(normalizePlatformUrl(' https://platform.example.org/v/ ')).toBe('https://platform.example.org/v');
  });
});
