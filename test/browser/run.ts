// Runs every browser test against freshly built pages served on 127.0.0.1. Part of `npm test`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp, ROOT, serveBuilt } from '../../scripts/lib/serve-app.ts';
import { serveSignedIn } from './server.ts';
import { sharedTests } from './shared.spec.ts';
import { bureauTests } from './bureau.spec.ts';
import { dashboardTests } from './dashboard.spec.ts';
import { plannerTests } from './planner.spec.ts';
import { plannerXssTests } from './planner-xss.spec.ts';
import { plannerUxTests } from './planner-ux.spec.ts';
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
import { serveWithData } from '../../scripts/bench/serve-data.ts';
import { releaseTests } from './release.spec.ts';
import { buildPublicFrom, registryTests, writeRegistryFixture } from './registry.spec.ts';
import { i18nTests } from './i18n.spec.ts';
import { fieldTests, serveField } from './field.spec.ts';

// Every page this runner builds carries the test hooks (window.__map, __draw …; src/test-hooks.ts); production builds do not.
process.env.XG_TEST_HOOKS = '1';

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) process.exit(1);

// `tsx test/browser/run.ts public` (or `bureau`, `year` …) runs one suite; no argument runs them all.
const only = process.argv[2];
// `projects` (issue 16: editing the plan's projects, 发布) needs both builds and its own server; it runs alone or last.
const projectsOnly = only === 'projects';
// `i18n` (the translation walk over both pages in both languages) needs both builds served at once.
const i18nOnly = only === 'i18n';
// `storage` (IndexedDB faults) and `planner-xss` (payloads through the planner's surfaces) run on the bureau build alone.
const plannerOnly = only === 'planner' || only === 'storage' || only === 'planner-xss' || only === 'planner-ux' || only === 'shared';
const runBureau = only !== 'public' && only !== 'field' && only !== 'stress' && only !== 'security' && only !== 'release' && only !== 'registry' && !projectsOnly && !i18nOnly;
// `year` (the year control, year.spec.ts) runs on both builds, alone.
const yearOnly = only === 'year';
const runPublic = only !== 'bureau' && only !== 'field' && !plannerOnly && only !== 'stress' && only !== 'security' && only !== 'release' && only !== 'registry' && !projectsOnly && !i18nOnly;
// The app at 200k stands (data-stress/, generated once, ~3 min; then reused), built into its own dist-stress/. Last,
// because it points vite.config.ts at another data folder through the environment.
const runStress = only === undefined || only === 'stress';
// CSP and XSS (security.spec.ts): its own builds, including ones against a payload-laden copy of data/.
const runSecurity = only === undefined || only === 'security';
// A bureau's 二类 export imported with data:import (release.spec.ts), served from its own build as `npm start -- --data`.
const runRelease = only === undefined || only === 'release';
// A layer added by one registry entry plus its data (registry.spec.ts): the app and the public page built from a copy of
// data/ with an extra-layers.json, each into its own output folder.
const runRegistry = only === undefined || only === 'registry';

