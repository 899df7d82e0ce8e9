// Every server message is keyed (issue 22): no error is built from free text (the ApiError constructor is private and
// no module but errors.ts calls it), every catalogue key is used by the server or the pages, and PostGIS's validity
// reasons map to their keys with the place they name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MESSAGES, apiMessageText } from '../../../src/core/messages/api-messages.ts';
import { FIELD_NAMES, fieldName } from '../../../src/core/messages/field-names.ts';
import { PROJECT_LAYERS } from '../../../src/core/plan/project-edit.ts';
import { LAYERS } from '../../../src/layers/registry.ts';
import { geosError } from '../../../src/server/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sources = (dir: string): string[] => readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
  .map((e) => path.join(e.parentPath, e.name));

describe('keyed server messages', () => {
  it('builds no error from free text: `new ApiError(` only inside src/server/errors.ts', () => {
    const offenders = sources('src').filter((f) => !f.endsWith(path.join('server', 'errors.ts')) && readFileSync(f, 'utf8').includes('new ApiError('));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('uses every key of the catalogue somewhere in src/', () => {
    const all = sources('src').map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(API_MESSAGES).filter((k) => !all.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });

  it('names every project-layer property in both languages (no raw key in the history)', () => {
    for (const l of PROJECT_LAYERS) {
      const fc = JSON.parse(readFileSync(path.join(ROOT, 'data', l.file), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
      for (const f of fc.features) for (const k of Object.keys(f.properties)) if (k !== 'id') expect(Object.hasOwn(FIELD_NAMES, k), `${l.file}: ${k}`).toBe(true);
      // The popups' labels (the history prefers them, layer by layer) exist for the fields they show.
      expect(LAYERS.some((x) => x.source.file === l.file), l.file).toBe(true);
    }
    expect(fieldName('restored_year', 'zh')).toBe('修复年度');
    expect(fieldName('no_such_field', 'zh')).toBe('no_such_field');
    expect(apiMessageText('project.yearRequiredWhenDone', { statusField: 'status', done: '已修复' }, 'zh')).toBe('状态为“已修复”时须填写年份');
    expect(apiMessageText('audit.laterChanges', { count: 2, fields: 'restored_year,status' }, 'zh')).toContain('修复年度、状态');
  });

  it('maps PostGIS validity reasons to keys with the place', () => {
    const e = geosError('Self-intersection[115.35000000001 26.33]');
    expect(e.extra).toMatchObject({ key: 'geometry.selfIntersection', params: { at: '115.35, 26.33' } });
    expect(geosError('Ring Self-intersection[1 2]').extra.key).toBe('geometry.ringSelfIntersection');
    expect(geosError('Hole lies outside shell[1 2]').extra.key).toBe('geometry.holeOutside');
    expect(geosError('something new').extra).toMatchObject({ key: 'geometry.invalidOther', params: { detail: 'something new' } });
    expect(geosError('Too few points in geometry component[1 2]', { field: 'geometry' }).message).toBe('geometry: too few points in a part (near 1, 2)');
  });
});
