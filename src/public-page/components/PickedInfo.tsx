// What the visitor clicked (a township or a project), as text in a live region beside the map.
import type { PickedFeature } from '../../map/MapView.tsx';
import { formatValue } from '../../ui/format-value.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { PROJECT_LAYER } from '../layers.ts';
import { PROJECT_KIND, UI_TEXT } from '../../ui/i18n.ts';

export function PickedInfo({ picked, lang }: { picked: PickedFeature | null; lang: Lang }) {
  if (!picked) return <p className="picked picked--empty" aria-live="polite" data-testid="picked">{UI_TEXT.pickHint[lang]}</p>;
  const p = picked.properties;
  const title = lang === 'en' && p.name_en ? p.name_en : p.name;
  const isProject = picked.layer.id === PROJECT_LAYER;
  return (
    <section className="picked" aria-live="polite" data-testid="picked" data-layer={picked.layer.id}>
      <div className="picked__layer">{isProject ? PROJECT_KIND[String(p.kind)]?.[lang] ?? picked.layer.name[lang] : picked.layer.name[lang]}</div>
      <h3 className="picked__title">{formatValue(title, 'text', lang)}</h3>
      {isProject && <p className="picked__description" data-testid="project-description">{String((lang === 'en' ? p.description_en : p.description_zh) ?? '')}</p>}
      <table>
        <tbody>
          {picked.layer.popup.fields.map((field) => {
            const v = field.key === 'township' && lang === 'en' ? p.township_en || p.township : p[field.key];
            return (
              <tr key={field.key} data-field={field.key}>
                <th scope="row">{field.label[lang]}</th>
                <td>{formatValue(v, field.format, lang)}{field.unit && v !== null && v !== undefined ? ` ${field.unit[lang]}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
