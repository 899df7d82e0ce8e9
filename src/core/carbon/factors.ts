// The carbon factor table: every number the model uses, with its unit, source and verification status.
// It is plain data so a bureau can replace it (e.g. a JSON file passed to the CLI with --factors) without touching
// the formulas. Sources and statuses follow /shared/reference/carbon-methods.md; status meanings:
//   verified      – the number was read in the named source;
//   corroborated  – seen only in secondary text quoting the source;
//   unverified    – recalled or an engineering assumption: check against the primary document before relying on it.

export type FactorStatus = 'verified' | 'corroborated' | 'unverified';

export interface Factor {
  value: number;
  unit: string;
  source: string;
  status: FactorStatus;
  note?: string;
}

/** IPCC Tier 2 volume–biomass parameters of one species group (省级清单指南 2011 table, §2.1). */
export interface BefRow {
  D: number; // basic wood density, t DM / m³
  BEF: number; // aboveground biomass / stem biomass
  R: number; // root:shoot ratio
  CF: number; // carbon fraction, t C / t DM
}

/** Fang et al. biomass–volume function B = a·V + b (t/hm², V in m³/hm²), §1.2. */
export interface FangRow {
  a: number;
  b: number;
}

export const AGE_GROUP_KEYS = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'] as const;
export type AgeGroupKey = (typeof AGE_GROUP_KEYS)[number];

export interface CarbonFactors {
  version: string;
  bef: { rows: Record<string, BefRow>; unit: string; source: string; status: FactorStatus; note: string };
  fang: { rows: Record<string, FangRow>; unit: string; source: string; status: FactorStatus; note: string };
  /** Carbon fraction applied to Fang biomass (Fang's paper gives biomass only). */
  fangCF: Factor;
  /** Annual gross volume growth rate (fraction of standing volume per year) by species group, then age group.
   *  Key '*' is the default for any group without its own row. */
  volumeGrowth: {
    rows: Record<string, Record<AgeGroupKey, number>>;
    unit: string;
    source: string;
    status: FactorStatus;
    note: string;
  };
  bambooDensity: Factor; // t C/ha, biomass
  bambooSink: Factor; // t C/ha/yr
  oilTeaDensity: Factor; // t C/ha, plant
  oilTeaSink: Factor; // t C/ha/yr
  wetlandBurial: Factor; // t C/ha/yr
  /** Afforestation growth curve C(t) = A·(1 − e^(−k·t))^c in t C/ha (tree layer), t in years since planting. */
  afforestationCurve: { A: number; k: number; c: number; unit: string; source: string; status: FactorStatus; note: string };
  mineSiteFactor: Factor; // multiplier on the afforestation curve for poor mine substrate
  mineSoilAccrual: Factor; // t C/ha/yr soil organic carbon on restored mine land
  mineSoilYears: Factor; // years during which soil accrual applies
  pvFullLoadHours: Factor; // h/yr
  windFullLoadHours: Factor; // h/yr
  gridFactors: Record<string, Factor>; // tCO2/MWh
  defaultGridFactor: string; // key into gridFactors
}

const S21 = '省级温室气体清单编制指南（试行）2011 / AR-CM-001-V01 乔木林 parameter table, as recalled in carbon-methods.md §2.1';
const FANG_SRC =
  '李银 et al. 2016, 植物生态学报 40, Table 1 (citing Fang et al. 2001/2007), carbon-methods.md §1.2';

