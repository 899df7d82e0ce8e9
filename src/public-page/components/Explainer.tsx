// What a carbon sink is and how the figures are estimated, with the formulas and factors from plan-progress.json.
import type { Lang } from '../../ui/i18n-types.ts';
import type { PlanProgressFile } from '../public-data.ts';
import { FACTOR_STATUS, FIGURE_ZH, UI_TEXT } from '../../ui/i18n.ts';

export function Explainer({ plan, lang }: { plan: PlanProgressFile; lang: Lang }) {
  return (
    <section className="pub-section" aria-labelledby="explain-h" data-testid="explainer">
      <h2 id="explain-h">{UI_TEXT.explainTitle[lang]}</h2>
      <p>{UI_TEXT.explainSink[lang]}</p>
      <p>{UI_TEXT.explainMethod[lang]}</p>
      <details>
        <summary>{UI_TEXT.factorsTitle[lang]}</summary>
        <p className="pub-note">{plan.method_label}</p>
        {plan.method_notes.map((n) => (
          <div key={n.figure} className="method-block">
            <h4>{lang === 'zh' ? FIGURE_ZH[n.figure] ?? n.figure : n.figure}</h4>
            <p className="formula">{n.formula}</p>
            {n.parameters.length > 0 && (
              <div className="table-scroll">
                <table className="factor-table">
                  <tbody>
                    {n.parameters.map((p) => (
                      <tr key={p.name}>
                        <th scope="row">{p.name}</th>
                        <td>{p.value} {p.unit === '—' ? '' : p.unit}</td>
                        <td>{FACTOR_STATUS[p.status]?.[lang] ?? p.status}</td>
                        <td className="factor-source">{p.source}</td>
                        <td className="factor-source">{UI_TEXT.uncertaintyCol[lang]}: {p.uncertainty}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ))}
      </details>
    </section>
  );
}
