// The plan's programmes on the stands — 碳汇造林 pilots, 油茶 new planting and upgrade, the four kinds of 低产低效林改造 —
// then coverage and stock calibration and pine wilt. Each programme claims clusters of neighbouring stands (real projects
// are contiguous), grows them until its area aim is met to within part of one stand, and the totals are then checked.
import type { Polygon, MultiPolygon } from 'geojson';
import { isForest, type Species, type UpgradeType, type OilTeaWork } from '../../src/core/inventory/schema.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import type { Rng } from '../../src/core/random.ts';
import { union } from './geom.ts';
import { canopyFor, rawStockPerHa } from './stand-attributes.ts';
import { forestM2, standMu, type Stand } from './stands.ts';
import type { Target } from './config.ts';

export interface Cluster {
  stands: Stand[];
  year: number;
  mu: number;
}

/**
 * Claim clusters of eligible, unclaimed neighbouring stands until `aim` 亩 is reached. The last cluster is trimmed so the
 * total lands within half a stand of the aim.
 */
export function claimClusters(stands: Stand[], eligible: (s: Stand) => boolean, aim: number, clusterMu: () => number, rng: Rng): Cluster[] {
  const byCell = new Map(stands.map((s) => [s.cell.index, s]));
  const seeds = rng.shuffle(stands.filter((s) => eligible(s) && !s.claimed));
  const clusters: Cluster[] = [];
  let total = 0;
  for (const seed of seeds) {
    if (aim - total < 30) break;
    if (seed.claimed || !eligible(seed)) continue;
    const want = Math.min(clusterMu(), aim - total);
    const members: Stand[] = [];
    let mu = 0;
    const queue = [seed];
    const seen = new Set([seed.cell.index]);
    while (queue.length > 0 && mu < want) {
      const s = queue.shift()!;
      const a = standMu(s);
      if (mu + a / 2 > want && members.length > 0) continue; // would overshoot: skip this one, try smaller neighbours
      if (aim - total - mu - a < -a / 2) continue;
      members.push(s);
      s.claimed = true;
      mu += a;
      for (const n of s.cell.neighbours) {
        const ns = byCell.get(n);
        if (ns && !seen.has(n) && !ns.claimed && eligible(ns)) {
          seen.add(n);
          queue.push(ns);
        }
      }
    }
    if (members.length === 0) continue;
    total += mu;
    clusters.push({ stands: members, year: rng.int(2021, 2025), mu });
  }
  return clusters;
}

const sumMu = (clusters: Cluster[]) => clusters.reduce((s, c) => s + c.mu, 0);

function requireIn(label: string, value: number, t: Target): void {
  if (value < t.min || value > t.max) throw new Error(`sample data: ${label} = ${value.toFixed(0)} outside ${t.min}–${t.max}`);
}

export function carbonAfforestation(stands: Stand[], target: Target, rng: Rng): Cluster[] {
  // ~10 pilot plots, mixed 针阔 plantings (木荷、枫香 with 杉木) on mid-slope land.
  const eligible = (s: Stand) => s.p.species !== '油茶' && s.p.land_class !== '竹林地';
  const clusters = claimClusters(stands, eligible, target.aim, () => rng.range(700, 1200), rng);
  for (const c of clusters) {
    const species: Species = rng.pick(['针阔混', '针阔混', '杉木', '硬阔'] as const);
    for (const s of c.stands) {
      const young = c.year >= 2024; // not closed yet: 未成林造林地, not counted as forest
      Object.assign(s.p, {
        species,
        origin: '人工',
        land_class: young ? '未成林造林地' : '乔木林地',
        age_group: '幼龄林',
        canopy: young ? Math.round(rng.range(0.05, 0.18) * 100) / 100 : Math.round(rng.range(0.2, 0.4) * 100) / 100,
        carbon_afforestation: true,
        afforestation_year: c.year,
      });
    }
  }
  requireIn('碳汇造林 mu', sumMu(clusters), target);
  return clusters;
}

export function oilTea(stands: Stand[], work: OilTeaWork, target: Target, rng: Rng): Cluster[] {
  const eligible =
    work === '新造高产'
      ? (s: Stand) => s.p.species === '马尾松' || s.p.species === '湿地松' || s.p.species === '软阔' || s.p.land_class === '宜林地'
      : (s: Stand) => s.p.species === '油茶' && s.p.age_group !== '幼龄林';
  const clusters = claimClusters(stands, eligible, target.aim, () => rng.range(250, 1600), rng);
  for (const c of clusters) {
    for (const s of c.stands) {
      if (work === '新造高产') {
        Object.assign(s.p, { species: '油茶', origin: '人工', land_class: '乔木林地', age_group: '幼龄林', canopy: Math.round(rng.range(0.2, 0.45) * 100) / 100 });
      }
      Object.assign(s.p, { oil_tea_work: work, oil_tea_year: c.year });
    }
  }
  requireIn(`油茶${work} mu`, sumMu(clusters), target);
  return clusters;
}

