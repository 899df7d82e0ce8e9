// XSS through the planner's surfaces. A GeoJSON file (itself named with a payload) whose features carry every payload
// of the corpus (test/fuzz/payloads.ts) as names, notes, property keys and values — plus names holding characters XML
// 1.0 forbids — is imported through the dialog. Then: the workspace list shows each name literally; the printable
// report shows each site's name and note as text; the GeoJSON, KML (parsed by the browser's strict XML parser), CSV
// (formulas neutralised) and zipped shapefile (DBF read back by our importer) exports carry them intact; a share
// link with every site, opened in a fresh browser, shows them as text, and so does a hand-made hostile link. None may
// run: window.__xss stays unset, no dialog, no page error, no CSP violation, and no element made from data.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { importFile } from '../../src/core/io/registry.ts';
import { encodeShare } from '../../src/core/share/share-link.ts';
import { XSS_PAYLOADS } from '../fuzz/payloads.ts';
import { assert, type BrowserTest, waitForValue } from './harness.ts';
import { assertNoViolations, assertNothingRan, injectedElements, watchedPage, type Watched } from './security.spec.ts';
import { openPlanner, siteNames } from './storage.spec.ts';

/** Beyond HTML: characters XML 1.0 forbids, non-characters and a lone surrogate (none with CR/LF, which an <input>
 * strips by specification). */
const EXTRA = ['控制符\u0001\u0008\u000B\u000C\u001F末', '非字符\uFFFE\uFFFF末', '孤立代理\uD800末'];
const NAMES = [...XSS_PAYLOADS, ...EXTRA];
const N = NAMES.length;
const noteOf = (i: number) => NAMES[(i + 1) % N];
/** Notes after the first test: the first six typed through the UI, the rest from the file. */
const NOTES = NAMES.map((_, i) => (i < 6 ? NAMES[(i * 11 + 5) % N] : noteOf(i)));

/** What a UTF-8 file holds for a JS string: lone surrogates become U+FFFD (TextEncoder, Blob). */
const utf8 = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
/** What an XML 1.0 document can hold: the characters it forbids replaced by U+FFFD (as the KML export does). */
const xmlSafe = (s: string) => utf8(s).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
/** A CSV cell as a spreadsheet must receive it: text starting like a formula gets a leading apostrophe. */
const csvSafe = (s: string) => (/^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s);

