// Coordinates typed or pasted: one point per line as lon/lat or CGCS2000 Gauss-Krüger X/Y (metres); one point makes a
// point site, three or more a polygon (or a line when chosen). Errors name the line and say what to write instead.
import type { Geometry } from 'geojson';
import { useState } from 'react';
import type { Lang } from '../ui/i18n-types.ts';
import { parseCoordinates, type CoordsError } from './coords.ts';
import { crsName } from './crs-text.ts';
import { pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

interface Props { lang: Lang; onAdd: (geometry: Geometry, note: string) => void }

export function CoordinateInput({ lang, onAdd }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [asLine, setAsLine] = useState(false);
  const [error, setError] = useState<CoordsError | null>(null); // shown in the current language
  if (!open) return <button type="button" data-testid="coords-open" onClick={() => setOpen(true)}>{pt(lang, 'typeCoordinates')}</button>;
  const add = () => {
    const r = parseCoordinates(text, asLine);
    if ('key' in r) return setError(r);
    setError(null);
    onAdd(r.geometry, r.crs === 'lonlat' ? '' : fillText(pt(lang, 'coordinatesTypedIn'), { crsName: crsName(r.crs, lang), crs: r.crs }));
    setText('');
    setOpen(false);
  };
  return (
    <div className="planner-dialog" data-testid="coords-dialog">
      <label className="planner-small" htmlFor="planner-coords">{pt(lang, 'coordinateFormatHelp')}</label>
      <textarea id="planner-coords" data-testid="coords-text" rows={4} value={text} onChange={(e) => { setText(e.target.value); setError(null); }}
        placeholder={'115.3512, 26.3305\n115°21′22″E 26°19′58″N\n2913000.00, 38433000.00'} style={{ width: '100%', boxSizing: 'border-box' }} />
      <label className="planner-check planner-small"><input type="checkbox" checked={asLine} onChange={(e) => setAsLine(e.target.checked)} />{pt(lang, 'asALine')}</label>
      {error && <p className="planner-error" role="alert" data-testid="coords-error" data-line={error.line}>{fillText(pt(lang, error.key), error.params)}</p>}
      <div className="planner-dialog__buttons">
        <button type="button" data-testid="coords-add" onClick={add}>{pt(lang, 'addAsASite')}</button>
        <button type="button" onClick={() => { setOpen(false); setError(null); }}>{pt(lang, 'cancel')}</button>
      </div>
    </div>
  );
}
