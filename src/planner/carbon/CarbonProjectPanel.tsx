// The planner's 碳汇项目 panel (issue 27): a named set of parcels — the workspace's sites, or release stands picked on
// the map — each with a planting design, a start date, a crediting period and the chosen carbon pools. 计算 runs the
// core's runProject in the planner worker on the layers `npm run project` reads (src/workers/carbon-project.ts), so
// the table here is the CLI's for the exported file. The parcels are drawn on the map by eligibility; the project is
// saved on the server with versions (/api/carbon-projects: 409 on a stale save, history, restore); the per-year table
// exports as CSV and the 项目设计文件（草稿） prints (ProjectDocument.tsx).
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { SITE_CLASSES } from '../../core/carbon/factors.ts';
import { SPECIES_GROUPS } from '../../core/carbon/species-groups.ts';
import { CREDITING_YEARS, POOLS, startYearOf, type PlantingDesign, type Pool, type ProjectFile } from '../../core/projects/format.ts';
import { METHODOLOGY } from '../../core/projects/methodology.ts';
import { PROJECT_PARAMETERS } from '../../core/projects/parameters.ts';
import type { ProjectReport } from '../../core/projects/run.ts';
import { formatArea } from '../../core/geo/units.ts';
import { layerById } from '../../layers/registry.ts';
import type { LayerDef } from '../../layers/types.ts';
import { MapController } from '../../map/map-controller.ts';
import { downloadBlob } from '../../ui/download.ts';
import { fillText } from '../../ui/fill-text.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { errorText } from '../../ui/server-message.ts';
import { dataBaseUrl, planner } from '../../workers/planner-client.ts';
import { fileBase as safeFileName } from '../file-name.ts';
import { captureReportMap, type ReportMap } from '../report-map.ts';
import type { Site } from '../site.ts';
import { colon, pt } from '../text.ts';
import type { PlannerSession } from '../use-server-session.ts';
import { conflictCopy, createProject, deleteProject, listProjects, projectHistory, restoreProject, saveProject, type SavedProject, type SavedVersion } from './carbon-api.ts';
import { ProjectChart } from './ProjectChart.tsx';
import { ProjectDocument } from './ProjectDocument.tsx';
import { isAreal, newDesign, newProject, nextId, parcelsGeometry, parcelsOnMap, projectKey, withParcel, yearsCsv } from './project-draft.ts';
import { EligibilityTable, StrataTable, Totals, YearsTable } from './ProjectResults.tsx';

interface Props { lang: Lang; map: MapLibreMap | null; sites: Site[]; selected: Site | null; session: PlannerSession; visibleLayers: string[] }

type Say = (lang: Lang) => string;
const TREE_GROUPS = Object.values(SPECIES_GROUPS).filter((g) => g.kind === 'tree').map((g) => g.id);

