import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseMapWorker } from '../map/map-worker.ts';
import './field.css';
import { registerFieldWorker } from './register-sw.ts';

registerFieldWorker();

// MapLibre's worker from a blob: URL of its script, read with fetch (which the service worker answers offline), before
// the map module loads (src/map/map-worker.ts says why).
async function start() {
  try {
    const script = await (await fetch(workerUrl)).blob();
    chooseMapWorker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
  } catch {
    // The build's file as usual.
  }
  const { FieldApp } = await import('./FieldApp.tsx');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <FieldApp />
    </StrictMode>,
  );
}
void start();