export const DEFAULT_FACTORS: CarbonFactors = {
  version: 'xingguo-default-2026-11',
  bef: {
    unit: 'D t DM/m³; BEF, R dimensionless; CF t C/t DM',
    source: S21,
    status: 'unverified',
    note: 'To be checked against the guideline. A consistency check against Fang (§2.3) agrees within ±15% at 50–150 m³/ha.',
    rows: {
      杉木: { D: 0.307, BEF: 1.634, R: 0.246, CF: 0.52 },
      马尾松: { D: 0.38, BEF: 1.472, R: 0.187, CF: 0.46 },
      湿地松: { D: 0.424, BEF: 1.614, R: 0.264, CF: 0.511 },
      国外松: { D: 0.424, BEF: 1.631, R: 0.206, CF: 0.511 },
      其他松类: { D: 0.424, BEF: 1.631, R: 0.206, CF: 0.511 },
      硬阔: { D: 0.598, BEF: 1.674, R: 0.261, CF: 0.497 },
      软阔: { D: 0.443, BEF: 1.586, R: 0.289, CF: 0.485 },
      桉树: { D: 0.578, BEF: 1.263, R: 0.221, CF: 0.525 },
      针阔混: { D: 0.486, BEF: 1.656, R: 0.248, CF: 0.498 },
      阔叶混: { D: 0.482, BEF: 1.514, R: 0.262, CF: 0.49 },
      针叶混: { D: 0.405, BEF: 1.587, R: 0.267, CF: 0.51 },
      栎类: { D: 0.676, BEF: 1.355, R: 0.292, CF: 0.5 },
      木荷: { D: 0.598, BEF: 1.894, R: 0.258, CF: 0.497 },
      枫香: { D: 0.598, BEF: 1.765, R: 0.398, CF: 0.497 },
    },
  },
  fang: {
    unit: 'a t/m³, b t/hm²',
    source: FANG_SRC,
    status: 'verified',
    note: 'Total stand biomass; whether roots are included is not stated in the paper (recalled: included).',
    rows: {
      马尾松: { a: 0.5034, b: 20.547 },
      其他松类: { a: 0.5168, b: 33.238 },
      杉木: { a: 0.4652, b: 19.141 },
      柳杉水杉: { a: 0.4158, b: 41.3318 },
      柏木: { a: 0.6129, b: 46.1451 },
      栎类: { a: 1.1453, b: 8.5473 },
      木荷樟: { a: 1.0357, b: 8.0591 },
      硬阔: { a: 1.1783, b: 2.5585 },
      软阔: { a: 0.4754, b: 30.603 },
      针叶混: { a: 0.5894, b: 24.5151 },
      阔叶混: { a: 0.9788, b: 5.3764 },
      针阔混: { a: 0.8136, b: 18.466 },
    },
  },
  fangCF: {
    value: 0.5,
    unit: 't C/t DM',
    source: 'Conventional carbon fraction used with Fang biomass functions',
    status: 'unverified',
  },
  volumeGrowth: {
    unit: 'fraction of standing volume per year',
    source: 'carbon-methods.md §3 default volume growth by age group (midpoints of 幼10–15%, 中6–10%, 近熟4–6%, 成熟2–3%, 过熟~1%)',
    status: 'unverified',
    note: 'Assumption, to be calibrated against local 二类 re-measurement. Same rates for every species group until a group gets its own row.',
    rows: {
      '*': { 幼龄林: 0.125, 中龄林: 0.08, 近熟林: 0.05, 成熟林: 0.025, 过熟林: 0.01 },
    },
  },
  bambooDensity: {
    value: 40.45,
    unit: 't C/ha',
    source: 'Zhang et al. 2014, Forestry 87(5):674–682, moso stand C in southern China (carbon-methods.md §4)',
    status: 'verified',
    note: 'Low end of published moso figures (40–85 t C/ha); chosen to be conservative.',
  },
  bambooSink: {
    value: 6.0,
    unit: 't C/ha/yr',
    source: 'Moso sequestration 6.0–7.6 Mg C/ha/yr along a latitude gradient (carbon-methods.md §4)',
    status: 'unverified',
    note: 'Published range is verified; applying it to every bamboo stand assumes managed, selectively harvested stands.',
  },
  oilTeaDensity: {
    value: 12.857,
    unit: 't C/ha',
    source: 'Camellia gauchowensis middle-aged stand plant C, journal.scau.edu.cn 10.7671/j.issn.1001-411X.201907018',
    status: 'corroborated',
    note: 'Measured for 高州油茶, used as an analogue for 油茶 (C. oleifera); soil C excluded.',
  },
  oilTeaSink: {
    value: 1.5,
    unit: 't C/ha/yr',
    source: 'carbon-methods.md §4: 油茶 annual ~1–2 t C/ha/yr (midpoint)',
    status: 'unverified',
  },
  wetlandBurial: {
    value: 0.22,
    unit: 't C/ha/yr',
    source: 'Chinese lakes organic C burial mean 22 g C/m²/yr, Quaternary International 2017 doi 10.1016/j.quaint.2017.03.047',
    status: 'unverified',
    note: 'Measured value is verified; its use for river/park wetlands is an assumption. CH4 not netted.',
  },
  afforestationCurve: {
    A: 32.5,
    k: 0.129,
    c: 2,
    unit: 't C/ha (tree layer); t in years since planting',
    source:
      'Least-squares fit (c fixed at 2 for a sigmoid start) to Zhejiang planted 杉木 tree-layer C density by age group, carbon-methods.md §3, at assumed age midpoints 5/15.5/23/30.5/40 yr',
    status: 'unverified',
    note: 'Derived here, not published. Replace with a local yield table when one exists.',
  },
  mineSiteFactor: {
    value: 0.75,
    unit: 'multiplier',
    source: 'carbon-methods.md §7 suggested 0.5–1.0 growth multiplier for poor substrate (midpoint)',
    status: 'unverified',
  },
  mineSoilAccrual: {
    value: 0.5,
    unit: 't C/ha/yr',
    source: 'carbon-methods.md §7 suggested 0.5–1.0 t C/ha/yr (low end; review range 0.37–5.68 is verified)',
    status: 'unverified',
  },
  mineSoilYears: {
    value: 20,
    unit: 'yr',
    source: 'carbon-methods.md §7: soil accrual for years 1–20',
    status: 'unverified',
  },
  pvFullLoadHours: {
    value: 1075,
    unit: 'h/yr',
    source: 'carbon-methods.md §8 Jiangxi PV ~1,000–1,150 h (midpoint)',
    status: 'unverified',
  },
  windFullLoadHours: {
    value: 2050,
    unit: 'h/yr',
    source: 'carbon-methods.md §8 Jiangxi wind recent ~1,900–2,200 h (midpoint)',
    status: 'unverified',
  },
  gridFactors: {
    central_2023: {
      value: 0.5271,
      unit: 'tCO2/MWh',
      source: '2023 华中 regional electricity CO2 factor (MEE/NBS announcement; 光明日报 via 163.com)',
      status: 'verified',
    },
    national_2022: {
      value: 0.5703,
      unit: 'tCO2/MWh',
      source: '2022 national grid average EF for 发电行业 reporting (MEE notice), tanpaifang.com',
      status: 'verified',
    },
  },
  defaultGridFactor: 'central_2023',
};

