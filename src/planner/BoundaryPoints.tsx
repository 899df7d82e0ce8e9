// 界址点坐标表 of a site (core/geo/boundary-points.ts): each boundary point in CGCS2000 3° Gauss-Krüger with its zone,
// numbered clockwise from the north-west, shown as a table (folded on screen and computed only when opened; open in
// the printed report) and offered as CSV. A table shows at most MAX_ROWS points (a 40,000-vertex survey would be a
// 40,000-row table); the CSV has them all.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { useMemo, useState } from 'react';
import { boundaryPoints, boundaryPointsCsv } from '../core/geo/boundary-points.ts';
import { downloadBlob } from '../ui/download.ts';
import { fillText } from '../ui/fill-text.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { fileBase } from './file-name.ts';
import { pt } from './text.ts';

const isAreal = (g: Geometry): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon';
const fmt = (n: number, d: number) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false });

const MAX_ROWS = 500;

export function BoundaryPoints({ lang, name, geometry, printed = false }: { lang: Lang; name: string; geometry: Geometry; printed?: boolean }) {
  const [open, setOpen] = useState(false);
  if (!isAreal(geometry)) return printed ? null : <p className="planner-muted planner-small">{pt(lang, 'boundaryNotAreal')}</p>;
  if (!printed && !open) {
    return (
      <details className="planner-small" data-testid="boundary-points" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{pt(lang, 'boundaryPoints')}</summary>
      </details>
    );
  }
  return <BoundaryTable lang={lang} name={name} geometry={geometry} printed={printed} onClose={() => setOpen(false)} />;
}

function BoundaryTable({ lang, name, geometry, printed, onClose }: { lang: Lang; name: string; geometry: Polygon | MultiPolygon; printed: boolean; onClose: () => void }) {
  const t = useMemo(() => boundaryPoints(geometry), [geometry]);
  const multi = t.points.some((p) => p.part > 1);
  const table = (
    <table className="planner-table planner-boundary" data-testid="boundary-table" data-zone={t.zone} data-epsg={t.epsg} data-points={t.points.length}>
      <thead><tr><th>{pt(lang, 'pointNo')}</th>{multi && <th>{pt(lang, 'partColumn')}</th>}<th>X</th><th>Y</th><th>{pt(lang, 'sideLength')}</th></tr></thead>
      <tbody>{t.points.slice(0, MAX_ROWS).map((p) => (
        <tr key={p.no} data-ring={p.ring} data-part={p.part}>
          <td>J{p.no}{p.ring > 0 && <span className="planner-muted"> {fillText(pt(lang, 'ringHole'), { hole: p.ring })}</span>}</td>
          {multi && <td>{p.part}</td>}
          <td data-x={p.x}>{fmt(p.x, 3)}</td><td data-y={p.y}>{fmt(p.y, 3)}</td><td>{fmt(p.side_m, 2)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
  const note = (
    <p className="planner-muted planner-small">
      {fillText(pt(lang, 'boundaryPointsNote'), { zone: t.zone, epsg: t.epsg })}
      {t.points.length > MAX_ROWS && <> {fillText(pt(lang, 'boundaryTruncated'), { shown: MAX_ROWS, total: t.points.length })}</>}
    </p>
  );
  if (printed) return <section className="print-report__boundary"><h2>{pt(lang, 'boundaryPoints')}</h2>{note}{table}</section>;
  return (
    <details className="planner-small" data-testid="boundary-points" open onToggle={(e) => { if (!(e.target as HTMLDetailsElement).open) onClose(); }}>
      <summary>{pt(lang, 'boundaryPoints')} ({t.points.length})</summary>
      {note}
      <button type="button" data-testid="boundary-csv" onClick={() => downloadBlob(`${fileBase(name)}-界址点.csv`, boundaryPointsCsv(t, name), 'text/csv;charset=utf-8')}>{pt(lang, 'boundaryCsv')}</button>
      {table}
    </details>
  );
}