export function CarbonProjectPanel({ lang, map, sites, selected, session, visibleLayers }: Props) {
  const [open, setOpen] = useState(false);
  const [project, setProject] = useState<ProjectFile>(() => newProject(pt('zh', 'cpDefaultName'), new Date().getFullYear() + 1));
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null);
  const [result, setResult] = useState<{ report: ProjectReport; of: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [say, setSay] = useState<Say | null>(null);
  const [list, setList] = useState<SavedProject[]>([]);
  const [history, setHistory] = useState<SavedVersion[] | null>(null);
  const [conflict, setConflict] = useState<SavedProject | null>(null);
  const [picking, setPicking] = useState(false);
  const [print, setPrint] = useState<{ report: ProjectReport; map: ReportMap } | null>(null);
  const server = session.state === 'ready' ? session : null;
  const canSave = !!server && server.role !== 'viewer';
  const key = useMemo(() => projectKey(project), [project]);
  const report = result?.report ?? null;
  const fresh = !!result && result.of === key;

  const refreshList = useCallback(() => {
    if (server) listProjects(server.csrf).then(setList, (e) => setSay(() => (l: Lang) => errorText(e, l)));
  }, [server]);
  useEffect(() => { if (open) refreshList(); }, [open, refreshList]);

  // The parcels on the map, coloured by the last report's eligibility (grey until computed, or after a change).
  useEffect(() => {
    if (!map) return;
    const ctl = MapController.of(map);
    if (!open) { ctl.removeOverlay({ kind: 'carbon-project' }); return; }
    ctl.setOverlay({ kind: 'carbon-project', data: parcelsOnMap(project, fresh ? report : null) });
  }, [map, open, project, report, fresh]);
  useEffect(() => () => { if (map) MapController.of(map).removeOverlay({ kind: 'carbon-project' }); }, [map]);

  // Picking a release stand: the next click on the map (Esc cancels).
  useEffect(() => {
    if (!map || !picking) return;
    const onClick = (e: MapMouseEvent) => {
      setPicking(false);
      void planner().projectStandAt(dataBaseUrl(), e.lngLat.lng, e.lngLat.lat).then((s) => {
        if (!s) { setSay(() => (l: Lang) => pt(l, 'cpNoStandThere')); return; }
        setProject((p) => withParcel(p, fillText(pt(lang, 'cpStandParcelName'), { id: s.stand_id, landClass: s.land_class }), s.geometry, { kind: 'stand', stand_id: s.stand_id }));
      }, (err: Error) => setSay(() => () => err.message));
    };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setPicking(false); };
    map.once('click', onClick);
    map.getCanvas().style.cursor = 'crosshair';
    window.addEventListener('keydown', onKey);
    return () => { map.off('click', onClick); map.getCanvas().style.cursor = ''; window.removeEventListener('keydown', onKey); };
  }, [map, picking, lang]);

  // The printed document opens the print dialog once its map image has loaded and leaves after printing (or Esc).
  useEffect(() => {
    if (!print) return;
    const done = () => setPrint(null);
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') done(); };
    window.addEventListener('afterprint', done, { once: true });
    window.addEventListener('keydown', onKey);
    return () => { window.removeEventListener('afterprint', done); window.removeEventListener('keydown', onKey); };
  }, [print]);

  const edit = (f: (p: ProjectFile) => ProjectFile) => setProject((p) => f(p));
  const editDesign = (id: string, f: (d: PlantingDesign) => PlantingDesign) => edit((p) => ({ ...p, designs: p.designs.map((d) => (d.id === id ? f(d) : d)) }));

  const addSite = (s: Site, p: ProjectFile): ProjectFile => {
    if (!isAreal(s.geometry)) { setSay(() => (l: Lang) => fillText(pt(l, 'cpSiteNotAreal'), { name: s.name })); return p; }
    if (p.parcels.some((x) => x.source.kind === 'site' && x.source.site_id === s.id)) { setSay(() => (l: Lang) => fillText(pt(l, 'cpSiteAlready'), { name: s.name })); return p; }
    return withParcel(p, s.name, s.geometry, { kind: 'site', site_id: s.id });
  };

  const compute = async () => {
    setBusy(true);
    setSay(null);
    try {
      const others = list.filter((x) => x.id !== saved?.id).map((x) => x.project);
      const out = await planner().projectRun(dataBaseUrl(), project, others);
      if (out.ok) setResult({ report: out.report, of: key });
      else setSay(() => (l: Lang) => fillText(pt(l, 'cpBadProject'), { field: out.field || '—', problem: out.problem }));
    } catch (e) {
      setSay(() => (l: Lang) => errorText(e, l));
    } finally {
      setBusy(false);
    }
  };

  const adopt = (s: SavedProject) => {
    setProject({ ...s.project, id: s.id });
    setSaved({ id: s.id, version: s.version });
    setConflict(null);
    setHistory(null);
  };

  const save = async () => {
    if (!server) return;
    setSay(null);
    try {
      const s = saved ? await saveProject(server.csrf, saved.id, saved.version, project) : await createProject(server.csrf, project);
      adopt(s);
      setSay(() => (l: Lang) => fillText(pt(l, 'cpSaved'), { version: s.version }));
      refreshList();
    } catch (e) {
      const current = conflictCopy(e);
      if (current) setConflict(current);
      setSay(() => (l: Lang) => errorText(e, l));
    }
  };

  const remove = async () => {
    if (!server || !saved) return;
    try {
      await deleteProject(server.csrf, saved.id, saved.version);
      setSaved(null);
      setProject((p) => ({ ...p, id: null }));
      refreshList();
    } catch (e) {
      setSay(() => (l: Lang) => errorText(e, l));
    }
  };

  const showHistory = async () => {
    if (!server || !saved) return;
    try { setHistory(await projectHistory(server.csrf, saved.id)); } catch (e) { setSay(() => (l: Lang) => errorText(e, l)); }
  };

  const restore = async (version: number) => {
    if (!server || !saved) return;
    try { adopt(await restoreProject(server.csrf, saved.id, version, saved.version)); refreshList(); } catch (e) { setSay(() => (l: Lang) => errorText(e, l)); }
  };

  const printDocument = async () => {
    if (!map || !report || !project.parcels.length) return;
    setBusy(true);
    try {
      const layers: LayerDef[] = visibleLayers.flatMap((id) => { try { return [layerById(id)]; } catch { return []; } });
      const shot = await captureReportMap(map, parcelsGeometry(project), layers);
      setPrint({ report, map: shot });
    } finally {
      setBusy(false);
    }
  };

  const fileBase = safeFileName(project.name, 'project');
  const start = startYearOf(project);
  const P = PROJECT_PARAMETERS;
  const numberInput = (value: number | null, onValue: (v: number | null) => void, testId: string, step = 1) => (
    <input type="number" step={step} data-testid={testId} value={value ?? ''} onChange={(e) => onValue(e.target.value === '' ? null : Number(e.target.value))} />
  );
  const price = project.value.price_cny_per_tCO2e;
  const setPrice = (k: 'low' | 'central' | 'high', v: number | null) => edit((p) => {
    const cur = p.value.price_cny_per_tCO2e ?? { low: P.priceLow.value, central: P.priceCentral.value, high: P.priceHigh.value };
    return { ...p, value: { ...p.value, price_cny_per_tCO2e: { ...cur, [k]: v ?? 0 } } };
  });

  if (!open) {
    return (
      <section className="cp-panel">
        <button type="button" data-testid="cp-open" onClick={() => setOpen(true)}>{pt(lang, 'cpOpen')}</button>
      </section>
    );
  }
  return (
    <section className="cp-panel" data-testid="cp-panel" data-saved-id={saved?.id ?? ''} data-saved-version={saved?.version ?? 0}>
      <h3>{pt(lang, 'cpTitle')} <button type="button" className="planner-link" onClick={() => { setOpen(false); setPicking(false); }}>{pt(lang, 'cpClose')}</button></h3>
      <p className="planner-small planner-muted">{pt(lang, 'cpIntro')}</p>
      <p className="planner-small planner-muted" data-testid="cp-sample">{pt(lang, 'cpSample')}</p>
      {!server && <p className="planner-small planner-muted">{pt(lang, 'cpNoServer')}</p>}
      {server && server.role === 'viewer' && <p className="planner-small planner-muted">{pt(lang, 'cpViewerNote')}</p>}
      {say && <p className="planner-message" role="status" data-testid="cp-message">{say(lang)} <button type="button" className="planner-link" onClick={() => setSay(null)}>×</button></p>}
      {conflict && (
        <p className="planner-error" data-testid="cp-conflict">{pt(lang, 'cpConflict')}{conflict.name} ({conflict.updated_by}, {conflict.version})
          {' '}<button type="button" data-testid="cp-load-server" onClick={() => adopt(conflict)}>{pt(lang, 'cpLoadServer')}</button></p>
      )}
      {server && list.length > 0 && (
        <div className="planner-row">
          <label>{pt(lang, 'cpSavedProjects')}{colon(lang)}
            <select data-testid="cp-saved-list" value={saved?.id ?? ''} onChange={(e) => { const s = list.find((x) => x.id === e.target.value); if (s) adopt(s); }}>
              <option value="">—</option>
              {list.map((x) => <option key={x.id} value={x.id}>{x.name} (v{x.version}, {x.updated_by})</option>)}
            </select>
          </label>
          <button type="button" onClick={() => { setProject(newProject(pt(lang, 'cpDefaultName'), new Date().getFullYear() + 1)); setSaved(null); setResult(null); setHistory(null); }}>{pt(lang, 'cpNew')}</button>
        </div>
      )}
      <div className="cp-form">
        <label>{pt(lang, 'cpName')}{colon(lang)}<input data-testid="cp-name" value={project.name} maxLength={200} onChange={(e) => edit((p) => ({ ...p, name: e.target.value }))} /></label>
        <label>{pt(lang, 'cpStartDate')}{colon(lang)}<input type="date" data-testid="cp-start" value={project.start_date} onChange={(e) => {
          const v = e.target.value;
          if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
          const y = +v.slice(0, 4);
          edit((p) => ({ ...p, start_date: v, designs: p.designs.map((d) => ({ ...d, planting_year: Math.min(Math.max(d.planting_year, y), y + p.crediting_years - 1) })) }));
        }} /></label>
        <label>{pt(lang, 'cpCrediting')}{colon(lang)}<input type="number" data-testid="cp-crediting" min={CREDITING_YEARS.min} max={CREDITING_YEARS.max} value={project.crediting_years}
          onChange={(e) => edit((p) => ({ ...p, crediting_years: Math.round(Number(e.target.value)) }))} /></label>
        <p className="planner-small planner-muted">{fillText(pt(lang, 'cpCreditingRange'), { min: CREDITING_YEARS.min, max: CREDITING_YEARS.max, source: METHODOLOGY.crediting.source })}</p>
        <fieldset data-testid="cp-pools"><legend>{pt(lang, 'cpPools')}</legend>
          {POOLS.map((pool: Pool) => (
            <label key={pool} className="planner-check"><input type="checkbox" data-pool={pool} checked={project.pools.includes(pool)} disabled={pool === 'trees'}
              onChange={(e) => edit((p) => ({ ...p, pools: e.target.checked ? [...p.pools, pool] : p.pools.filter((x) => x !== pool) }))} />{pt(lang, `cpPool_${pool}`)}</label>
          ))}
          <p className="planner-small planner-muted">{pt(lang, 'cpPoolsNote')}</p>
        </fieldset>
      </div>
      <h4>{pt(lang, 'cpDesigns')}</h4>
      <table className="planner-table cp-table" data-testid="cp-designs">
        <thead><tr><th>{pt(lang, 'cpDesign')}</th><th>{pt(lang, 'cpSpecies')}</th><th>{pt(lang, 'cpDensity')}</th><th>{pt(lang, 'cpPlantingYear')}</th><th>{pt(lang, 'cpSiteClass')}</th></tr></thead>
        <tbody>
          {project.designs.map((d) => (
            <tr key={d.id} data-design={d.id}>
              <td>{d.id}</td>
              <td>
                {d.species.map((s, i) => (
                  <div key={i} className="planner-row">
                    <select data-testid="cp-species" value={s.group} onChange={(e) => editDesign(d.id, (x) => ({ ...x, species: x.species.map((y, j) => (j === i ? { ...y, group: e.target.value } : y)) }))}>
                      {TREE_GROUPS.map((g) => <option key={g} value={g}>{lang === 'zh' ? g : SPECIES_GROUPS[g].en}</option>)}
                    </select>
                    <input type="number" data-testid="cp-share" min={0} max={1} step={0.05} value={s.share}
                      onChange={(e) => editDesign(d.id, (x) => ({ ...x, species: x.species.map((y, j) => (j === i ? { ...y, share: Number(e.target.value) } : y)) }))} />
                    {d.species.length > 1 && <button type="button" className="planner-link" aria-label={pt(lang, 'cpRemoveSpecies')} onClick={() => editDesign(d.id, (x) => ({ ...x, species: x.species.filter((_y, j) => j !== i) }))}>×</button>}
                  </div>
                ))}
                <button type="button" className="planner-link" onClick={() => editDesign(d.id, (x) => ({ ...x, species: [...x.species, { group: TREE_GROUPS.find((g) => !x.species.some((y) => y.group === g)) ?? '杉木', share: 0 }] }))}>{pt(lang, 'cpAddSpecies')}</button>
              </td>
              <td>{numberInput(d.density_per_ha, (v) => editDesign(d.id, (x) => ({ ...x, density_per_ha: v ?? 0 })), 'cp-density', 100)}</td>
              <td>{numberInput(d.planting_year, (v) => editDesign(d.id, (x) => ({ ...x, planting_year: v ?? start })), 'cp-planting-year')}</td>
              <td>
                <select data-testid="cp-site-class" value={d.site_class} onChange={(e) => editDesign(d.id, (x) => ({ ...x, site_class: e.target.value as PlantingDesign['site_class'] }))}>
                  {SITE_CLASSES.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="cp-add-design" onClick={() => edit((p) => ({ ...p, designs: [...p.designs, newDesign(nextId('D', p.designs.map((d) => d.id)), start)] }))}>{pt(lang, 'cpAddDesign')}</button>
      <h4>{pt(lang, 'cpParcels')}</h4>
      <div className="planner-row">
        <button type="button" data-testid="cp-add-selected" disabled={!selected} onClick={() => selected && edit((p) => addSite(selected, p))}>{pt(lang, 'cpAddSelectedSite')}</button>
        <button type="button" data-testid="cp-add-all" disabled={!sites.length} onClick={() => edit((p) => sites.filter((s) => isAreal(s.geometry)).reduce((q, s) => (q.parcels.some((x) => x.source.kind === 'site' && x.source.site_id === s.id) ? q : addSite(s, q)), p))}>{pt(lang, 'cpAddAllSites')}</button>
        <button type="button" data-testid="cp-pick-stand" aria-pressed={picking} disabled={!map} onClick={() => setPicking((x) => !x)}>{pt(lang, 'cpPickStand')}</button>
      </div>
      {picking && <p className="planner-small" data-testid="cp-picking">{pt(lang, 'cpPickStandHint')}</p>}
      {project.parcels.length === 0 ? <p className="planner-muted planner-small">{pt(lang, 'cpNoParcels')}</p> : (
        <table className="planner-table cp-table" data-testid="cp-parcels">
          <tbody>
            {project.parcels.map((x) => {
              const e = fresh ? report?.eligibility.parcels.find((y) => y.id === x.id) : undefined;
              return (
                <tr key={x.id} data-testid="cp-parcel" data-parcel={x.id} data-source={x.source.kind} data-status={!e ? 'pending' : e.eligible ? 'eligible' : 'failing'}>
                  <td>{x.id}</td>
                  <td><span data-value>{x.name}</span><br /><span className="planner-small planner-muted">{pt(lang, x.source.kind === 'site' ? 'cpSourceSite' : x.source.kind === 'stand' ? 'cpSourceStand' : 'cpSourceDrawn')}{x.source.kind === 'stand' ? ` ${x.source.stand_id}` : ''}</span></td>
                  <td>
                    <select data-testid="cp-parcel-design" value={x.design} onChange={(ev) => edit((p) => ({ ...p, parcels: p.parcels.map((y) => (y.id === x.id ? { ...y, design: ev.target.value } : y)) }))}>
                      {project.designs.map((d) => <option key={d.id} value={d.id}>{d.id}</option>)}
                    </select>
                  </td>
                  <td>{e ? <strong className={e.eligible ? 'cp-ok' : 'cp-fail'}>{pt(lang, e.eligible ? 'cpEligible' : 'cpNotEligible')}</strong> : null}</td>
                  <td><button type="button" className="planner-link" data-testid="cp-remove-parcel" onClick={() => edit((p) => ({ ...p, parcels: p.parcels.filter((y) => y.id !== x.id) }))}>{pt(lang, 'cpRemoveParcel')}</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h4>{pt(lang, 'cpValue')}</h4>
      <div className="cp-form">
        <label>{pt(lang, 'cpPriceLow')}{colon(lang)}{numberInput(price?.low ?? P.priceLow.value, (v) => setPrice('low', v), 'cp-price-low')}</label>
        <label>{pt(lang, 'cpPriceCentral')}{colon(lang)}{numberInput(price?.central ?? P.priceCentral.value, (v) => setPrice('central', v), 'cp-price-central')}</label>
        <label>{pt(lang, 'cpPriceHigh')}{colon(lang)}{numberInput(price?.high ?? P.priceHigh.value, (v) => setPrice('high', v), 'cp-price-high')}</label>
        <label>{pt(lang, 'cpDiscountRate')}{colon(lang)}{numberInput(project.value.discount_rate === null ? P.discountRate.value * 100 : +(project.value.discount_rate * 100).toFixed(6),
          (v) => edit((p) => ({ ...p, value: { ...p.value, discount_rate: v === null ? null : v / 100 } })), 'cp-discount', 0.5)}</label>
        <p className="planner-small planner-muted">{fillText(pt(lang, 'cpDefaultsFrom'), { price: P.priceLow.source, rate: P.discountRate.source })}</p>
      </div>
      <div className="planner-row">
        <button type="button" data-testid="cp-run" disabled={busy || !project.parcels.length} onClick={() => void compute()}>{busy ? pt(lang, 'cpRunning') : pt(lang, 'cpRun')}</button>
        {canSave && <button type="button" data-testid="cp-save" disabled={!project.parcels.length} onClick={() => void save()}>{pt(lang, 'cpSave')}</button>}
        <span className="planner-small planner-muted" data-testid="cp-save-state">{saved ? fillText(pt(lang, 'cpSaved'), { version: saved.version }) : pt(lang, 'cpNotSaved')}</span>
        {canSave && saved && <button type="button" data-testid="cp-delete" onClick={() => void remove()}>{pt(lang, 'cpDelete')}</button>}
        {server && saved && <button type="button" data-testid="cp-history" onClick={() => void showHistory()}>{pt(lang, 'cpHistory')}</button>}
      </div>
      {history && (
        <ul className="planner-small" data-testid="cp-history-list">
          {history.map((v) => (
            <li key={v.version} data-version={v.version}>
              {fillText(pt(lang, 'cpVersionLine'), { version: v.version, author: v.author, time: new Date(v.time).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'), change: v.change })}
              {canSave && saved && v.version !== saved.version && !v.deleted && <> <button type="button" className="planner-link" onClick={() => void restore(v.version)}>{pt(lang, 'cpRestore')}</button></>}
            </li>
          ))}
        </ul>
      )}
      {report && !fresh && <p className="planner-message" data-testid="cp-stale">{pt(lang, 'cpStale')}</p>}
      {report && (
        <div data-testid="cp-results" data-fresh={fresh}>
          <p data-testid="cp-methodology"><strong>{report.methodology.label}</strong> — {report.methodology.label_zh}</p>
          <EligibilityTable lang={lang} report={report} />
          <StrataTable lang={lang} report={report} />
          <Totals lang={lang} report={report} />
          <ProjectChart lang={lang} report={report} />
          <div className="planner-row">
            <button type="button" data-testid="cp-export-csv" onClick={() => downloadBlob(`${fileBase}-逐年.csv`, yearsCsv(report), 'text/csv;charset=utf-8')}>{pt(lang, 'cpExportCsv')}</button>
            <button type="button" data-testid="cp-print" disabled={!map || busy || !fresh} onClick={() => void printDocument()}>{pt(lang, 'cpPrint')}</button>
          </div>
          <YearsTable lang={lang} report={report} />
          <p className="planner-small planner-muted">{formatArea(report.eligibility.eligible_area_ha * 10_000, 'ha', lang)}</p>
        </div>
      )}
      <div className="planner-row">
        <button type="button" data-testid="cp-export-json" disabled={!project.parcels.length} onClick={() => downloadBlob(`${fileBase}.json`, `${JSON.stringify(project, null, 1)}\n`, 'application/json')}>{pt(lang, 'cpExportJson')}</button>
      </div>
      {print && createPortal(<ProjectDocument lang={lang} report={print.report} map={print.map} onReady={() => setTimeout(() => window.print(), 50)} />, document.body)}
    </section>
  );
}
