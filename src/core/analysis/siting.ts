// Applies the siting rules (siting-rules.ts) to one site: its overlap with each constraint layer, with the stands of
// each land class and with land no stand covers, each rule it meets with the area in 亩 and — when asked — the affected
// part as geometry for the map. Areas are ellipsoidal (measure.ts); stand areas are the ones site-analysis.ts clipped.
import { difference, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { bboxOf } from '../geo/positions.ts';
import { fromSquareMetres } from '../geo/units.ts';
import type { Areal } from './clip.ts';
import { asMultiPolygon, clipToParts, convexPiecesOf, subtractFromParts, type ConvexPart } from './convex-parts.ts';
import { candidates, type SiteIndex } from './site-index.ts';
import type { SiteType } from './site-types.ts';
import { SITING_RULES_VERSION, VERDICTS, worse, type Bilingual, type RuleBasis, type RuleTarget, type SitingRule, type Verdict } from './siting-rules.ts';

/** A stand the site overlaps: its position in the index and the overlap in m² (as the stand tables count it). */
export interface TouchedStand { index: number; m2: number }

export interface SitingFinding {
  rule: string;
  verdict: Verdict;
  area_mu: number;
  text: Bilingual;
  basis: RuleBasis;
  target: RuleTarget;
  /** The constraint layer (registry id and name) of a constraint rule. */
  layer: { key: string; name: Bilingual } | null;
  /** The affected part of the site (only when highlights were asked for). */
  geometry: MultiPolygon | null;
}

export interface SitingLayer {
  key: string;
  kind: string;
  name: Bilingual;
  /** Polygons the layer holds: 0 means the layer was not provided, so the site could not be checked against it. */
  features: number;
  synthetic: boolean;
  area_mu: number;
}

export interface SitingResult {
  rules_version: string;
  /** The most serious verdict among the findings; null when no rule applies. */
  verdict: Verdict | null;
  /** Most serious first, then by area. */
  findings: SitingFinding[];
  layers: SitingLayer[];
  /** The part of the site no stand covers (land outside the forest inventory). */
  unsurveyed_mu: number;
}

export interface SitingInput {
  index: SiteIndex;
  site: Feature<Areal>;
  siteM2: number;
  /** The site's convex parts (convex-parts.ts), or null: then turf's clipper is used. */
  parts: ConvexPart[] | null;
  type: SiteType;
  rules: readonly SitingRule[];
  touched: readonly TouchedStand[];
  highlights: boolean;
  naive: boolean;
}

/** What the siting pass leaves for the carbon pass: each constraint layer's pieces inside the site, by registry id. */
export interface SitingPieces { constraints: Map<string, Polygon[]> }

const polygonsOf = (g: Areal | null | undefined): Polygon[] =>
  !g ? [] : g.type === 'Polygon' ? [g] : g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));

/** The part of `other` inside the site: by the convex parts, or by turf's intersect when the site has none. */
export function piecesInSite(site: Feature<Areal>, parts: ConvexPart[] | null, other: Areal): Polygon[] {
  if (parts) return clipToParts(parts, other);
  const piece = intersect(featureCollection<Areal>([site, { type: 'Feature', geometry: other, properties: {} }]));
  return polygonsOf(piece?.geometry as Areal | undefined);
}

function sumArea(pieces: readonly Polygon[]): number {
  let s = 0;
  for (const p of pieces) s += geodesicArea(p);
  return s;
}

interface StandLand { land_class?: unknown; origin?: unknown; canopy?: unknown }

export function landMatches(target: Extract<RuleTarget, { kind: 'land' }>, p: StandLand): boolean {
  if (!target.classes.includes(p.land_class as never)) return false;
  if (target.origin && p.origin !== target.origin) return false;
  const cover = Number(p.canopy);
  if (target.coverBelow !== undefined && !(cover < target.coverBelow)) return false;
  if (target.coverAtLeast !== undefined && !(cover >= target.coverAtLeast)) return false;
  return true;
}

/** The site less the stands it touches (land outside the inventory), as pieces for the map. */
function unsurveyedPieces(input: SitingInput): Position[][] | Polygon[] {
  const stands = input.touched.map((t) => input.index.stands.features[t.index].geometry as Areal);
  if (input.parts) return subtractFromParts(input.parts, stands.flatMap((g) => convexPiecesOf(g)));
  const rest = difference(featureCollection<Areal>([input.site, ...stands.map((g) => ({ type: 'Feature' as const, geometry: g, properties: {} }))]));
  return polygonsOf(rest?.geometry as Areal | undefined);
}