function payloadFile(dir: string): string {
  const features = NAMES.map((name, i): Feature<Polygon> => {
    // Three-decimal corners keep the share link short enough for every site.
    const x = +(115.3 + (i % 10) * 0.004).toFixed(3), y = +(26.3 + Math.floor(i / 10) * 0.004).toFixed(3);
    return {
      type: 'Feature',
      properties: { name, note: noteOf(i), [NAMES[(i + 7) % N]]: NAMES[(i + 11) % N], description: NAMES[(i + 13) % N] },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.003, y], [x + 0.003, y + 0.003], [x, y + 0.003], [x, y]]] },
    };
  });
  const file = path.join(dir, `"><svg onload=window.__xss=98>.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return rows;
}

/** A dBASE III table read from its bytes (header, field descriptors, fixed-width records), independent of our importer. */
function readDbf(bytes: Uint8Array): Record<string, string>[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = v.getUint32(4, true), headerLength = v.getUint16(8, true), recordLength = v.getUint16(10, true);
  const fields: { name: string; length: number }[] = [];
  for (let o = 32; bytes[o] !== 0x0d; o += 32) {
    fields.push({ name: new TextDecoder('latin1').decode(bytes.subarray(o, o + 11)).replace(/\0.*$/, ''), length: bytes[o + 16] });
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true });
  return Array.from({ length: count }, (_, r) => {
    let o = headerLength + r * recordLength + 1;
    const row: Record<string, string> = {};
    for (const f of fields) {
      row[f.name] = text.decode(bytes.subarray(o, o + f.length)).replace(/ +$/, '');
      o += f.length;
    }
    return row;
  });
}

async function download(page: Page, button: string, dir: string): Promise<{ file: string; suggested: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(button).click()]);
  const file = path.join(dir, `${button}-${Date.now()}`);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

const differ = (what: string, got: string[], want: string[]) => {
  const bad = want.map((w, i) => [w, got[i]] as const).filter(([w, g]) => w !== g);
  assert(got.length === want.length && bad.length === 0, `${what}: ${got.length}/${want.length} values, ${bad.length} differ, e.g. ${JSON.stringify(bad.slice(0, 2))}`);
};

/** security.spec.ts's check, less one false alarm: an <input>'s value attribute is text, even when it reads "javascript:…". */
async function madeFromData(page: Page, scope: string): Promise<string[]> {
  const made = await injectedElements(page, scope);
  return made.filter((html) => !/^<(input|textarea)\b[^>]*\bvalue="\s*javascript:/i.test(html) || /\son\w+=|\ssrcdoc=|\shref="\s*javascript:/i.test(html.replace(/\bvalue="[^"]*"/g, '')));
}

async function clean(w: Watched, where: string): Promise<void> {
  const made = await madeFromData(w.page, '#root');
  assert(made.length === 0, `${where}: elements made from data: ${made.slice(0, 3).join(' | ')}`);
  await assertNothingRan(w, where);
  await assertNoViolations(w, where);
}

export function plannerXssTests(browser: Browser, appUrl: string): BrowserTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'planner-xss-'));
  const tried: Record<string, number> = {};
  let w: Watched;
  let shareUrl = '';

  /** Names in the order the workspace lists them (by creation: the file's order). */
  const listed = () => siteNames(w.page);

  return [
    {
      name: `import ${N} hostile names/notes/keys/values (file name a payload too): the workspace list shows each literally`,
      async run() {
        w = await watchedPage(browser, { width: 1200, height: 800 });
        // window.print() would open nothing headless; a stub keeps the report in the page so it can be read.
        await w.page.context().addInitScript('window.print = () => { window.__printed = (window.__printed || 0) + 1; };');
        await openPlanner(w.page, appUrl);
        await w.page.getByTestId('open-import').click();
        await w.page.getByTestId('import-input').setInputFiles(payloadFile(dir));
        const report = w.page.getByTestId('import-report');
        await report.waitFor({ timeout: 30_000 });
        assert((await report.getAttribute('data-ok')) === 'true' && Number(await report.getAttribute('data-features')) === N, `import: ${await report.textContent()}`);
        assert((await report.getAttribute('data-file')) === `"><svg onload=window.__xss=98>.geojson`, 'the file name shown as given');
        await clean(w, 'import dialog with the preview on the map');
        await w.page.getByTestId('import-add').click();
        await waitForValue(w.page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 30_000, 'every site listed', N);
        differ('workspace list', await listed(), NAMES);
        tried['workspace list'] = N;
        // Renames and notes through the UI: the corpus typed into the name field and the note of a few sites.
        for (let i = 0; i < 6; i++) {
          const p = XSS_PAYLOADS[(i * 11) % XSS_PAYLOADS.length];
          await w.page.getByTestId('site-name').nth(i).fill(p);
          await w.page.getByTestId('site-note').fill(NAMES[(i * 11 + 5) % N]);
        }
        const now = await listed();
        for (let i = 0; i < 6; i++) assert(now[i] === XSS_PAYLOADS[(i * 11) % XSS_PAYLOADS.length], `renamed site ${i} shows "${now[i]}"`);
        tried['rename in the list'] = 6;
        // Put the names back, so the exports below can be checked against the file.
        for (let i = 0; i < 6; i++) await w.page.getByTestId('site-name').nth(i).fill(NAMES[i]);
        differ('workspace list after renames', await listed(), NAMES);
        await clean(w, 'workspace list');
      },
    },
    {
      name: 'printable report: every site\'s name and note shown as text',
      async run() {
        const { page } = w;
        const notes: string[] = [];
        for (let i = 0; i < N; i++) {
          await page.getByTestId('site-select').nth(i).click();
          await page.getByTestId('export-print').click();
          await waitForValue(page, (n) => (window as unknown as { __printed?: number }).__printed === n, 10_000, `print ${i + 1}`, i + 1);
          const h1 = page.getByTestId('print-report').locator('h1');
          await waitForValue(page, (name) => document.querySelector('[data-testid="print-report"] h1')?.textContent?.endsWith(name) ?? false, 10_000, `report of site ${i}`, NAMES[i]);
          const text = (await page.getByTestId('print-report').textContent()) ?? '';
          assert((await h1.textContent())!.endsWith(NAMES[i]), `report title of site ${i}`);
          // The restored site (deleted and undone above) kept its note; the UI-typed notes replaced some.
          const note = await page.getByTestId('site-note').inputValue();
          if (note) assert(text.includes(note), `report of site ${i} shows its note "${note}"`);
          notes.push(note);
        }
        tried['print report'] = N;
        const made = await madeFromData(page, '[data-testid="print-report"]');
        assert(made.length === 0, `report holds elements made from data: ${made.join(' | ')}`);
        assert((await page.evaluate(() => (window as unknown as { __printed?: number }).__printed)) === N, 'window.print was called for every report');
        await clean(w, 'print report');
      },
    },
    {
      name: 'exports: GeoJSON exact, KML well-formed with the text intact, CSV formulas neutralised, shapefile DBF intact',
      async run() {
        const { page } = w;
        await page.getByTestId('export-scope-all').check();
        const notes = await page.evaluate(() => [...document.querySelectorAll('[data-testid="planner-site"]')].length);
        assert(notes === N, 'all sites present');
        // GeoJSON: names exact (JSON escapes every character).
        const gj = JSON.parse(readFileSync((await download(page, 'export-geojson', dir)).file, 'utf8')) as FeatureCollection;
        differ('GeoJSON names', gj.features.map((f) => String(f.properties?.name)), NAMES);
        const gjNotes = gj.features.map((f) => String(f.properties?.note));
        differ('GeoJSON notes', gjNotes, NOTES);
        // KML: the browser's XML parser is strict; any stray character or unescaped markup fails the whole document.
        const kml = readFileSync((await download(page, 'export-kml', dir)).file, 'utf8');
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          const err = doc.getElementsByTagName('parsererror')[0];
          if (err) return { error: err.textContent ?? 'parsererror' };
          const marks = [...doc.getElementsByTagName('Placemark')];
          return { names: marks.map((m) => m.getElementsByTagName('name')[0]?.textContent ?? ''), notes: marks.map((m) => m.getElementsByTagName('description')[0]?.textContent ?? '') };
        }, kml);
        assert(!('error' in parsed), `KML is not well-formed: ${'error' in parsed ? parsed.error : ''}`);
        differ('KML names', parsed.names!, NAMES.map(xmlSafe));
        differ('KML notes', parsed.notes!, gjNotes.map(xmlSafe));
        differ('KML read back by our importer', importFile('back.kml', readFileSync((await download(page, 'export-kml', dir)).file)).features.map((f) => String(f.properties?.name)), NAMES.map(xmlSafe));
        // CSV: one row per site, the text intact but for the apostrophe before formula starts.
        const rows = parseCsv(readFileSync((await download(page, 'export-csv', dir)).file, 'utf8'));
        differ('CSV names', rows.slice(1).map((r) => r[0]), NAMES.map(utf8).map(csvSafe));
        differ('CSV notes', rows.slice(1).map((r) => r[2]), gjNotes.map(utf8).map(csvSafe));
        const formulas = rows.slice(1).flat().filter((c) => /^[=+@\t\r\0]/.test(c) || (/^-/.test(c) && !Number.isFinite(Number(c))));
        assert(formulas.length === 0, `CSV cells a spreadsheet would run: ${formulas.slice(0, 3).join(' | ')}`);
        // Shapefile: the DBF (UTF-8, .cpg) read back by our importer.
        const zip = readFileSync((await download(page, 'export-shp', dir)).file);
        const dbf = readDbf(unzipSync(zip)['sites.dbf']);
        differ('DBF names (bytes read independently)', dbf.map((r) => r.name), NAMES.map(utf8));
        differ('DBF notes (bytes read independently)', dbf.map((r) => r.note), gjNotes.map(utf8));
        // Our own importer decodes fields with TextDecoder, which drops a leading U+FEFF (a byte-order mark) by design.
        const shp = importFile('back.zip', zip);
        differ('DBF read back by our importer', shp.features.map((f) => String(f.properties?.name)), NAMES.map(utf8).map((n) => n.replace(/^\uFEFF/, '')));
        // A selected site's name becomes the download's file name: no path, no control character survives.
        const files: string[] = [];
        await page.getByTestId('export-scope-selected').check();
        for (const i of [0, 4, 6, 8, 14, 45, N - 3]) {
          await page.getByTestId('site-select').nth(i).click();
          files.push((await download(page, 'export-geojson', dir)).suggested);
        }
        const badFiles = files.filter((f) => /[\\/\u0000-\u001F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/.test(f) || !f.endsWith('.geojson'));
        assert(badFiles.length === 0, `download names: ${badFiles.join(' | ')}`);
        await page.getByTestId('export-scope-all').check();
        for (const k of ['GeoJSON', 'KML', 'CSV', 'Shapefile DBF']) tried[`${k} export`] = N;
        tried['download file names'] = files.length;
        console.log(`    exports of ${N} sites checked; download names e.g. ${JSON.stringify(files.slice(0, 2))}`);
        await clean(w, 'exports');
      },
    },
    {
      name: 'share links: every site through a link opened in a fresh browser, and a hand-made hostile link, shown as text',
      async run() {
        await w.page.getByTestId('export-share').click();
        shareUrl = await w.page.getByTestId('share-url').inputValue();
        const note = (await w.page.getByTestId('share-result').textContent()) ?? '';
        assert(!/left out|太大/.test(note), `every site fits in the link (${shareUrl.length} chars): ${note}`);
        // Delete and undo (this reorders the list, so it comes last): the message and the undo button name the site.
        for (const i of [1, 45, N - 1]) {
          const name = (await siteNames(w.page))[i];
          await w.page.getByTestId('site-delete').nth(i).click();
          const undo = (await w.page.getByTestId('undo-delete').textContent()) ?? '';
          const msg = (await w.page.getByTestId('planner-message').textContent()) ?? '';
          assert(undo.includes(name) && msg.includes(name), `undo/delete text names ${name}: ${undo} / ${msg}`);
          await w.page.getByTestId('undo-delete').click();
          await waitForValue(w.page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 10_000, 'site restored', N);
        }
        tried['delete message and undo button'] = 3;
        await clean(w, 'share');
        await w.page.context().close();
        const other = await watchedPage(browser, { width: 1200, height: 800 });
        await other.page.goto(shareUrl);
        await other.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(other.page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 30_000, 'shared sites', N);
        // fflate's own UTF-8 coder carries even a lone surrogate through the link.
        differ('names from the share link', await siteNames(other.page), NAMES);
        tried['share link'] = N;
        await clean(other, 'share link opened');
        await other.page.context().close();
        // A link made by an attacker: payloads as layer ids, site type, selection, and as names and notes.
        const hostile = encodeShare({
          view: { center: [115.35, 26.33], zoom: 11 }, lang: null, layers: XSS_PAYLOADS.slice(0, 20), selected: XSS_PAYLOADS[1],
          sites: XSS_PAYLOADS.slice(0, 30).map((p, i) => ({ name: p, type: XSS_PAYLOADS[(i + 3) % XSS_PAYLOADS.length], note: p, geometry: { type: 'Point', coordinates: [115.3 + i * 0.002, 26.3] } })),
        });
        assert(hostile.droppedSites === 0, 'hostile link holds all its sites');
        const h = await watchedPage(browser, { width: 1200, height: 800 });
        await h.page.goto(`${appUrl}?planner${hostile.hash}`);
        await h.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(h.page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 30, 30_000, 'hostile link sites');
        differ('names from the hostile link', await siteNames(h.page), XSS_PAYLOADS.slice(0, 30));
        const types = await h.page.getByTestId('site-type').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
        assert(types.every((t) => t === '其他'), `unknown types fall back to 其他: ${types.slice(0, 3).join()}`);
        tried['hostile share link'] = 30 + 20 + 1;
        await h.page.waitForTimeout(500);
        await clean(h, 'hostile share link');
        await h.page.context().close();
        const total = Object.values(tried).reduce((s, n) => s + n, 0);
        console.log(`    planner surfaces, payloads tried: ${Object.entries(tried).map(([k, n]) => `${k} ${n}`).join(', ')} (${total} in all; corpus ${XSS_PAYLOADS.length} + ${EXTRA.length} XML/Unicode extras); none ran`);
      },
    },
  ];
}
