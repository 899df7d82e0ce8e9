/// <reference lib="webworker" />
// The field page's service worker (built by vite-plugin-pwa, scripts/vite/field-pwa.ts; scope /field/). It keeps the
// page itself (precache: the field page and the build's scripts, styles and fonts), answers the map's data files from
// the offline areas the walker downloaded (one Cache Storage cache per area, src/field/offline-areas.ts), including
// the byte ranges the raster layers ask for, and keeps the last answer of the few API reads the page needs without a
// network (the walker's tasks, the 监测图斑, the sites: KEPT_READS). Every other API call goes to the network
// untouched: the session (the page keeps its own copy in IndexedDB), the reports (their state must be the server's),
// photos and exports. Reports are never sent from here: the page's queue sends them (src/field/report-sync.ts).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { createPartialResponse } from 'workbox-range-requests';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: 'index.html' });

const API_CACHE = 'xg-field-api';
/** The API reads kept for offline use (GET, answered from the network first, from the last good answer without one). */
const KEPT_READS = [/^\/api\/tasks$/, /^\/api\/patches$/, /^\/api\/sites$/];
const AREA_CACHE_PREFIX = 'xg-field-area-';

/** A stored copy of this URL in any offline area's cache (data files by path; API reads by their whole query). */
async function fromAreas(url: string, ignoreSearch = true): Promise<Response | undefined> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(AREA_CACHE_PREFIX)) continue;
    const hit = await (await caches.open(name)).match(url, { ignoreSearch });
    if (hit) return hit;
  }
  return undefined;
}

async function dataFile(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = `${url.origin}${url.pathname}`;
  // Tiles and rasters do not change within a release: the stored copy first. Other files (the project layers, which
  // editors change) from the network first, the stored copy when there is none.
  const immutable = /\.(pbf|tif|tiff|bin)$/.test(url.pathname);
  if (immutable) {
    const stored = await fromAreas(key);
    if (stored) return request.headers.has('range') ? createPartialResponse(request, stored) : stored;
  }
  try {
    return await fetch(request);
  } catch (e) {
    const stored = await fromAreas(key);
    if (stored) return request.headers.has('range') ? createPartialResponse(request, stored) : stored;
    throw e;
  }
}

async function apiRead(request: Request): Promise<Response> {
  const cache = await caches.open(API_CACHE);
  try {
    const answer = await fetch(request);
    if (answer.ok) await cache.put(request, answer.clone()).catch(() => undefined);
    return answer;
  } catch (e) {
    const stored = (await cache.match(request)) ?? (await fromAreas(request.url, false));
    if (stored) return stored;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/data/')) event.respondWith(dataFile(request));
  else if (KEPT_READS.some((re) => re.test(url.pathname))) event.respondWith(apiRead(request));
});
