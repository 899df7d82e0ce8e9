// Land projects of the plan: wetlands (三(八)3), mine restoration (三(八)1), PV (三(一)2), wind, substations (三(一)3) and
// gas pipelines (三(一)1). Names and capacities the plan gives are real; positions, shapes and statuses are synthetic.
import type { LineString, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { largestPart, roundGeometry } from './geom.ts';
import { distanceM, townshipAt, townshipByName, type Context } from './context.ts';
import type { Cell } from './stand-cells.ts';

type Props = Record<string, string | number | boolean | null>;
export interface Item<G> {
  properties: Props & { id: string };
  geometry: G;
}

const seatOf = (ctx: Context) => ctx.townships[townshipByName(ctx, '潋江镇')].label;

function riverBuffer(ctx: Context, riverId: string, from: number, to: number, halfWidthM: number): Polygon {
  const river = ctx.rivers.find((r) => r.id === riverId)!;
  const part = river.coords.slice(Math.max(0, from), Math.min(river.coords.length, to));
  const g = turf.buffer(turf.lineString(part), halfWidthM / 1000, { units: 'kilometers', steps: 4 });
  if (!g) throw new Error(`wetlands: buffer of ${riverId} failed`);
  return roundGeometry(largestPart(g.geometry));
}

/** Index of the river vertex nearest to p. */
function nearestVertex(ctx: Context, riverId: string, p: Position): number {
  const coords = ctx.rivers.find((r) => r.id === riverId)!.coords;
  let best = 0;
  coords.forEach((q, i) => {
    if (distanceM(ctx, p, q) < distanceM(ctx, p, coords[best])) best = i;
  });
  return best;
}

export function makeWetlands(ctx: Context): Item<Polygon>[] {
  const out: Item<Polygon>[] = [];
  const add = (id: string, name: string, name_en: string, kind: string, geometry: Polygon, restoration: string, year: number | null) => {
    const t = townshipAt(ctx, turf.pointOnFeature(geometry).geometry.coordinates);
    out.push({ properties: { id, name, name_en, kind, township_code: ctx.townships[Math.max(0, t)].code, restoration, restoration_year: year }, geometry });
    ctx.placer.block(geometry);
  };
  // 潋江国家湿地公园: the 潋江 through and downstream of the county seat, ~700 m wide (vertices are ~150 m apart).
  const seatIdx = nearestVertex(ctx, 'lianjiang', seatOf(ctx));
  add('lianjiang-park', '潋江国家湿地公园', 'Lianjiang National Wetland Park', '湿地公园', riverBuffer(ctx, 'lianjiang', seatIdx - 50, seatIdx + 70, 350), '实施中', null);
  const ping = ctx.rivers.find((r) => r.id === 'pingjiang')!.coords.length;
  add('pingjiang-upper', '平江上游河流湿地', 'Upper Ping River wetland', '河流湿地', riverBuffer(ctx, 'pingjiang', Math.floor(ping * 0.12), Math.floor(ping * 0.12) + 45, 160), '规划', null);
  add('pingjiang-lower', '平江埠头段河流湿地', 'Ping River (Butou) wetland', '河流湿地', riverBuffer(ctx, 'pingjiang', Math.floor(ping * 0.72), Math.floor(ping * 0.72) + 40, 170), '已完成', 2023);
  const lian = ctx.rivers.find((r) => r.id === 'lianjiang')!.coords.length;
  add('lianjiang-upper', '潋江梅窖段河流湿地', 'Lian River (Meijiao) wetland', '河流湿地', riverBuffer(ctx, 'lianjiang', Math.floor(lian * 0.25), Math.floor(lian * 0.25) + 40, 150), '规划', null);
  // 小微湿地: small ponds and marshes near villages, the restoration work the plan names for the park (三(八)3).
  const statuses: [string, number | null][] = [['已完成', 2022], ['已完成', 2023], ['实施中', null], ['实施中', null], ['规划', null], ['已完成', 2024]];
  const names = ['潋江镇', '长冈乡', '埠头乡', '潋江镇', '高兴镇', '江背镇'];
  names.forEach((tn, k) => {
    const t = townshipByName(ctx, tn);
    const geometry = ctx.placer.footprint(t, ctx.rng.range(1.2, 4.5) * 1e4, (c) => ctx.land.lowland(c.xy) + 0.5 * ctx.rng.random(), 1.3, '小微湿地');
    const cell = nearestCell(ctx, geometry.coordinates[0][0], t);
    const village = ctx.villageOfCell[cell.index];
    const [restoration, year] = statuses[k];
    out.push({
      properties: { id: `micro-${k + 1}`, name: `${village}小微湿地`, name_en: `${village} micro-wetland`, kind: '小微湿地', township_code: ctx.townships[t].code, restoration, restoration_year: year },
      geometry,
    });
  });
  return out;
}

function nearestCell(ctx: Context, p: Position, township: number): Cell {
  let best: Cell | null = null;
  let d = Infinity;
  for (const c of ctx.cells) {
    if (c.township !== township) continue;
    const e = distanceM(ctx, p, c.site);
    if (e < d) [best, d] = [c, e];
  }
  return best!;
}

export function makeMines(ctx: Context): Item<Polygon>[] {
  const hills = (c: Cell) => Math.abs(ctx.land.upland(c.xy) - 0.45) + ctx.rng.random() * 0.3;
  const mines: { tn: string; mineral: string; name?: string; status: string; year: number | null; ha: number }[] = [
    { tn: '兴莲乡', mineral: '砖瓦用（碳质）页岩', name: '兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿', status: '修复中', year: null, ha: 9.6 },
    { tn: '古龙冈镇', mineral: '萤石', status: '已修复', year: 2022, ha: 6.2 },
    { tn: '城岗镇', mineral: '建筑用花岗岩', status: '已修复', year: 2021, ha: 11.5 },
    { tn: '杰村乡', mineral: '萤石', status: '修复中', year: null, ha: 4.8 },
    { tn: '社富乡', mineral: '稀土', status: '已修复', year: 2023, ha: 14.3 },
    { tn: '枫边乡', mineral: '砖瓦用页岩', status: '待修复', year: null, ha: 3.1 },
    { tn: '龙口镇', mineral: '建筑用砂', status: '已修复', year: 2024, ha: 2.7 },
    { tn: '均村乡', mineral: '高岭土', status: '待修复', year: null, ha: 5.4 },
    { tn: '良村镇', mineral: '建筑用花岗岩', status: '修复中', year: null, ha: 7.9 },
  ];
  return mines.map((m, k) => {
    const t = townshipByName(ctx, m.tn);
    const geometry = ctx.placer.footprint(t, m.ha * 1e4, hills, 1.4, `mine ${m.mineral}`);
    const village = ctx.villageOfCell[nearestCell(ctx, geometry.coordinates[0][0], t).index];
    const name = m.name ?? `${m.tn}${village}${m.mineral}矿`;
    return {
      properties: { id: `mine-${String(k + 1).padStart(2, '0')}`, name, township_code: ctx.townships[t].code, mineral: m.mineral, status: m.status, restored_year: m.year, plan_named: Boolean(m.name) },
      geometry,
    };
  });
}

export function makePv(ctx: Context): Item<Polygon>[] {
  // The four projects of 三(一)2, quoted; ~1.9 ha per MW, on low-lying farmland and fish ponds.
  const projects = [
    { id: 'pv-butou-fishery', name: '兴国埠头乡埠头村等50MW渔光互补发电项目', name_en: 'Butou 50 MW fishery–PV project', tn: '埠头乡', mw: 50, kind: '渔光互补', status: '并网', year: 2023 as number | null },
    { id: 'pv-changgang', name: '兴国长冈乡200MW农光互补发电项目', name_en: 'Changgang 200 MW agri–PV project', tn: '长冈乡', mw: 200, kind: '农光互补', status: '在建', year: null },
    { id: 'pv-gaoxing', name: '兴国高兴镇100MW农光互补发电项目', name_en: 'Gaoxing 100 MW agri–PV project', tn: '高兴镇', mw: 100, kind: '农光互补', status: '规划', year: null },
    { id: 'pv-butou-agri', name: '兴国埠头乡50MW农光互补发电项目', name_en: 'Butou 50 MW agri–PV project', tn: '埠头乡', mw: 50, kind: '农光互补', status: '并网', year: 2024 },
  ];
  return projects.map((p) => {
    const t = townshipByName(ctx, p.tn);
    const haPerMw = ctx.rng.range(1.7, 2.2);
    const geometry = ctx.placer.footprint(t, p.mw * haPerMw * 1e4, (c) => ctx.land.lowland(c.xy), 1.5, p.name);
    return { properties: { id: p.id, name: p.name, name_en: p.name_en, township_code: ctx.townships[t].code, capacity_mw: p.mw, kind: p.kind, status: p.status, grid_year: p.year, plan_named: true }, geometry };
  });
}

export function makeWind(ctx: Context): { farms: Item<Polygon>[]; turbines: Item<Position>[] } {
  const farms: Item<Polygon>[] = [];
  const turbines: Item<Position>[] = [];
  const plans = [
    { tn: '杰村乡', mw: 80, unit: 4, status: '并网', year: 2021 as number | null },
    { tn: '均村乡', mw: 50, unit: 5, status: '并网', year: 2023 },
    { tn: '古龙冈镇', mw: 100, unit: 6.25, status: '在建', year: null },
    { tn: '龙口镇', mw: 45, unit: 4.5, status: '规划', year: null },
  ];
  plans.forEach((p, k) => {
    const t = townshipByName(ctx, p.tn);
    const count = Math.round(p.mw / p.unit);
    // Turbines stand on ridges, ~400 m apart, so the farm is a long strip on high ground.
    const geometry = ctx.placer.footprint(t, count * 0.4e6, (c) => -ctx.land.upland(c.xy), 4.5, `wind farm ${p.tn}`);
    const id = `wind-${k + 1}`;
    const name = `兴国${p.tn.slice(0, -1)}风电场`;
    farms.push({ properties: { id, name, name_en: `${ctx.townships[t].name_en} Wind Farm`, township_code: ctx.townships[t].code, capacity_mw: p.mw, turbines: count, status: p.status, grid_year: p.year }, geometry });
    // Turbines along the strip's long axis: the two footprint vertices farthest apart.
    const ring = geometry.coordinates[0];
    let [a, b] = [ring[0], ring[1]];
    for (const p1 of ring) for (const p2 of ring) if (distanceM(ctx, p1, p2) > distanceM(ctx, a, b)) [a, b] = [p1, p2];
    const [pa, pb] = [ctx.proj.toXY(a), ctx.proj.toXY(b)];
    for (let i = 0; i < count; i++) {
      const f = 0.08 + (0.84 * (i + 0.5)) / count;
      const jitter = ctx.rng.range(-60, 60);
      const [dx, dy] = [pb[0] - pa[0], pb[1] - pa[1]];
      const len = Math.hypot(dx, dy);
      const ll = ctx.proj.toLonLat(pa[0] + dx * f - (dy / len) * jitter, pa[1] + dy * f + (dx / len) * jitter);
      turbines.push({ properties: { id: `${id}-t${String(i + 1).padStart(2, '0')}`, farm_id: id, capacity_mw: p.unit, hub_height_m: p.unit >= 6 ? 140 : p.unit >= 5 ? 120 : 100 }, geometry: ll });
    }
  });
  return { farms, turbines };
}

export function makeSubstations(ctx: Context): Item<Position>[] {
  const seat = seatOf(ctx);
  const list = [
    { id: 'sub-nanwai', name: '110千伏南外变电站', tn: '潋江镇', kv: 110, status: '在建', plan: true, near: [seat[0] + 0.004, seat[1] - 0.03] as Position },
    { id: 'sub-changgang', name: '220千伏长冈变电站', tn: '长冈乡', kv: 220, status: '规划', plan: true, near: null },
    { id: 'sub-xingguo', name: '220千伏兴国变电站', tn: '潋江镇', kv: 220, status: '已建', plan: false, near: [seat[0] - 0.035, seat[1] + 0.015] as Position },
    { id: 'sub-gaoxing', name: '110千伏高兴变电站', tn: '高兴镇', kv: 110, status: '已建', plan: false, near: null },
    { id: 'sub-longkou', name: '110千伏龙口变电站', tn: '龙口镇', kv: 110, status: '已建', plan: false, near: null },
    { id: 'sub-liangcun', name: '110千伏良村变电站', tn: '良村镇', kv: 110, status: '已建', plan: false, near: null },
    { id: 'sub-meijiao', name: '110千伏梅窖变电站', tn: '梅窖镇', kv: 110, status: '已建', plan: false, near: null },
  ];
  return list.map((s) => {
    const t = townshipByName(ctx, s.tn);
    const target = s.near ?? ctx.townships[t].label;
    // Near the market town (or the named spot) but on free land.
    const p = ctx.placer.point(t, (c) => distanceM(ctx, c.site, target) / 1000 + (distanceM(ctx, c.site, target) < 600 ? 5 : 0));
    return { properties: { id: s.id, name: s.name, voltage_kv: s.kv, status: s.status, plan_named: s.plan }, geometry: p };
  });
}

/** A gently curving line between two points, like a pipeline following roads. */
function route(ctx: Context, a: Position, b: Position, bend: number): Position[] {
  const [pa, pb] = [ctx.proj.toXY(a), ctx.proj.toXY(b)];
  const [dx, dy] = [pb[0] - pa[0], pb[1] - pa[1]];
  const n = Math.max(4, Math.ceil(Math.hypot(dx, dy) / 300));
  const out: Position[] = [];
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    const off = bend * Math.sin(Math.PI * f) + 60 * Math.sin(7 * Math.PI * f) * Math.sin(Math.PI * f);
    out.push(ctx.proj.toLonLat(pa[0] + dx * f - (dy / Math.hypot(dx, dy)) * off, pa[1] + dy * f + (dx / Math.hypot(dx, dy)) * off));
  }
  return out;
}

