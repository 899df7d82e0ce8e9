// `npm start [-- --data <dir>]`: serve the bureau page, the public page, the sign-in page and the API for one data folder
// (--data, else XINGGUO_DATA_DIR, else the sample data in data/). The steps are scripts/lib/start-app.ts: port and
// database checked first, the data folder made ready, the pages built only when their sources changed, then the server.
// Prints the URL, and a one-time set-up link while there is no account. A problem the user can fix (a busy PORT, a
// database that cannot be reached, a data folder that is not a release) is one line on stderr and exit code 1.
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { startApp, StartError } from './lib/start-app.ts';
import { stopOnSignals } from '../src/server/main.ts';

const { values } = cli({
  name: 'npm start',
  usage: 'npm start [-- --data <dir>]',
  about: 'Serve the bureau, public and sign-in pages and the API for a data folder (pages are built when their sources changed).',
  options: { data: SHARED_OPTIONS.data },
});

try {
  stopOnSignals(await startApp({ data: values.data }));
} catch (e) {
  if (!(e instanceof StartError)) throw e;
  console.error(`npm start: ${e.message}`);
  process.exit(1);
}
