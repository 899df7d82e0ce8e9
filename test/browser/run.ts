// Runs every browser test against the server started the way `npm start` starts it (test/browser/server.ts: the pages
// are built by the same cached step, scripts/lib/pages.ts, with the test hooks on). Part of `npm test`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { serveSignedIn, type TestSite } from './server.ts';
import { sharedTests } from './shared.spec.ts';
import { adminTests, serveAdmin } from './admin.spec.ts';
import { bureauTests } from './bureau.spec.ts';
import { dashboardTests } from './dashboard.spec.ts';
import { plannerTests } from './planner.spec.ts';
import { plannerXssTests } from './planner-xss.spec.ts';
import { plannerUxTests } from './planner-ux.spec.ts';
import { plannerToolsTests } from './planner-tools.spec.ts';
import { faviconTests } from './favicon.spec.ts';
import { launchBrowser, runTests } from './harness.ts';
import { publicTests } from './public.spec.ts';
import { projectsTests, serveProjects } from './projects.spec.ts';
import { scanPublicBuild } from '../public-scan.ts';
import { storageTests } from './storage.spec.ts';
import { stressTests } from './stress.spec.ts';
import { yearBureauTests, yearPublicTests } from './year.spec.ts';
import { runSecuritySuite } from './security.spec.ts';
import { makeStressData } from '../../scripts/make-stress-data.ts';
import { runReleaseSuite } from './release.spec.ts';
import { buildPublicFrom, registryTests, writeRegistryFixture } from './registry.spec.ts';
import { i18nTests } from './i18n.spec.ts';
import { fieldReviewTests, serveField } from './field-review.spec.ts';
import { rasterTests } from './raster.spec.ts';
import { writeRasterFixture } from './raster-fixture.ts';
import { sitingTests } from './siting.spec.ts';
import { fieldTests } from './field.spec.ts';
import { serveField as serveFieldPage } from '../../scripts/lib/field-site.ts';
import { patchesTests } from './patches.spec.ts';
import { carbonProjectTests } from './carbon-project.spec.ts';

// Every page this runner builds carries the test hooks (window.__map, __draw …; src/test-hooks.ts); production builds do not.
process.env.XG_TEST_HOOKS = '1';

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) process.exit(1);

// `tsx test/browser/run.ts public` (or `bureau`, `year` …) runs one suite; no argument runs them all.
const only = process.argv[2];
// `projects` (issue 16: editing the plan's projects, 发布) needs a server of its own.
const projectsOnly = only === 'projects';
// `i18n`: the translation walk over both pages in both languages.
const i18nOnly = only === 'i18n';
// `storage` (IndexedDB faults) and `planner-xss` (payloads through the planner's surfaces) run on the bureau build alone.
// `admin` (user administration, admin.spec.ts) needs the bureau and sign-in builds and a server of its own.
const plannerOnly = only === 'planner' || only === 'storage' || only === 'planner-xss' || only === 'planner-ux' || only === 'shared' || only === 'admin' || only === 'siting' || only === 'planner-tools' || only === 'carbon-project';
// `patches` (zonal statistics in the app and the 监测图斑 list, issue 25) runs alone on the sample server.
const patchesOnly = only === 'patches';
const runBureau = !patchesOnly && only !== 'public' && only !== 'field-review' && only !== 'field' && only !== 'stress' && only !== 'security' && only !== 'release' && only !== 'registry' && only !== 'raster' && !projectsOnly && !i18nOnly;
// `year` (the year control, year.spec.ts) runs on both builds, alone.
const yearOnly = only === 'year';
const runPublic = !patchesOnly && only !== 'bureau' && only !== 'field-review' && only !== 'field' && !plannerOnly && only !== 'stress' && only !== 'security' && only !== 'release' && only !== 'registry' && only !== 'raster' && !projectsOnly && !i18nOnly;
// The app at 200k stands (data-stress/, generated once, ~3 min; then reused), served as `npm start -- --data data-stress`.
const runStress = only === undefined || only === 'stress';
// CSP and XSS (security.spec.ts): the shared server, and a second one on a payload-laden copy of data/.
const runSecurity = only === undefined || only === 'security';
// A bureau's 二类 export imported with data:import (release.spec.ts), served by `npm start -- --data <release>`.
const runRelease = only === undefined || only === 'release';
// A layer added by one registry entry plus its data (registry.spec.ts): the server on a copy of data/ with an
// extra-layers.json (the bureau page is built with the entry), and the public page built from it as static files.
const runRegistry = only === undefined || only === 'registry';
// Raster layers and the swipe (raster.spec.ts): a copy of data/ with two GeoTIFFs imported by data:raster and an intranet
// tile service declared in extra-layers.json, built into its own output folder and served by the real server.
const runRaster = only === undefined || only === 'raster';

