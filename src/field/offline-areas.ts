// Offline areas: the server says what an area needs and how big each file is (GET /api/field/offline-plan: stand
// tiles at the zooms needed, the registry's layers, the rasters in the box); the page checks the phone's storage,
// then stores every file in a Cache Storage cache of the area's own (the service worker answers the map from it,
// src/field/field-sw.ts) and the area in IndexedDB. Updating downloads the plan again into a fresh cache; removing
// deletes the cache. A full phone is said in words (QuotaExceededError), never a silent half area.
import type { BBox } from '../core/field/tiles.ts';
import type { OfflineArea } from './field-types.ts';
import { deleteArea, putArea } from './store.ts';

export const AREA_CACHE_PREFIX = 'xg-field-area-';
const PARALLEL = 4;

export interface PlannedFile {
  url: string;
  bytes: number;
  kind: 'tiles' | 'layer' | 'raster';
}
export interface OfflinePlan {
  bbox: BBox;
  files: PlannedFile[];
  bytes: number;
  tiles: number;
}

/** The phone is too full for an area: what it needs and what is free (bytes). */
export class StorageFullError extends Error {
  /** `stored`: bytes written before the browser refused more (QuotaExceededError); null when refused beforehand. */
  constructor(readonly needed: number, readonly free: number | null, readonly stored: number | null = null) {
    super('storage full');
  }
}

export async function planArea(bbox: BBox, extra: string[] = []): Promise<OfflinePlan> {
  const r = await fetch(`../api/field/offline-plan?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}`, { credentials: 'same-origin' });
  const body = await r.json();
  if (!r.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${r.status}`);
  const plan = body as OfflinePlan;
  // API reads the area needs too (the 监测图斑 of the box, the walker's tasks); small, sized when fetched.
  for (const url of extra) plan.files.push({ url, bytes: 0, kind: 'layer' });
  return plan;
}

const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

/** Free bytes the browser says this origin may still use, or null when it does not say. */
export async function freeBytes(): Promise<number | null> {
  const est = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!est || est.quota === undefined) return null;
  return Math.max(0, est.quota - (est.usage ?? 0));
}

export async function downloadArea(area: Omit<OfflineArea, 'complete' | 'saved' | 'bytes' | 'files'>, plan: OfflinePlan, onProgress: (done: number, total: number) => void): Promise<OfflineArea> {
  const free = await freeBytes();
  if (free !== null && plan.bytes > free) throw new StorageFullError(plan.bytes, free);
  const record: OfflineArea = { ...area, bytes: plan.bytes, files: plan.files.length, saved: Date.now(), complete: false };
  await putArea(record);
  const cacheName = `${AREA_CACHE_PREFIX}${area.id}`;
  await caches.delete(cacheName);
  const cache = await caches.open(cacheName);
  let done = 0;
  let next = 0;
  const base = new URL('..', location.href);
  const one = async () => {
    while (next < plan.files.length) {
      const f = plan.files[next++];
      const url = new URL(f.url, base).href;
      const answer = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!answer.ok) throw new Error(`${f.url}: HTTP ${answer.status}`);
      await cache.put(url, answer);
      done += f.bytes;
      onProgress(done, plan.bytes);
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, one));
  } catch (e) {
    await caches.delete(cacheName);
    await deleteArea(area.id);
    if (isQuota(e)) throw new StorageFullError(plan.bytes, await freeBytes(), done);
    throw e;
  }
  const complete = { ...record, complete: true, saved: Date.now() };
  await putArea(complete);
  return complete;
}

export async function removeArea(id: string): Promise<void> {
  await caches.delete(`${AREA_CACHE_PREFIX}${id}`);
  await deleteArea(id);
}

/** The box around some positions, grown by `marginDeg` on every side. */
export function boxAround(points: [number, number][], marginDeg = 0.005): BBox | null {
  if (!points.length) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w - marginDeg, s - marginDeg, e + marginDeg, n + marginDeg];
}