const UPGRADE_ELIGIBLE: Record<UpgradeType, (s: Stand) => boolean> = {
  // 更新: replace degraded low-value stands.
  更新: (s) => (s.p.land_class === '疏林地' || (s.p.land_class === '乔木林地' && s.p.canopy < 0.5)) && ['马尾松', '湿地松', '软阔'].includes(s.p.species),
  // 补植: enrich thin stands.
  补植: (s) => (s.p.land_class === '疏林地' || (s.p.land_class === '乔木林地' && s.p.canopy < 0.6)) && ['马尾松', '湿地松', '针阔混', '杉木'].includes(s.p.species),
  // 抚育: tend young and middle-aged plantations.
  抚育: (s) => s.p.land_class === '乔木林地' && s.p.origin === '人工' && (s.p.age_group === '幼龄林' || s.p.age_group === '中龄林') && s.p.species !== '油茶',
  // 封育: close natural stands and shrubland for regeneration.
  封育: (s) =>
    (s.p.origin === '天然' && s.p.land_class === '乔木林地' && s.p.age_group !== '成熟林' && s.p.age_group !== '过熟林') ||
    s.p.land_class === '一般灌木林地' ||
    s.p.land_class === '特灌林地',
};

export function upgrades(stands: Stand[], targets: Record<UpgradeType, Target>, rng: Rng): Record<UpgradeType, number> {
  const out = {} as Record<UpgradeType, number>;
  for (const type of ['更新', '补植', '抚育', '封育'] as const) {
    const eligible = (s: Stand) => s.p.species !== '油茶' && UPGRADE_ELIGIBLE[type](s);
    const clusters = claimClusters(stands, eligible, targets[type].aim, () => rng.range(300, type === '封育' ? 4000 : 2000), rng);
    for (const c of clusters) {
      for (const s of c.stands) {
        s.p.upgrade_type = type;
        s.p.upgrade_year = c.year;
        if (type === '更新') {
          Object.assign(s.p, { species: rng.pick(['杉木', '针阔混', '硬阔'] as const), origin: '人工', land_class: '乔木林地', age_group: '幼龄林', canopy: canopyFor('幼龄林', rng) });
        }
      }
    }
    out[type] = sumMu(clusters);
    requireIn(`低产低效林改造 ${type} mu`, out[type], targets[type]);
  }
  return out;
}

/**
 * Bring forest coverage (forest / county area) within ±0.01 percentage points of the aim by moving unclaimed stands
 * across the forest line: 乔木林地 ⇄ 疏林地 and 特灌林地 ⇄ 一般灌木林地, as an inventory revision would.
 */
export function calibrateCoverage(stands: Stand[], countyM2: number, target: Target, rng: Rng): number {
  const want = (target.aim / 100) * countyM2;
  const tol = 0.0001 * countyM2;
  let forest = forestM2(stands);
  const pool = rng.shuffle(stands.filter((s) => !s.claimed && !s.p.upgrade_type && !s.p.oil_tea_work && s.p.species !== '油茶'));
  for (const s of pool) {
    if (Math.abs(forest - want) <= tol / 2) break;
    const a = s.cell.area_m2;
    if (forest > want && isForest(s.p) && forest - a >= want - tol / 2) {
      if (s.p.land_class === '乔木林地' && s.p.age_group === '幼龄林') Object.assign(s.p, { land_class: '疏林地', canopy: Math.round(rng.range(0.1, 0.19) * 100) / 100 });
      else if (s.p.land_class === '特灌林地') s.p.land_class = '一般灌木林地';
      else continue;
      forest -= a;
    } else if (forest < want && !isForest(s.p) && forest + a <= want + tol / 2) {
      if (s.p.land_class === '疏林地') Object.assign(s.p, { land_class: '乔木林地', canopy: Math.round(rng.range(0.2, 0.32) * 100) / 100 });
      else if (s.p.land_class === '一般灌木林地') s.p.land_class = '特灌林地';
      else continue;
      forest += a;
    }
  }
  const pct = (100 * forest) / countyM2;
  requireIn('forest coverage %', pct, target);
  return pct;
}

/** 松材线虫病 in 18 townships (三(八)2: "18个疫情乡镇"): a few 林班 each with 疫点 or cleared (已除治) pine stands. */
export function pineWilt(stands: Stand[], townshipCodes: string[], rng: Rng): string[] {
  const affected = rng.shuffle(townshipCodes.slice()).slice(0, 18).sort();
  const pine = new Set<Species>(['马尾松', '湿地松', '针阔混']);
  for (const code of affected) {
    const inTownship = stands.filter((s) => s.p.township_code === code);
    const linBans = rng.shuffle([...new Set(inTownship.map((s) => s.p.lin_ban))]).slice(0, rng.int(2, 5));
    for (const s of inTownship) {
      if (!linBans.includes(s.p.lin_ban) || !pine.has(s.p.species) || !rng.chance(0.45)) continue;
      s.p.pine_wilt = rng.chance(0.35) ? '疫点' : '已除治';
    }
  }
  return affected;
}

/** Stock from the per-hectare tables, scaled by one factor so the county total meets the aim; returns the factor. */
export function calibrateStock(stands: Stand[], target: Target, rng: Rng): number {
  const raw = stands.map((s) => rawStockPerHa(s.p, rng) * (s.cell.area_m2 / 1e4));
  const total = raw.reduce((a, b) => a + b, 0);
  const factor = target.aim / total;
  stands.forEach((s, i) => (s.p.stock_m3 = Math.round(raw[i] * factor * 10) / 10));
  requireIn('stock m³', stands.reduce((a, s) => a + s.p.stock_m3, 0), target);
  return factor;
}

/** Dissolve a cluster's stands into one geometry for the pilot and base layers. */
export function clusterGeometry(c: Cluster): Polygon | MultiPolygon {
  const g = union(c.stands.map((s) => s.cell.geometry));
  if (!g) throw new Error('cluster union is empty');
  return g;
}

export const muOf = (stands: Stand[], pred: (s: Stand) => boolean) =>
  stands.reduce((sum, s) => sum + (pred(s) ? s.cell.area_m2 / M2_PER_MU : 0), 0);
