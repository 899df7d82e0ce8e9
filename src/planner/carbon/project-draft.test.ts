import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectContext } from '../../core/projects/context.ts';
import { parseProject } from '../../core/projects/format.ts';
import { runProject } from '../../core/projects/run.ts';
import { newProject, nextId, projectKey, parcelsGeometry, parcelsOnMap, withParcel, YEAR_COLUMNS, yearsCsv } from './project-draft.ts';

const square = (x: number, y: number, d = 0.002) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

describe('the 碳汇项目 panel draft', () => {
  it('a new project with parcels added is a valid project file', () => {
    let p = newProject('测试', 2027);
    p = withParcel(p, 'A', square(115.3, 26.3), { kind: 'site', site_id: 's1' });
    p = withParcel(p, 'B', square(115.31, 26.3), { kind: 'stand', stand_id: '360732100-001-001' });
    expect(p.parcels.map((x) => x.id)).toEqual(['P1', 'P2']);
    const parsed = parseProject(JSON.parse(JSON.stringify(p)));
    expect(parsed.parcels[1].source).toEqual({ kind: 'stand', stand_id: '360732100-001-001' });
    expect(parsed.designs[0].planting_year).toBe(2027);
    expect(nextId('P', ['P1', 'P3'])).toBe('P2');
    expect(parcelsGeometry(p).coordinates).toHaveLength(2);
    // The server's copy (an id, keys reordered by jsonb) is the same project for the report.
    const reverse = (v: unknown): unknown => (Array.isArray(v) ? v.map(reverse)
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reverse((v as Record<string, unknown>)[k])])) : v);
    const copy = reverse({ ...p, id: 'abc' }) as typeof p;
    expect(JSON.stringify(copy)).not.toBe(JSON.stringify({ ...p, id: 'abc' }));
    expect(projectKey(copy)).toBe(projectKey(p));
    expect(projectKey({ ...p, crediting_years: 31 })).not.toBe(projectKey(p));
    expect(parcelsOnMap(p, null).features.map((f) => f.properties!.status)).toEqual(['pending', 'pending']);
  });

  it('the CSV holds every crediting year at full precision, the map colours follow eligibility', () => {
    const example = parseProject(JSON.parse(readFileSync(new URL('../../../test/fixtures/projects/example-project.json', import.meta.url), 'utf8')));
    // No layers: every parcel is eligible (rules skipped), enough to check the table's shape and numbers.
    const r = runProject({ ...example, options: { ...example.options, mc_draws: 200 } }, projectContext({}));
    const text = yearsCsv(r);
    expect(text.startsWith('\uFEFF')).toBe(true);
    // Numbers only below the comment lines: no quoted cells.
    const [head, ...body] = text.slice(1).split('\r\n').filter((l) => l && !/^"?#/.test(l)).map((l) => l.split(','));
    expect(head).toEqual([...YEAR_COLUMNS]);
    expect(body).toHaveLength(example.crediting_years);
    const col = (c: string) => head.indexOf(c);
    r.years.forEach((y, i) => {
      expect(Number(body[i][col('net_tCO2e')])).toBe(y.net_tCO2e);
      expect(Number(body[i][col('cumulative_95_high')])).toBe(y.cumulative_95[1]);
      expect(Number(body[i][col('revenue_cny_central')])).toBe(r.value.by_year.find((v) => v.year === y.year)!.revenue_cny.central);
    });
    const statuses = parcelsOnMap(example, r).features.map((f) => f.properties!.status);
    expect(statuses).toEqual(r.eligibility.parcels.map((e) => (e.eligible ? 'eligible' : 'failing')));
  });
});
