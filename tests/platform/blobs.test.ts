import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { blobPutResponseSchema, errorBodySchema } from '../../shared/sync/protocol';
import { client, request, startPlatform, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describeEngines('blobs: PUT/GET /v1/blobs/:sha256', (engine) => {
  let p: TestPlatform;
  let api: ReturnType<typeof client>;
  beforeEach(async () => {
    p = await startPlatform({ engine, maxBlobBytes: 64 * 1024 });
    api = client(p.server.url, (await p.server.store.addUser('alice', 'expert')).token);
  });
  afterEach(() => p.close());

  it('stores bytes under their hash and gives them back; a second PUT is a no-op', async () => {
    const data = new Uint8Array(40_000).map((_, i) => (i * 7) % 256);
    const name = sha(data);
    const put = await api.put(`/v1/blobs/${name}`, data);
    expect(put.status).toBe(201);
    expect(blobPutResponseSchema.parse(put.body)).toEqual({ sha256: name, size: data.length, created: true });
    const again = await api.put(`/v1/blobs/${name}`, data);
    expect(again.status).toBe(200);
    expect(blobPutResponseSchema.parse(again.body).created).toBe(false);
    const res = await fetch(`${p.server.url}/v1/blobs/${name}`, { headers: { authorization: `Bearer ${await p.server.store.issueToken('alice')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(data);
  });

  it('refuses bytes that do not match the name with 422, and stores nothing', async () => {
    const data = new TextEncoder().encode('hello');
    const wrong = sha(new TextEncoder().encode('hellO'));
    const res = await api.put(`/v1/blobs/${wrong}`, data);
    expect(res.status).toBe(422);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'invalid', detail: 'sha256' });
    expect((await api.get(`/v1/blobs/${wrong}`)).status).toBe(404);
  });

  it('refuses a name that is not a SHA-256 (400), a missing blob (404), an oversized one (413), and anonymous access (401)', async () => {
    expect((await api.put('/v1/blobs/abc', new Uint8Array([1]))).status).toBe(400);
    expect((await api.get(`/v1/blobs/${'0'.repeat(64)}`)).status).toBe(404);
    const big = new Uint8Array(65 * 1024);
    expect((await api.put(`/v1/blobs/${sha(big)}`, big)).status).toBe(413);
    expect((await request(`${p.server.url}/v1/blobs/${'0'.repeat(64)}`)).status).toBe(401);
  });

  it('answers a malformed percent-escape in the path with 400 invalid, not 500', async () => {
    for (const name of ['%zz', '%', 'ab%E0%A4', '%C0%AF']) {
      const got = await api.get(`/v1/blobs/${name}`);
      expect(got.status, name).toBe(400);
      expect(errorBodySchema.parse(got.body).error, name).toMatchObject({ code: 'invalid', detail: 'sha256' });
    }
    const put = await api.put('/v1/blobs/%zz', new Uint8Array([1, 2, 3]));
    expect(put.status).toBe(400);
    // The server is fine afterwards.
    expect((await api.get(`/v1/blobs/${'0'.repeat(64)}`)).status).toBe(404);
  });
});