let failed = 0;
const browser = await launchBrowser();
try {
  if (runPublic) {
    // Built first: its pipeline step writes data/public/, which the bureau's public-figures layers read too.
    console.log('browser tests: building the public page …');
    await buildApp('vite.public.config.ts');
    const scan = scanPublicBuild(path.join(ROOT, 'dist-public'));
    for (const f of scan.findings) console.log(`  ✗ public build scan: ${f.file}: ${f.problem}`);
    failed += scan.findings.length;
    const pub = await serveBuilt('vite.public.config.ts');
    try {
      if (!yearOnly) failed += await runTests('public', publicTests(browser, pub.url));
      if (!yearOnly) failed += await runTests('public', faviconTests(browser, pub.url, 'public page'));
      if (only === undefined || yearOnly) failed += await runTests('year-public', yearPublicTests(browser, pub.url));
    } finally {
      await pub.close();
    }
  }
  if (runBureau) {
    console.log('browser tests: building the app …');
    await buildApp();
    await buildApp('vite.login.config.ts');
    // The bureau page needs a session: served by the real server, every page signed in as a test planner (server.ts).
    const app = await serveSignedIn();
    try {
      if (!plannerOnly && !yearOnly) failed += await runTests('bureau', bureauTests(browser, app.url));
      if (!plannerOnly && !yearOnly) failed += await runTests('dashboard', dashboardTests(browser, app.url));
      if (only === undefined || yearOnly) failed += await runTests('year', yearBureauTests(browser, app.url));
      if (only !== 'bureau' && only !== 'storage' && only !== 'planner-xss' && only !== 'planner-ux' && only !== 'shared' && !yearOnly) failed += await runTests('planner', plannerTests(browser, app.url));
      if (only === undefined || only === 'storage') failed += await runTests('storage', storageTests(browser, app.url));
      if (only === undefined || only === 'planner-xss') failed += await runTests('planner-xss', plannerXssTests(browser, app.url));
      if (only === undefined || only === 'planner-ux') failed += await runTests('planner-ux', [...faviconTests(browser, app.url, 'bureau page'), ...plannerUxTests(browser, app.url)]);
    } finally {
      await app.close();
    }
    if (only === undefined || only === 'shared') {
      // Two planners, each in a browser context of their own, signing in through the sign-in page.
      const shared = await serveSignedIn(undefined, [['ann', 'planner'], ['ben', 'planner']]);
      try {
        failed += await runTests('shared', sharedTests(browser, shared.url));
      } finally {
        await shared.close();
      }
    }
  }
  if (only === undefined || i18nOnly) {
    if (i18nOnly) {
      console.log('browser tests: building the public page, the app and the sign-in page …');
      await buildApp('vite.public.config.ts');
      await buildApp();
      await buildApp('vite.login.config.ts');
    }
    const pub = await serveBuilt('vite.public.config.ts');
    const app = await serveSignedIn();
    try {
      failed += await runTests('i18n', i18nTests(browser, app.url, pub.url));
    } finally {
      await app.close();
      await pub.close();
    }
  }
  if (only === undefined || projectsOnly) {
    if (projectsOnly) {
      console.log('browser tests: building the public page, the app and the sign-in page …');
      await buildApp('vite.public.config.ts');
      await buildApp();
      await buildApp('vite.login.config.ts');
    }
    const site = await serveProjects();
    try {
      failed += await runTests('projects', projectsTests(browser, site.url));
    } finally {
      await site.close();
    }
  }
  if (runSecurity) failed += await runSecuritySuite(browser, runTests);
  if (runRelease) {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { erleiInventory } = await import('../fixtures/erlei-inventory.ts');
    const { importInventory } = await import('../../scripts/import/release.ts');
    const work = mkdtempSync(path.join(tmpdir(), 'release-suite-'));
    try {
      const fixture = erleiInventory(JSON.parse(readFileSync(path.join(ROOT, 'data/townships.geojson'), 'utf8')), 1500);
      writeFileSync(path.join(work, '二类.zip'), fixture.zip);
      importInventory({ stands: path.join(work, '二类.zip'), out: path.join(work, 'release') });
      console.log('browser tests: building the app against an imported 二类 release …');
      const app = await serveWithData(path.join(work, 'release'), 'dist-release-test');
      try {
        failed += await runTests('release', releaseTests(browser, app.url, path.join(work, 'release'), fixture));
      } finally {
        await app.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (runRegistry) {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const work = mkdtempSync(path.join(tmpdir(), 'registry-suite-'));
    const saved = { XG_DATA_DIR: process.env.XG_DATA_DIR, XG_OUT_DIR: process.env.XG_OUT_DIR };
    try {
      const fixture = writeRegistryFixture(path.join(work, 'data'));
      console.log('browser tests: building the app and the public page against data/ plus one extra layer …');
      const bureauDir = path.join(ROOT, 'dist-registry-test');
      const publicDir = path.join(work, 'dist-public');
      await buildApp('vite.config.ts', { XG_DATA_DIR: fixture.dataDir, XG_OUT_DIR: bureauDir });
      await buildApp('vite.login.config.ts');
      await buildPublicFrom(fixture.dataDir, publicDir);
      const app = await serveSignedIn(bureauDir);
      try {
        failed += await runTests('registry', registryTests(browser, app.url, fixture, bureauDir, publicDir));
      } finally {
        await app.close();
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (only === undefined || only === 'field') {
    // The field page (issue 26): its own server with 监测图斑 in the data folder and a task for the field user.
    console.log('browser tests: building the app (with the field page) …');
    await buildApp();
    await buildApp('vite.login.config.ts');
    const site = await serveField();
    try {
      failed += await runTests('field', fieldTests(browser, site));
    } finally {
      await site.close();
    }
  }
  if (runStress) {
    const stressDir = path.join(ROOT, 'data-stress');
    await makeStressData(200_000, stressDir, (l) => console.log(l));
    console.log('browser tests: building the app against data-stress/ …');
    await buildApp('vite.config.ts', { XG_DATA_DIR: stressDir, XG_OUT_DIR: path.join(ROOT, 'dist-stress') });
    await buildApp('vite.login.config.ts');
    const app = await serveSignedIn(path.join(ROOT, 'dist-stress'));
    try {
      failed += await runTests('stress', stressTests(browser, app.url, stressDir));
    } finally {
      await app.close();
    }
  }
} finally {
  await browser.close();
}
console.log(failed ? `browser tests: ${failed} failed` : 'browser tests: all passed');
process.exit(failed ? 1 : 0);
