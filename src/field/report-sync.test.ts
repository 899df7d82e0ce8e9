// The report queue's runs (report-sync.ts): a page that started offline sends when the network is back, and a report
// saved during a run is sent by the run that follows. The phone's IndexedDB and the server are stand-ins here (the field
// browser suite runs the real ones); what is checked is when the queue asks the server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldReport } from './field-types.ts';

const stored = new Map<string, FieldReport>();
vi.mock('./store.ts', () => ({
  allReports: async () => [...stored.values()].sort((a, b) => b.made.localeCompare(a.made)),
  getReport: async (id: string) => stored.get(id),
  putReport: async (r: FieldReport) => void stored.set(r.id, r),
}));
vi.mock('./field-api.ts', async (original) => ({
  ...(await original<typeof import('./field-api.ts')>()),
  session: async () => ({ user: 'fay', role: 'planner', csrf: 'token' }),
}));
const { sendQueued } = await import('./report-sync.ts');

const report = (id: string, made: string): FieldReport => ({
  id, key: `key-${id}`, template: 'patch-check', target: { kind: 'patch', id: 'P1' }, task_id: null, values: { verdict: '属实', cause: '采伐' },
  boundary: null, position: null, photos: [], made, state: 'queued', version: null, base: null, sends: 0, message: null, conflict: null,
});

let net = { onLine: false };
const posts: { key: string | null; body: string }[] = [];

beforeEach(() => {
  stored.clear();
  posts.length = 0;
  net = { onLine: false };
  vi.stubGlobal('navigator', net);
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    posts.push({ key: headers['idempotency-key'] ?? null, body: String((init.body as FormData).get('report')) });
    await new Promise((r) => setTimeout(r, 5));
    return new Response(JSON.stringify({ version: 1 }), { status: 201, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('sendQueued', () => {
  it('sends nothing offline, then sends once the network is back (the page started offline)', async () => {
    stored.set('a', report('a', '2026-06-01T10:00:00Z'));
    expect(await sendQueued(() => undefined)).toBe(0);
    expect(await sendQueued(() => undefined)).toBe(0);
    expect(posts).toHaveLength(0);
    net.onLine = true;
    expect(await sendQueued(() => undefined)).toBe(1);
    expect(posts.map((p) => p.key)).toEqual(['key-a']);
    expect(stored.get('a')!.state).toBe('sent');
    // Nothing left: a further run asks nothing.
    expect(await sendQueued(() => undefined)).toBe(0);
    expect(posts).toHaveLength(1);
  });

  it('a report saved during a run is sent by one more run after it, each report once', async () => {
    net.onLine = true;
    stored.set('a', report('a', '2026-06-01T10:00:00Z'));
    const first = sendQueued(() => undefined);
    // Saved while the first run is sending (it read the queue before this one was there).
    await new Promise((r) => setTimeout(r, 1));
    stored.set('b', report('b', '2026-06-01T10:05:00Z'));
    expect(sendQueued(() => undefined)).toBe(first);
    expect(await first).toBe(1);
    await vi.waitFor(() => expect(stored.get('b')!.state).toBe('sent'));
    expect(posts.map((p) => p.key).sort()).toEqual(['key-a', 'key-b']);
  });
});
