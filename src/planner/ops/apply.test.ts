import { describe, expect, it } from 'vitest';
import { applyOp, type PlanOp } from './apply.ts';
import { ids, square } from './fixtures.test-helpers.ts';
import { EMPTY_WORKSPACE } from './workspace.ts';

describe('applyOp', () => {
  it('runs a session of operations to the workspace the planner sees', () => {
    const newId = ids('c');
    const ops: PlanOp[] = [
      { op: 'add-drawn', id: 'd1', geometry: square(115, 26), mode: 'polygon', label: '地块', now: 1 },
      { op: 'add-typed', id: 't1', geometry: { type: 'Point', coordinates: [115.2, 26.2] }, note: '', label: '地块', now: 2 },
      { op: 'edit-details', id: 'd1', details: { name: '东坡', type: '造林' }, now: 3 },
      { op: 'edit-geometry', id: 'd1', geometry: square(115.01, 26), now: 4 },
      { op: 'duplicate', id: 'd1', newId: newId(), suffix: '副本', now: 5 },
      { op: 'delete', id: 't1' },
      { op: 'import', file: 'a.geojson', lang: 'zh', newId, now: 6, features: [{ type: 'Feature', geometry: square(115.3, 26), properties: { 名称: '导入' } }] },
      { op: 'undo-delete' },
    ];
    let ws = EMPTY_WORKSPACE;
    for (const op of ops) ws = applyOp(ws, op).workspace;
    expect(ws.sites.map((s) => [s.id, s.name, s.rev])).toEqual([
      ['d1', '东坡', 2], ['c1', '东坡 副本', 1], ['c2', '导入', 1], ['t1', '地块 2', 1],
    ]);
    expect(ws.deleted).toEqual([]);
  });
});
