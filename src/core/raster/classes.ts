// Class tables of categorical rasters (land cover): value → key, zh/en name, colour, and the class's role for carbon.
// `carbon: 'forest' | 'bamboo'` marks the classes that hold forest carbon; a pixel going from one of them to any other
// class is forest loss, the reverse forest gain (change.ts). The built-in table is the sample's land cover; a bureau's
// product (e.g. a national 30 m land-cover map) comes with its own table (`npm run data:raster -- --classes table.json`).

export type CarbonRole = 'forest' | 'bamboo' | null;

export interface RasterClass {
  value: number;
  key: string;
  name: { zh: string; en: string };
  /** '#rrggbb' */
  colour: string;
  carbon: CarbonRole;
}

/** The sample's land-cover classes (0 is nodata, outside the county). */
export const LAND_COVER_CLASSES: readonly RasterClass[] = [
  { value: 1, key: 'forest', name: { zh: '乔木林', en: 'Forest' }, colour: '#1b7837', carbon: 'forest' },
  { value: 2, key: 'bamboo', name: { zh: '竹林', en: 'Bamboo' }, colour: '#7fbc41', carbon: 'bamboo' },
  { value: 3, key: 'shrub', name: { zh: '灌草地', en: 'Shrub and grass' }, colour: '#c7b75a', carbon: null },
  { value: 4, key: 'cropland', name: { zh: '耕地', en: 'Cropland' }, colour: '#f3e39a', carbon: null },
  { value: 5, key: 'water', name: { zh: '水域', en: 'Water' }, colour: '#4f8fc8', carbon: null },
  { value: 6, key: 'built', name: { zh: '建设用地', en: 'Built-up' }, colour: '#c8553d', carbon: null },
  { value: 7, key: 'mine', name: { zh: '采矿用地', en: 'Mining land' }, colour: '#8a6f63', carbon: null },
];

export const LAND_COVER_NODATA = 0;

export function classByValue(classes: readonly RasterClass[]): Map<number, RasterClass> {
  return new Map(classes.map((c) => [c.value, c]));
}

/** The palette a COG carries for QGIS and GDAL (value → RGB). */
export function paletteOf(classes: readonly RasterClass[]): Map<number, [number, number, number]> {
  return new Map(classes.map((c) => [c.value, [1, 3, 5].map((i) => parseInt(c.colour.slice(i, i + 2), 16)) as [number, number, number]]));
}

/**
 * A class table from JSON: `{"classes": [{"value": 1, "key": "forest", "name": {"zh": "乔木林", "en": "Forest"},
 * "colour": "#1b7837", "carbon": "forest"}, …]}` (or the bare array). Throws a message naming the entry and the field.
 */
export function parseClassTable(text: string, file: string): RasterClass[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(json) ? json : (json as { classes?: unknown })?.classes;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file}: expected {"classes": [ … ]} with at least one class`);
  const seen = new Set<number>();
  return list.map((raw, i) => {
    const where = `${file}: class ${i + 1}`;
    const c = raw as Partial<RasterClass> & { name?: { zh?: unknown; en?: unknown } | string };
    if (typeof c !== 'object' || c === null) throw new Error(`${where} is not an object`);
    if (!Number.isInteger(c.value) || (c.value as number) < -32768 || (c.value as number) > 65535) throw new Error(`${where}: "value" must be a whole number (got ${JSON.stringify(c.value)})`);
    if (seen.has(c.value as number)) throw new Error(`${where}: value ${c.value} appears twice`);
    seen.add(c.value as number);
    const name = typeof c.name === 'string' ? { zh: c.name, en: c.name } : c.name;
    if (!name || typeof name.zh !== 'string' || !name.zh || typeof name.en !== 'string' || !name.en) throw new Error(`${where}: "name" must be {"zh": "…", "en": "…"}`);
    if (typeof c.colour !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(c.colour)) throw new Error(`${where}: "colour" must be "#rrggbb" (got ${JSON.stringify(c.colour)})`);
    const carbon = c.carbon ?? null;
    if (carbon !== null && carbon !== 'forest' && carbon !== 'bamboo') throw new Error(`${where}: "carbon" must be "forest", "bamboo" or null (got ${JSON.stringify(carbon)})`);
    const key = typeof c.key === 'string' && c.key ? c.key : `class-${c.value}`;
    return { value: c.value as number, key, name: { zh: name.zh as string, en: name.en as string }, colour: c.colour.toLowerCase(), carbon };
  });
}
