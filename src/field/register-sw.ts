// Registers the field page's service worker (src/field/field-sw.ts, built to /field-sw.js) for the /field/ scope only.
export function registerFieldWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/field-sw.js', { scope: '/field/', type: 'classic' }).catch((e: Error) => console.warn(`service worker not registered: ${e.message}`));
}