let failed = 0;
const browser = await launchBrowser();
// The server on the sample data (data/), shared by the suites that need nothing else; started at first use.
let sample: TestSite | null = null;
const sampleSite = async () => {
  if (!sample) {
    console.log('browser tests: starting the server on data/ (pages built when their sources changed) …');
    sample = await serveSignedIn();
  }
  sample.signInNewPages(true);
  return sample;
};
try {
  if (runPublic) {
    const site = await sampleSite();
    // The public page is for visitors who are not signed in.
    site.signInNewPages(false);
    const scan = scanPublicBuild(site.server.pages.publicDir);
    for (const f of scan.findings) console.log(`  ✗ public page scan: ${f.file}: ${f.problem}`);
    failed += scan.findings.length;
    const pub = `${site.url}public/`;
    if (!yearOnly) failed += await runTests('public', publicTests(browser, pub));
    if (!yearOnly) failed += await runTests('public', faviconTests(browser, pub, 'public page'));
    if (only === undefined || yearOnly) failed += await runTests('year-public', yearPublicTests(browser, pub));
  }
  if (runBureau) {
    // The bureau page needs a session: every page signed in as a test planner (server.ts).
    const app = await sampleSite();
    if (!plannerOnly && !yearOnly) failed += await runTests('bureau', bureauTests(browser, app.url));
    if (!plannerOnly && !yearOnly) failed += await runTests('dashboard', dashboardTests(browser, app.url));
    if (only === undefined || yearOnly) failed += await runTests('year', yearBureauTests(browser, app.url));
    if (only !== 'bureau' && only !== 'storage' && only !== 'planner-xss' && only !== 'planner-ux' && only !== 'shared' && only !== 'admin' && only !== 'siting' && only !== 'planner-tools' && only !== 'carbon-project' && !yearOnly) failed += await runTests('planner', plannerTests(browser, app.url));
    if (only === undefined || only === 'storage') failed += await runTests('storage', storageTests(browser, app.url));
    if (only === undefined || only === 'planner-xss') failed += await runTests('planner-xss', plannerXssTests(browser, app.url));
    if (only === undefined || only === 'planner-ux') failed += await runTests('planner-ux', [...faviconTests(browser, app.url, 'bureau page'), ...plannerUxTests(browser, app.url)]);
    if (only === undefined) failed += await runTests('patches', patchesTests(browser, app.url));
    // Issue 24: picking and merging stands, the 界址点 table, WKT CSV, DMS input, and the defects a planner met.
    if (only === undefined || only === 'planner-tools') failed += await runTests('planner-tools', plannerToolsTests(browser, app.url));
    if (only === undefined || only === 'siting') {
      // The siting rules (issue 24): a server of its own on data/, which keeps each site's siting record.
      const siting = await serveSignedIn();
      try {
        failed += await runTests('siting', sitingTests(browser, siting.url));
      } finally {
        await siting.close();
      }
    }
    if (only === undefined || only === 'carbon-project') {
      // Carbon-sink projects (issue 27): a server of its own on data/, which keeps the saved project.
      const cp = await serveSignedIn();
      try {
        failed += await runTests('carbon-project', carbonProjectTests(browser, cp.url));
      } finally {
        await cp.close();
      }
    }
    if (only === undefined || only === 'shared') {
      // Two planners and a viewer, each in a browser context of their own, signing in through the sign-in page; a server of their own.
      const shared = await serveSignedIn(undefined, [['ann', 'planner'], ['ben', 'planner'], ['vic', 'viewer']]);
      // Everyone here signs in through the sign-in page: no ready-made session cookie beside theirs (with one, a page
      // could send the test planner's session and draw as someone else).
      shared.signInNewPages(false);
      try {
        failed += await runTests('shared', sharedTests(browser, shared.url));
      } finally {
        await shared.close();
      }
    }
    if (only === undefined || only === 'admin') {
      // An editor administers accounts; each person signs in through the sign-in page in a context of their own.
      const admin = await serveAdmin();
      try {
        failed += await runTests('admin', adminTests(browser, admin.url));
      } finally {
        await admin.close();
      }
    }
  }
  if (patchesOnly) failed += await runTests('patches', patchesTests(browser, (await sampleSite()).url));
  if (only === undefined || i18nOnly) {
    // An editor too, and the project layers in the database: the walk forces server refusals in the popup and 发布; a
    // server of its own, since it changes the database.
    const app = await serveSignedIn(undefined, [['i18n-eve', 'editor']]);
    try {
      failed += await runTests('i18n', i18nTests(browser, app.url, `${app.url}public/`));
    } finally {
      await app.close();
    }
  }
  if (only === undefined || projectsOnly) {
    // The editor's changes go to this server's database: a server of its own.
    const site = await serveProjects();
    try {
      failed += await runTests('projects', projectsTests(browser, site.url));
    } finally {
      await site.close();
    }
  }
  if (only === undefined || only === 'field-review') {
    // The bureau's 外业 panel (issue 26): the editor's reviews go to this server's database: a server of its own.
    const site = await serveField();
    try {
      failed += await runTests('field-review', fieldReviewTests(browser, site));
    } finally {
      await site.close();
    }
  }
  if (runSecurity) failed += await runSecuritySuite(browser, runTests, await sampleSite());
  // A bureau's 二类 export imported with data:import, served by `npm start -- --data <release>` in a process of its own.
  if (runRelease) failed += await runReleaseSuite(browser, runTests);
  if (runRegistry) {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const work = mkdtempSync(path.join(tmpdir(), 'registry-suite-'));
    try {
      const fixture = writeRegistryFixture(path.join(work, 'data'));
      console.log('browser tests: the server on data/ plus one extra layer (its own bureau page build), and the public page built as static files …');
      const staticPublicDir = path.join(work, 'dist-public');
      await buildPublicFrom(fixture.dataDir, staticPublicDir);
      const app = await serveSignedIn(fixture.dataDir, [['registry-reader', 'planner']]);
      try {
        failed += await runTests('registry', registryTests(browser, app, fixture, staticPublicDir));
      } finally {
        await app.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (runRaster) {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const work = mkdtempSync(path.join(tmpdir(), 'raster-suite-'));
    const fixture = await writeRasterFixture(work);
    try {
      console.log('browser tests: the server on data/ plus two imported GeoTIFFs and an intranet tile service (its own bureau page build) …');
      const app = await serveSignedIn(fixture.dataDir);
      try {
        failed += await runTests('raster', rasterTests(browser, app.url, fixture));
      } finally {
        await app.close();
      }
    } finally {
      await fixture.tiles.close();
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (only === undefined || only === 'field') {
    // The field page (issue 26): its own server (the sample's 监测图斑, a field user with a task, an editor).
    const site = await serveFieldPage();
    try {
      failed += await runTests('field', fieldTests(browser, site));
    } finally {
      await site.close();
    }
  }
  if (runStress) {
    const stressDir = path.join(ROOT, 'data-stress');
    await makeStressData(200_000, stressDir, (l) => console.log(l));
    console.log('browser tests: the server on data-stress/ …');
    const app = await serveSignedIn(stressDir);
    try {
      failed += await runTests('stress', stressTests(browser, app.url, stressDir));
    } finally {
      await app.close();
    }
  }
} finally {
  await browser.close();
  await (sample as TestSite | null)?.close();
}
console.log(failed ? `browser tests: ${failed} failed` : 'browser tests: all passed');
process.exit(failed ? 1 : 0);
