// Features from an imported file (or picked from a reference layer) become sites: named from their attributes
// (site-attributes.ts), typed when they carry one of the site types, every attribute kept.
import type { Feature, Geometry } from 'geojson';
import { isSiteType } from '../../core/analysis/site-types.ts';
import type { Site } from '../site.ts';
import { carriedAttributes } from '../site-attributes.ts';
import { asDrawn } from './draw-form.ts';
import type { OpResult, PlanWorkspace } from './workspace.ts';

export interface ImportArgs {
  file: string;
  features: Feature<Geometry>[];
  /** The UI language: names made from stand numbers read 林班/小班 or compartment/stand. */
  lang: 'zh' | 'en';
  newId: () => string;
  now: number;
  /** Where the sites come from, when not the file itself: a reference layer's origin (stand-source.ts). */
  origin?: string;
  /** Names and notes given by the caller (a merge of stands), overriding those read from the attributes. */
  name?: string;
  note?: string;
}

export function importFeatures(ws: PlanWorkspace, a: ImportArgs): OpResult {
  const sites = a.features.map((f, i) => {
    const p = f.properties ?? {};
    const carried = carriedAttributes(p, a.lang);
    return asDrawn<Site>({
      id: a.newId(), name: a.name ?? carried.name ?? `${a.file} #${i + 1}`, type: isSiteType(carried.type) ? carried.type : '其他', note: a.note ?? carried.note, geometry: f.geometry,
      origin: a.origin ?? `import:${a.file}`, ...(Object.keys(carried.attributes).length ? { attributes: carried.attributes } : {}),
      // One millisecond apart: the list keeps the file's order after a reload (sites load sorted by `created`).
      created: a.now + i, updated: a.now, rev: 1,
    });
  });
  return { workspace: { ...ws, sites: [...ws.sites, ...sites] }, change: { put: sites, removed: [], focus: sites[0]?.id } };
}
