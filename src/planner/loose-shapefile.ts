// Loose shapefile parts chosen together (许多单位直接发 .shp/.shx/.dbf/.prj 而不是 zip): the parts of one name are zipped
// in memory and imported like a zipped shapefile. A .shp without its .dbf (or parts without their .shp) is named as
// missing, so the dialog's advice — choose the parts together, or zip them — is what this accepts. Pure: no DOM.
import { zipSync } from 'fflate';

export interface PickedFile {
  /** The name shown in the dialog ('二类小班.shp' for a bundle of loose parts). */
  name: string;
  /** The name the importer reads it under ('二类小班.zip' for a bundle): its extension picks the format. */
  importName: string;
  bytes: Uint8Array;
  /** Set when a part is missing: the extension(s) to choose with it. */
  missing?: string;
}

const PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'];
const extension = (name: string) => /\.[^.]+$/.exec(name)?.[0].toLowerCase() ?? '';

/** The chosen files with each set of loose shapefile parts bundled into one zip (in the order first seen). */
export function bundleShapefileParts(files: { name: string; bytes: Uint8Array }[]): PickedFile[] {
  const out: PickedFile[] = [];
  const groups = new Map<string, { at: number; parts: Map<string, { name: string; bytes: Uint8Array }> }>();
  for (const f of files) {
    const ext = extension(f.name);
    if (!PARTS.includes(ext)) {
      out.push({ name: f.name, importName: f.name, bytes: f.bytes });
      continue;
    }
    const base = f.name.slice(0, -ext.length);
    let g = groups.get(base.toLowerCase());
    if (!g) {
      g = { at: out.length, parts: new Map() };
      groups.set(base.toLowerCase(), g);
      out.push({ name: '', importName: '', bytes: new Uint8Array() }); // its place in the list
    }
    g.parts.set(ext, f);
  }
  for (const [, g] of groups) {
    const shp = g.parts.get('.shp');
    const base = (shp ?? [...g.parts.values()][0]).name.replace(/\.[^.]+$/, '');
    const missing = ['.shp', '.dbf'].filter((e) => !g.parts.has(e)).join(' ');
    if (missing) {
      const first = shp ?? [...g.parts.values()][0];
      out[g.at] = { name: first.name, importName: first.name, bytes: first.bytes, missing };
      continue;
    }
    const entries: Record<string, Uint8Array> = {};
    for (const [ext, f] of g.parts) entries[`${base}${ext}`] = f.bytes;
    out[g.at] = { name: shp!.name, importName: `${base}.zip`, bytes: zipSync(entries, { level: 0 }) };
  }
  return out;
}

/** Extensions the file chooser offers besides the importers' own: the loose shapefile parts. */
export const LOOSE_PART_EXTENSIONS = PARTS;
