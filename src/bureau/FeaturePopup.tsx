// Attribute popup for a clicked feature. Everything from data is rendered as React text nodes, never as HTML.
import type { PickedFeature } from '../map/MapView.tsx';
import { formatValue } from '../ui/format-value.ts';
import { useLang } from '../ui/i18n.ts';

export function FeaturePopup({ picked }: { picked: PickedFeature }) {
  const lang = useLang();
  const { layer, properties } = picked;
  const title = properties[layer.popup.title];
  return (
    <div className="feature-popup" data-testid="feature-popup" data-layer={layer.id}>
      <div className="feature-popup__layer">{layer.name[lang]}</div>
      <div className="feature-popup__title">{formatValue(title, 'text', lang)}</div>
      <table>
        <tbody>
          {layer.popup.fields.map((field) => (
            <tr key={field.key} data-field={field.key}>
              <th scope="row">{field.label[lang]}</th>
              <td>
                {formatValue(properties[field.key], field.format, lang)}
                {field.unit && properties[field.key] !== null && properties[field.key] !== undefined ? ` ${field.unit[lang]}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
