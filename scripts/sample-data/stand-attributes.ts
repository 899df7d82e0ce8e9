// Base 二类 attributes of each forest-land stand, drawn from distributions plausible for southern Jiangxi (赣南):
// 马尾松 on the low eroded hills, 湿地松 plantations, 杉木 and broadleaf higher up, 毛竹 in moist valleys, 油茶 near villages.
import type { AgeGroup, LandClass, Origin, Species, StandProperties } from '../../src/core/inventory/schema.ts';
import type { Rng } from '../../src/core/random.ts';
import type { Landscape } from './landscape.ts';

/** Weight of each species as a function of upland u (0 valley … 1 ridge). */
const SPECIES_WEIGHT: Record<Species, (u: number) => number> = {
  马尾松: (u) => 0.34 * (1.2 - Math.abs(u - 0.35)),
  湿地松: (u) => 0.16 * Math.max(0.05, 1 - 1.6 * u),
  杉木: (u) => 0.2 * (0.3 + u),
  硬阔: (u) => 0.07 * (0.2 + 1.4 * u),
  软阔: (u) => 0.025 * (1.2 - u),
  针阔混: (u) => 0.11 * (0.5 + u),
  阔叶混: (u) => 0.05 * (0.2 + 1.5 * u),
  毛竹: (u) => 0.045 * (1.1 - Math.abs(u - 0.6)),
  油茶: (u) => 0.11 * Math.max(0.05, 1 - 1.8 * u),
  灌木: () => 0.03,
  无: () => 0.008,
};

const AGE_MIX: Partial<Record<Species, [AgeGroup, number][]>> = {
  杉木: [['幼龄林', 30], ['中龄林', 40], ['近熟林', 15], ['成熟林', 12], ['过熟林', 3]],
  马尾松: [['幼龄林', 14], ['中龄林', 44], ['近熟林', 21], ['成熟林', 16], ['过熟林', 5]],
  湿地松: [['幼龄林', 18], ['中龄林', 55], ['近熟林', 19], ['成熟林', 8]],
  硬阔: [['幼龄林', 18], ['中龄林', 40], ['近熟林', 21], ['成熟林', 16], ['过熟林', 5]],
  软阔: [['幼龄林', 25], ['中龄林', 45], ['近熟林', 20], ['成熟林', 10]],
  针阔混: [['幼龄林', 16], ['中龄林', 44], ['近熟林', 22], ['成熟林', 15], ['过熟林', 3]],
  阔叶混: [['幼龄林', 15], ['中龄林', 40], ['近熟林', 23], ['成熟林', 18], ['过熟林', 4]],
  油茶: [['幼龄林', 14], ['中龄林', 36], ['近熟林', 22], ['成熟林', 24], ['过熟林', 4]],
};

/** Share of 天然 origin by species. */
const NATURAL_SHARE: Record<Species, number> = {
  马尾松: 0.62, 湿地松: 0, 杉木: 0.18, 硬阔: 0.9, 软阔: 0.7, 针阔混: 0.72, 阔叶混: 0.92, 毛竹: 0.55, 油茶: 0.04, 灌木: 1, 无: 1,
};

/** Typical standing stock, m³/ha, by species and age group, before the stand's own canopy and noise. */
export const STOCK_M3_PER_HA: Partial<Record<Species, Record<AgeGroup, number>>> = {
  杉木: { 幼龄林: 22, 中龄林: 68, 近熟林: 108, 成熟林: 135, 过熟林: 150 },
  马尾松: { 幼龄林: 14, 中龄林: 46, 近熟林: 74, 成熟林: 94, 过熟林: 108 },
  湿地松: { 幼龄林: 16, 中龄林: 52, 近熟林: 80, 成熟林: 98, 过熟林: 105 },
  硬阔: { 幼龄林: 18, 中龄林: 55, 近熟林: 86, 成熟林: 110, 过熟林: 125 },
  软阔: { 幼龄林: 12, 中龄林: 40, 近熟林: 64, 成熟林: 80, 过熟林: 88 },
  针阔混: { 幼龄林: 18, 中龄林: 56, 近熟林: 86, 成熟林: 106, 过熟林: 118 },
  阔叶混: { 幼龄林: 17, 中龄林: 52, 近熟林: 82, 成熟林: 102, 过熟林: 115 },
};

export type Draft = Omit<StandProperties, 'id' | 'township_code' | 'township_name' | 'village' | 'lin_ban' | 'xiao_ban'>;

const two = (v: number) => Math.round(v * 100) / 100;

export function canopyFor(age: AgeGroup | null, rng: Rng): number {
  switch (age) {
    case '幼龄林':
      return two(rng.range(0.25, 0.55));
    case '中龄林':
      return two(rng.range(0.45, 0.82));
    default:
      return two(rng.range(0.55, 0.9));
  }
}

export function baseAttributes(xy: [number, number], land: Landscape, rng: Rng): Draft {
  const u = land.upland(xy);
  // Species come in patches: each species' weight is modulated by its own smooth noise field, sharpened by a power.
  const weights = (Object.keys(SPECIES_WEIGHT) as Species[]).map((s) => [s, SPECIES_WEIGHT[s](u) * land.patch(s, xy) ** 4] as const);
  const species = rng.weighted(weights);
  const origin: Origin = rng.chance(NATURAL_SHARE[species]) ? '天然' : '人工';
  const draft: Draft = {
    land_class: '乔木林地',
    species,
    origin,
    age_group: null,
    canopy: 0,
    stock_m3: 0,
    upgrade_type: null,
    upgrade_year: null,
    carbon_afforestation: false,
    afforestation_year: null,
    oil_tea_work: null,
    oil_tea_year: null,
    pine_wilt: '无',
  };
  if (species === '毛竹') return { ...draft, land_class: '竹林地', canopy: two(rng.range(0.5, 0.9)) };
  if (species === '灌木') {
    // 特灌林地 (counts as forest) vs 一般灌木林地 (does not): mostly the former in this climate.
    const special = rng.chance(0.72);
    return { ...draft, land_class: special ? '特灌林地' : '一般灌木林地', canopy: two(rng.range(special ? 0.4 : 0.3, special ? 0.75 : 0.55)) };
  }
  if (species === '无') return { ...draft, land_class: rng.chance(0.55) ? '宜林地' : '迹地', origin: '天然' };
  const age = rng.weighted(AGE_MIX[species]!);
  const r = rng.random();
  let land_class: LandClass = '乔木林地';
  let canopy = canopyFor(age, rng);
  if (r < 0.018 && species !== '油茶') {
    land_class = '疏林地';
    canopy = two(rng.range(0.1, 0.19));
  } else if (r < 0.026 && origin === '人工' && species !== '油茶') {
    return { ...draft, land_class: '未成林造林地', age_group: '幼龄林', canopy: two(rng.range(0.05, 0.18)) };
  }
  return { ...draft, land_class, age_group: age, canopy };
}

/** Stock per ha before global calibration: the table value, scaled by canopy, with stand-to-stand noise. */
export function rawStockPerHa(d: Draft, rng: Rng): number {
  if (d.land_class === '疏林地') return rng.range(4, 14);
  if (d.land_class !== '乔木林地' || !d.age_group) return 0;
  const table = STOCK_M3_PER_HA[d.species];
  if (!table) return 0; // 油茶 is economic forest: no timber stock is recorded
  return table[d.age_group] * (d.canopy / 0.65) ** 0.6 * Math.exp(rng.normal(0, 0.18));
}
