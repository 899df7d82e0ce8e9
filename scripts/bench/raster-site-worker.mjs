// Worker-thread entry for scripts/bench/raster-site-worker.ts: registers tsx's TypeScript loader in this thread (a
// worker does not inherit the main thread's), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./raster-site-worker.ts');
