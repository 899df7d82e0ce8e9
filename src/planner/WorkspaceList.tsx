// The workspace: every site with name, type, note and area; rename, retype, annotate, duplicate, delete (with undo).
import { SITE_TYPE_EN, SITE_TYPES, type SiteType } from '../core/analysis/site-types.ts';
import { formatArea, type AreaUnit } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { siteAreaM2, type Site } from './site.ts';
import { pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';

interface Props {
  lang: Lang;
  sites: Site[];
  unit: AreaUnit;
  selected: string | null;
  onSelect: (id: string) => void;
  onChange: (id: string, change: Partial<Pick<Site, 'name' | 'type' | 'note'>>) => void;
  onDelete: (id: string) => void;
  onDuplicate: (id: string) => void;
  /** A viewer: names, types and notes shown, not editable; no duplicate or delete. */
  readOnly?: boolean;
  /** Who may see the site (from the server), or null when it is not on the server. */
  sharing?: (id: string) => string | null;
  /** Why the site is not on the server (refused with the reason, …), or null. */
  notSynced?: (id: string) => string | null;
  /** Why 删除 is refused (someone else's site), or null. */
  deleteRefused?: (id: string) => string | null;
}

export function WorkspaceList({ lang, sites, unit, selected, onSelect, onChange, onDelete, onDuplicate, readOnly = false, sharing, notSynced, deleteRefused }: Props) {
  if (sites.length === 0) return <p className="planner-muted" data-testid="planner-empty">{pt(lang, 'noSitesYet')}</p>;
  return (
    <ul className="planner-sites" data-testid="planner-sites">
      {sites.map((s) => (
        <li key={s.id} data-testid="planner-site" data-site-id={s.id} className={s.id === selected ? 'is-selected' : ''}>
          <div className="planner-site__row">
            <input aria-label={pt(lang, 'name')} data-testid="site-name" value={s.name} onFocus={() => onSelect(s.id)} readOnly={readOnly}
              onChange={(e) => onChange(s.id, { name: e.target.value })} />
            <select aria-label={pt(lang, 'type')} data-testid="site-type" value={s.type} disabled={readOnly} onChange={(e) => onChange(s.id, { type: e.target.value as SiteType })}>
              {SITE_TYPES.map((t) => <option key={t} value={t}>{lang === 'zh' ? t : SITE_TYPE_EN[t]}</option>)}
            </select>
          </div>
          <div className="planner-site__row">
            <button type="button" className="planner-link" data-testid="site-select" onClick={() => onSelect(s.id)}>
              {siteAreaM2(s) > 0 ? formatArea(siteAreaM2(s), unit, lang) : s.geometry.type}
            </button>
            {!readOnly && <button type="button" data-testid="site-duplicate" onClick={() => onDuplicate(s.id)}>{pt(lang, 'duplicate')}</button>}
            {!readOnly && (
              <button type="button" data-testid="site-delete" disabled={!!deleteRefused?.(s.id)} title={deleteRefused?.(s.id) ?? undefined}
                onClick={() => onDelete(s.id)}>{pt(lang, 'delete')}</button>
            )}
          </div>
          {sharing?.(s.id) && <div className="planner-muted planner-small" data-testid="site-sharing">{sharing(s.id)}</div>}
          {notSynced?.(s.id) && <div className="planner-error planner-small" data-testid="site-sync-problem">{fillText(pt(lang, 'siteNotSynced'), { reason: notSynced(s.id)! })}</div>}
          {s.id === selected && (
            <textarea aria-label={pt(lang, 'note')} data-testid="site-note" rows={2} value={s.note} placeholder={pt(lang, 'note')} readOnly={readOnly}
              onChange={(e) => onChange(s.id, { note: e.target.value })} />
          )}
          {s.id === selected && s.attributes && (
            <details className="planner-small" data-testid="site-attributes">
              <summary>{fillText(pt(lang, 'importedAttributes'), { attributeCount: Object.keys(s.attributes).length })}</summary>
              <dl className="planner-kv">{Object.entries(s.attributes).map(([k, v]) => <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
