// Where MapLibre's worker script comes from. MapView loads it from the build's file (and starts it early) unless a page
// chose another source first: the field page hands over a blob: URL of the same script, read through its service
// worker (src/field/main.tsx), because offline, Chromium left the worker's own script request hanging instead of
// passing it to the service worker (seen with DevTools offline emulation, test/browser/field.spec.ts).
import * as maplibregl from 'maplibre-gl';

let chosen = false;

export function chooseMapWorker(url: string): void {
  chosen = true;
  maplibregl.setWorkerUrl(url);
}

export function mapWorkerChosen(): boolean {
  return chosen;
}
