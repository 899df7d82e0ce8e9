// Coordinates typed or pasted: one point per line as lon/lat or CGCS2000 Gauss-Krüger X/Y (metres); one point makes a
// point site, three or more a polygon (or a line when chosen). Errors name the line and say what to write instead.
import type { Geometry } from 'geojson';
import { useState } from 'react';
import type { Lang } from '../ui/i18n-types.ts';
import { parseCoordinates } from './coords.ts';
import { pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

interface Props { lang: Lang; onAdd: (geometry: Geometry, note: string) => void }

export function CoordinateInput({ lang, onAdd }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [asLine, setAsLine] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open) return <button type="button" data-testid="coords-open" onClick={() => setOpen(true)}>{pt(lang, 'typeCoordinates')}</button>;
  const add = () => {
    const r = parseCoordinates(text, asLine);
    if ('line' in r) return setError(lang === 'zh' ? r.zh : r.en);
    setError(null);
    onAdd(r.geometry, r.crs === 'lonlat' ? '' : fillText(pt(lang, 'coordinatesTypedIn'), { crsName: r.crsName, crs: r.crs }));
    setText('');
    setOpen(false);
  };
  return (
    <div className="planner-dialog" data-testid="coords-dialog">
      <label className="planner-small" htmlFor="planner-coords">{pt(lang, 'coordinateFormatHelp')}</label>
      <textarea id="planner-coords" data-testid="coords-text" rows={4} value={text} onChange={(e) => { setText(e.target.value); setError(null); }}
        placeholder={'115.3512, 26.3305\n115.3561, 26.3305\n115.3561, 26.3349'} style={{ width: '100%', boxSizing: 'border-box' }} />
      <label className="planner-check planner-small"><input type="checkbox" checked={asLine} onChange={(e) => setAsLine(e.target.checked)} />{pt(lang, 'asALine')}</label>
      {error && <p className="planner-error" role="alert" data-testid="coords-error">{error}</p>}
      <div className="planner-dialog__buttons">
        <button type="button" data-testid="coords-add" onClick={add}>{pt(lang, 'addAsASite')}</button>
        <button type="button" onClick={() => { setOpen(false); setError(null); }}>{pt(lang, 'cancel')}</button>
      </div>
    </div>
  );
}
