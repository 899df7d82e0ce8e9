// Serves the already built pages and the API without building (what `npm start` does after its build step). Used by
// `npm run bench:server`, which starts and kills the server many times.
import { serveFromEnv } from '../src/server/main.ts';

await serveFromEnv();
