// Site comparison: tick two or more saved sites; each is analysed in the planner worker (as the site panel does) and
// shown side by side, with a CSV of the same figures.
import { useState } from 'react';
import { downloadBlob } from '../ui/download.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { localeOf } from '../ui/i18n.ts';
import { analyseOnWorker } from './use-site-analysis.ts';
import { compareRows, comparisonCsv, type Compared } from './compare.ts';
import type { Site } from './site.ts';
import { pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

export function ComparePanel({ lang, sites }: { lang: Lang; sites: Site[] }) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<Compared[] | null>(null);
  const [busy, setBusy] = useState(false);
  if (sites.length < 2) return null;
  if (!open) return <button type="button" data-testid="compare-open" onClick={() => setOpen(true)}>{pt(lang, 'compareSites')}</button>;
  const picked = sites.filter((s) => chosen.includes(s.id));
  const run = async () => {
    setBusy(true);
    try {
      // Against the stands each site's origin names (a site merged from an imported inventory: that inventory's).
      setResult(await Promise.all(picked.map(async (site) => ({ site, analysis: await analyseOnWorker(site).catch(() => null) }))));
    } finally {
      setBusy(false);
    }
  };
  const rows = result ? compareRows(result, lang) : [];
  const fmt = (v: number | string | null, digits: number) => (v === null ? '—' : typeof v === 'number' ? v.toLocaleString(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }) : v);
  return (
    <section data-testid="compare-panel">
      <h3>{pt(lang, 'siteComparison')}</h3>
      <ul className="planner-compare-pick">
        {sites.map((s) => (
          <li key={s.id}><label className="planner-check"><input type="checkbox" data-testid="compare-pick" checked={chosen.includes(s.id)}
            onChange={(e) => { setResult(null); setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((x) => x !== s.id))); }} />{s.name}</label></li>
        ))}
      </ul>
      <div className="planner-row">
        <button type="button" data-testid="compare-run" disabled={picked.length < 2 || busy} onClick={() => void run()}>{fillText(pt(lang, 'compareSelected'), { pickedCount: picked.length })}</button>
        {result && <button type="button" data-testid="compare-csv" onClick={() => downloadBlob('site-comparison.csv', comparisonCsv(result), 'text/csv;charset=utf-8')}>CSV</button>}
        <button type="button" onClick={() => { setOpen(false); setResult(null); }}>{pt(lang, 'close')}</button>
      </div>
      {picked.length < 2 && <p className="planner-muted planner-small">{pt(lang, 'tickAtLeastTwoSites')}</p>}
      {result && (
        <div style={{ overflowX: 'auto' }}>
          <table className="planner-table" data-testid="compare-table">
            <thead><tr><th scope="col">{pt(lang, 'measure')}</th>{result.map((c) => <th key={c.site.id} scope="col">{c.site.name}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key}><th scope="row">{r.label[lang]}</th>{r.values.map((v, i) => <td key={i} data-value={v ?? ''}>{fmt(v, r.digits)}</td>)}</tr>
              ))}
            </tbody>
          </table>
          <p className="planner-muted planner-small">{pt(lang, 'compareCarbonNote')}</p>
        </div>
      )}
    </section>
  );
}
