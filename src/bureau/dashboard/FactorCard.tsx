// The factor card: every factor behind the figures on screen, for the method selected — IPCC rows under ipcc_bef,
// Fang rows under fang — with value, unit, status, source and uncertainty. Kinds not used by the data are left out.
import { DEFAULT_FACTORS } from '../../core/carbon/factors.ts';
import { methodNotes, type FactorKind } from '../../core/carbon/method-notes.ts';
import type { StandMethod } from '../../core/carbon/stand.ts';
import type { PlanProgress } from '../../core/plan/progress.ts';
import { FACTOR_STATUS } from '../../ui/i18n.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { methodNoteText, parameterName, uncertaintyText, unitText } from '../../ui/method-note-text.ts';

/** Factor kinds the figures of this progress rest on. */
export function kindsUsed(p: Pick<PlanProgress, 'summary' | 'county'>): FactorKind[] {
  const m = new Set(p.summary.methodsUsed);
  const k: FactorKind[] = [];
  if (m.has('ipcc_bef') || m.has('fang')) k.push('tree_stock', 'tree_growth', 'tree_consumption');
  if (m.has('bamboo_net_rate')) k.push('bamboo');
  if (m.has('oil_tea_density') || m.has('oil_tea_planting')) k.push('oil_tea');
  const s = p.county.annual_sink_by_source_tCO2e;
  if (m.has('afforestation_curve') || s.carbon_pilots !== 0) k.push('afforestation_curve');
  if (s.wetlands !== 0) k.push('wetland');
  if (s.mines !== 0 || p.county.carbon_stock_by_source_tCO2e.mines !== 0) k.push('mine');
  k.push('avoided');
  return k;
}

export function FactorCard({ method, progress, lang }: { method: StandMethod; progress: PlanProgress; lang: Lang }) {
  const groups = [...new Set(progress.by_species_age.map((r) => r.species_group))];
  const notes = methodNotes(DEFAULT_FACTORS, method, groups, kindsUsed(progress));
  return (
    <section aria-label="factors" data-testid="factor-card" data-method={method}>
      <h3>{lang === 'zh' ? '系数表（随所选方法；来源、核实状态与不确定性）' : 'Factors (for the selected method: source, status, uncertainty)'}</h3>
      <p className="method-note">{lang === 'zh' ? '因子表版本' : 'Factor table'} {DEFAULT_FACTORS.version}</p>
      {notes.map((n) => (
        <div key={n.figure} className="factor-block" data-figure={n.figure}>
          <h4>{methodNoteText(n, lang).figure}</h4>
          <p className="method-note">{methodNoteText(n, lang).formula}</p>
          <table className="data-table" data-testid="factor-table">
            <thead>
              <tr>
                <th>{lang === 'zh' ? '系数' : 'Factor'}</th><th>{lang === 'zh' ? '值' : 'Value'}</th><th>{lang === 'zh' ? '单位' : 'Unit'}</th>
                <th>{lang === 'zh' ? '状态' : 'Status'}</th><th>{lang === 'zh' ? '不确定性' : 'Uncertainty'}</th><th>{lang === 'zh' ? '来源' : 'Source'}</th>
              </tr>
            </thead>
            <tbody>
              {n.parameters.map((p) => {
                const u = uncertaintyText(p.uncertainty, lang);
                return (
                  <tr key={p.name} data-status={p.status}>
                    <td>{parameterName(p.name, lang)}</td><td>{p.value}</td><td>{unitText(p.unit, lang)}</td><td>{FACTOR_STATUS[p.status]?.[lang] ?? p.status}</td>
                    {/* Sources and provenance notes are citations, kept as the factor table writes them. */}
                    <td className="factor-source">{u.body}{u.note && <>; <span translate="no">{u.note}</span></>}</td><td className="factor-source" translate="no">{p.source}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
