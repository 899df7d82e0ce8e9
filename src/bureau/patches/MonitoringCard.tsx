// The dashboard's 监测图斑 card: the net annual sink next to the forest loss the checks confirmed (已核查·属实) and the
// loss still to be checked, for the county or the selected township; and the land cover of that area from the
// release's latest land-cover raster (counted in the raster worker).
import { useEffect, useState } from 'react';
import { forestLoss, withStatuses, type PatchTotal } from '../../core/monitoring/patches.ts';
import type { ZoneSummary } from '../../core/raster/zone-summary.ts';
import { fillText } from '../../ui/fill-text.ts';
import { localeOf, UI_TEXT } from '../../ui/i18n.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { ZonalTable } from '../../ui/widgets/ZonalTable.tsx';
import { zoneStatistics } from '../../workers/raster-client.ts';
import { loadPatches, loadStatuses, PATCHES_CHANGED } from './patch-data.ts';

type Key = keyof typeof UI_TEXT;

export function MonitoringCard({ lang, township, annualSink }: { lang: Lang; township: string | null; annualSink: number }) {
  const t = (k: Key) => UI_TEXT[k][lang];
  const [loss, setLoss] = useState<{ confirmed: PatchTotal; pending: PatchTotal } | null>(null);
  const [zonal, setZonal] = useState<{ key: string; summaries?: ZoneSummary[]; ms?: number; error?: string }>({ key: '' });
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const bump = () => setRevision((r) => r + 1);
    window.addEventListener(PATCHES_CHANGED, bump);
    return () => window.removeEventListener(PATCHES_CHANGED, bump);
  }, []);
  useEffect(() => {
    let live = true;
    Promise.all([loadPatches(), loadStatuses()]).then(
      ([d, a]) => live && setLoss(forestLoss(withStatuses(d.features, a.statuses), township)),
      () => live && setLoss(null),
    );
    return () => { live = false; };
  }, [township, revision]);
  const key = township ?? 'county';
  useEffect(() => {
    let live = true;
    setZonal({ key });
    zoneStatistics(township ? { kind: 'township', code: township } : { kind: 'county' }).then(
      (r) => live && setZonal({ key, summaries: r?.summaries ?? [], ms: r?.ms }),
      (e: Error) => live && setZonal({ key, error: e?.message ?? String(e) }),
    );
    return () => { live = false; };
  }, [key, township]);
  const num = (v: number, d = 1) => v.toLocaleString(localeOf(lang), { minimumFractionDigits: d, maximumFractionDigits: d });
  const text = (p: PatchTotal) => fillText(t('monitoringLossValue'), { mu: num(p.area_mu, 2), t: num(p.carbon_stock_tCO2e), n: p.count });
  return (
    <section aria-label="monitoring" data-testid="monitoring-card">
      <h3>{t('monitoringTitle')}</h3>
      <table className="totals">
        <tbody>
          <tr><th scope="row">{t('monitoringSink')}</th><td data-testid="monitoring-sink">{num(annualSink)} tCO₂e</td></tr>
          {loss && (
            <>
              <tr><th scope="row">{t('monitoringVerifiedLoss')}</th><td data-testid="monitoring-confirmed" data-mu={loss.confirmed.area_mu} data-count={loss.confirmed.count}>{text(loss.confirmed)}</td></tr>
              <tr><th scope="row">{t('monitoringPending')}</th><td data-testid="monitoring-pending" data-mu={loss.pending.area_mu} data-count={loss.pending.count}>{text(loss.pending)}</td></tr>
            </>
          )}
        </tbody>
      </table>
      {loss && loss.confirmed.count > 0 && annualSink > 0 && (
        <p className="method-note">{fillText(t('monitoringShare'), { pct: num((100 * loss.confirmed.carbon_stock_tCO2e) / annualSink) })}</p>
      )}
      <h3>{t('dashboardLandCover')}</h3>
      {zonal.key === key && <div data-testid="dashboard-zonal" data-scope={key}><ZonalTable summaries={zonal.error ? [] : zonal.summaries ?? null} error={zonal.error} lang={lang} compact ms={zonal.ms} /></div>}
    </section>
  );
}
