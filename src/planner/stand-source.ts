// Which stands a site is analysed against: a site picked or merged from a reference layer carries the layer in its
// origin ("ref:<layer id>:<layer name>", kept in IndexedDB and on the server like every origin) and is analysed against
// that layer's own stands; every other site against the release's. Pure.
import type { Site } from './site.ts';

const REF = /^ref:([^:]+):/;

/** The origin of a site made from reference layer `id` (named `name`). */
export function referenceOrigin(id: string, name: string): string {
  return `ref:${id}:${name}`;
}

/** The reference layer a site's stands come from, or null (the release's stands). */
export function standSourceOf(site: Pick<Site, 'origin'>): string | null {
  return REF.exec(site.origin)?.[1] ?? null;
}