export function makeGasPipelines(ctx: Context): Item<LineString>[] {
  const seat = seatOf(ctx);
  const at = (tn: string) => ctx.townships[townshipByName(ctx, tn)].label;
  const off = (p: Position, dLon: number, dLat: number): Position => [p[0] + dLon, p[1] + dLat];
  // 高铁片区: the area around the high-speed railway station, west of the county seat.
  const railArea = off(seat, -0.07, 0.025);
  const lines: [string, string, string, number | null, string, Position, Position, number][] = [
    ['gas-city-main', '县城中压燃气主干管', '已建', null, '县城（潋江镇）', off(seat, -0.03, -0.012), off(seat, 0.03, 0.01), 400],
    ['gas-city-north', '县城燃气北支管', '已建', null, '县城（潋江镇）', off(seat, 0, 0), off(seat, 0.005, 0.03), -200],
    ['gas-city-south', '县城燃气南支管', '已建', null, '县城（潋江镇）', off(seat, 0.002, -0.002), off(seat, -0.004, -0.028), 150],
    ['gas-changgang', '县城—长冈乡天然气管道', '规划', 2030, '长冈乡', off(seat, 0.005, 0.03), at('长冈乡'), 500],
    ['gas-butou', '县城—埠头乡天然气管道', '规划', 2030, '埠头乡', off(seat, -0.03, -0.012), at('埠头乡'), -700],
    ['gas-gaoxing', '县城—高兴镇天然气管道', '规划', 2030, '高兴镇', off(seat, -0.004, -0.028), at('高兴镇'), 600],
    ['gas-rail', '县城—高铁片区天然气管道', '规划', 2030, '高铁片区', off(seat, -0.03, -0.012), railArea, 300],
  ];
  return lines.map(([id, name, status, year, serves, a, b, bend]) => ({
    properties: { id, name, status, target_year: year, serves },
    geometry: roundGeometry({ type: 'LineString', coordinates: route(ctx, a, b, bend) }),
  }));
}

export const areaHa = (g: Polygon) => geodesicArea(g) / 1e4;
