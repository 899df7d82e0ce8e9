// What a carbon sink is and how the figures are estimated, with the formulas and factors from plan-progress.json.
import type { Lang } from '../../ui/i18n-types.ts';
import type { PlanProgressFile } from '../public-data.ts';
import { FACTOR_STATUS, UI_TEXT } from '../../ui/i18n.ts';
import { methodLabelText, methodNoteText, parameterName, uncertaintyText, unitText } from '../../ui/method-note-text.ts';

export function Explainer({ plan, lang }: { plan: PlanProgressFile; lang: Lang }) {
  return (
    <section className="pub-section" aria-labelledby="explain-h" data-testid="explainer">
      <h2 id="explain-h">{UI_TEXT.explainTitle[lang]}</h2>
      <p>{UI_TEXT.explainSink[lang]}</p>
      <p>{UI_TEXT.explainMethod[lang]}</p>
      <details>
        <summary>{UI_TEXT.factorsTitle[lang]}</summary>
        <p className="pub-note">{methodLabelText(plan.method, plan.method_label, lang)}</p>
        {plan.method_notes.map((n) => (
          <div key={n.figure} className="method-block">
            <h4>{methodNoteText(n, lang).figure}</h4>
            <p className="formula">{methodNoteText(n, lang).formula}</p>
            {n.parameters.length > 0 && (
              <div className="table-scroll">
                <table className="factor-table">
                  <tbody>
                    {n.parameters.map((p) => {
                      const u = uncertaintyText(p.uncertainty, lang);
                      return (
                        <tr key={p.name}>
                          <th scope="row">{parameterName(p.name, lang)}</th>
                          <td>{p.value} {p.unit === '—' ? '' : unitText(p.unit, lang)}</td>
                          <td>{FACTOR_STATUS[p.status]?.[lang] ?? p.status}</td>
                          {/* Sources and provenance notes are citations, kept as the factor table writes them. */}
                          <td className="factor-source" translate="no">{p.source}</td>
                          <td className="factor-source">{UI_TEXT.uncertaintyCol[lang]}{lang === 'zh' ? '：' : ': '}{u.body}{u.note && <>; <span translate="no">{u.note}</span></>}</td>
                        </tr>
                      );
                    })}
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