/** Below this much (m², or this share of the site) the site's land outside the stands is rounding, not land. */
const UNSURVEYED_FLOOR_M2 = 1;
const UNSURVEYED_FLOOR_SHARE = 1e-6;

export function evaluateSiting(input: SitingInput): { siting: SitingResult; pieces: SitingPieces } {
  const { index, site, type, highlights } = input;
  const rules = input.rules.filter((r) => r.types.includes(type));
  const box = bboxOf(site.geometry)!;
  const findings: SitingFinding[] = [];
  const layers: SitingLayer[] = [];
  const pieces: SitingPieces = { constraints: new Map() };

  for (const [key, layer] of Object.entries(index.constraints)) {
    const inside: Polygon[] = [];
    for (const i of candidates(layer, box, input.naive)) {
      const g = layer.features[i].geometry as Areal | null;
      if (g) inside.push(...piecesInSite(site, input.parts, g));
    }
    const m2 = sumArea(inside);
    pieces.constraints.set(key, inside);
    layers.push({ key, kind: layer.kind, name: layer.name, features: layer.features.length, synthetic: layer.synthetic, area_mu: fromSquareMetres(m2, 'mu') });
    if (!(m2 > 0)) continue;
    for (const r of rules) {
      if (r.target.kind !== 'constraint' || r.target.constraint !== layer.kind) continue;
      findings.push({ rule: r.id, verdict: r.verdict, area_mu: fromSquareMetres(m2, 'mu'), text: r.text, basis: r.basis, target: r.target, layer: { key, name: layer.name }, geometry: highlights ? asMultiPolygon(inside) : null });
    }
  }

  const stands = index.stands.features;
  for (const r of rules) {
    if (r.target.kind !== 'land') continue;
    const target = r.target;
    const hit = input.touched.filter((t) => landMatches(target, (stands[t.index].properties ?? {}) as StandLand));
    const m2 = hit.reduce((s, t) => s + t.m2, 0);
    if (!(m2 > 0)) continue;
    const geometry = highlights ? asMultiPolygon(hit.flatMap((t) => piecesInSite(site, input.parts, stands[t.index].geometry as Areal))) : null;
    findings.push({ rule: r.id, verdict: r.verdict, area_mu: fromSquareMetres(m2, 'mu'), text: r.text, basis: r.basis, target, layer: null, geometry });
  }

  const covered = input.touched.reduce((s, t) => s + t.m2, 0);
  let unsurveyedM2 = input.siteM2 - covered;
  if (unsurveyedM2 < Math.max(UNSURVEYED_FLOOR_M2, UNSURVEYED_FLOOR_SHARE * input.siteM2)) unsurveyedM2 = 0;
  const unsurveyedRules = rules.filter((r) => r.target.kind === 'unsurveyed');
  if (unsurveyedM2 > 0 && unsurveyedRules.length > 0) {
    const geometry = highlights ? asMultiPolygon(unsurveyedPieces(input)) : null;
    for (const r of unsurveyedRules) {
      findings.push({ rule: r.id, verdict: r.verdict, area_mu: fromSquareMetres(unsurveyedM2, 'mu'), text: r.text, basis: r.basis, target: r.target, layer: null, geometry });
    }
  }

  findings.sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || b.area_mu - a.area_mu);
  const verdict = findings.reduce<Verdict | null>((v, f) => worse(v, f.verdict), null);
  return { siting: { rules_version: SITING_RULES_VERSION, verdict, findings, layers, unsurveyed_mu: fromSquareMetres(unsurveyedM2, 'mu') }, pieces };
}

/**
 * The siting result as a record to keep with a site (the server's site record, src/server/siting.ts): the verdict, each
 * rule met with its area, each constraint layer's overlap — no geometry and no texts (the rule id names both).
 */
export interface SitingRecord {
  rules_version: string;
  verdict: Verdict | null;
  findings: { rule: string; verdict: Verdict; area_mu: number; layer: string | null }[];
  layers: { key: string; features: number; synthetic: boolean; area_mu: number }[];
  unsurveyed_mu: number;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

export function sitingRecord(s: SitingResult): SitingRecord {
  return {
    rules_version: s.rules_version,
    verdict: s.verdict,
    findings: s.findings.map((f) => ({ rule: f.rule, verdict: f.verdict, area_mu: r4(f.area_mu), layer: f.layer?.key ?? null })),
    layers: s.layers.map((l) => ({ key: l.key, features: l.features, synthetic: l.synthetic, area_mu: r4(l.area_mu) })),
    unsurveyed_mu: r4(s.unsurveyed_mu),
  };
}