/** C → CO2 by molar mass. */
export const CO2_PER_C = 44 / 12;

/** Check a bureau-supplied factor table; returns a list of problems (empty when usable). */
export function validateFactors(f: unknown): string[] {
  const problems: string[] = [];
  if (!f || typeof f !== 'object') return ['factor table is not an object'];
  const t = f as Partial<CarbonFactors>;
  const num = (path: string, v: unknown, min = 0) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) problems.push(`${path} must be a number ≥ ${min}`);
  };
  for (const [g, r] of Object.entries(t.bef?.rows ?? {})) {
    for (const k of ['D', 'BEF', 'R', 'CF'] as const) num(`bef.rows.${g}.${k}`, r?.[k]);
  }
  if (!t.bef?.rows || Object.keys(t.bef.rows).length === 0) problems.push('bef.rows is missing');
  for (const [g, r] of Object.entries(t.fang?.rows ?? {})) {
    num(`fang.rows.${g}.a`, r?.a);
    num(`fang.rows.${g}.b`, r?.b);
  }
  if (!t.volumeGrowth?.rows?.['*']) problems.push("volumeGrowth.rows['*'] (default row) is missing");
  for (const [g, r] of Object.entries(t.volumeGrowth?.rows ?? {})) {
    for (const a of AGE_GROUP_KEYS) num(`volumeGrowth.rows.${g}.${a}`, r?.[a]);
  }
  const scalar = [
    'fangCF', 'bambooDensity', 'bambooSink', 'oilTeaDensity', 'oilTeaSink', 'wetlandBurial',
    'mineSiteFactor', 'mineSoilAccrual', 'mineSoilYears', 'pvFullLoadHours', 'windFullLoadHours',
  ] as const;
  for (const k of scalar) num(`${k}.value`, (t[k] as Factor | undefined)?.value);
  const c = t.afforestationCurve;
  num('afforestationCurve.A', c?.A);
  num('afforestationCurve.k', c?.k);
  num('afforestationCurve.c', c?.c);
  if (!t.gridFactors || !t.defaultGridFactor || !t.gridFactors[t.defaultGridFactor]) {
    problems.push('defaultGridFactor must name an entry of gridFactors');
  }
  for (const [k, v] of Object.entries(t.gridFactors ?? {})) num(`gridFactors.${k}.value`, v?.value);
  return problems;
}

/** Parse a factor table from JSON text (a bureau's own table); throws with the problems listed. */
export function parseFactorTable(text: string): CarbonFactors {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  const problems = validateFactors(parsed);
  if (problems.length) throw new Error(`invalid factor table: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ' …' : ''}`);
  return parsed as CarbonFactors;
}
