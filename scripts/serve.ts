// `npm run serve`: the same as `npm start` (scripts/lib/start-app.ts). It once served prebuilt pages without building;
// now every start reuses the pages built for the current sources (scripts/lib/pages.ts), so the two are one.
import './start.ts';
