// The workspace: every site with name, type, note and area; rename, retype, annotate, duplicate, delete (with undo).
import { SITE_TYPE_EN, SITE_TYPES, type SiteType } from '../core/analysis/site-types.ts';
import { formatArea, type AreaUnit } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { siteAreaM2, type Site } from './site.ts';
import { tr } from './text.ts';

interface Props {
  lang: Lang;
  sites: Site[];
  unit: AreaUnit;
  selected: string | null;
  onSelect: (id: string) => void;
  onChange: (id: string, change: Partial<Pick<Site, 'name' | 'type' | 'note'>>) => void;
  onDelete: (id: string) => void;
  onDuplicate: (id: string) => void;
}

export function WorkspaceList({ lang, sites, unit, selected, onSelect, onChange, onDelete, onDuplicate }: Props) {
  if (sites.length === 0) return <p className="planner-muted" data-testid="planner-empty">{tr(lang, '工作区还没有地块', 'No sites yet')}</p>;
  return (
    <ul className="planner-sites" data-testid="planner-sites">
      {sites.map((s) => (
        <li key={s.id} data-testid="planner-site" data-site-id={s.id} className={s.id === selected ? 'is-selected' : ''}>
          <div className="planner-site__row">
            <input aria-label={tr(lang, '名称', 'Name')} data-testid="site-name" value={s.name} onFocus={() => onSelect(s.id)}
              onChange={(e) => onChange(s.id, { name: e.target.value })} />
            <select aria-label={tr(lang, '类型', 'Type')} data-testid="site-type" value={s.type} onChange={(e) => onChange(s.id, { type: e.target.value as SiteType })}>
              {SITE_TYPES.map((t) => <option key={t} value={t}>{lang === 'zh' ? t : SITE_TYPE_EN[t]}</option>)}
            </select>
          </div>
          <div className="planner-site__row">
            <button type="button" className="planner-link" data-testid="site-select" onClick={() => onSelect(s.id)}>
              {siteAreaM2(s) > 0 ? formatArea(siteAreaM2(s), unit, lang) : s.geometry.type}
            </button>
            <button type="button" data-testid="site-duplicate" onClick={() => onDuplicate(s.id)}>{tr(lang, '复制', 'Duplicate')}</button>
            <button type="button" data-testid="site-delete" onClick={() => onDelete(s.id)}>{tr(lang, '删除', 'Delete')}</button>
          </div>
          {s.id === selected && (
            <textarea aria-label={tr(lang, '备注', 'Note')} data-testid="site-note" rows={2} value={s.note} placeholder={tr(lang, '备注', 'Note')}
              onChange={(e) => onChange(s.id, { note: e.target.value })} />
          )}
          {s.id === selected && s.attributes && (
            <details className="planner-small" data-testid="site-attributes">
              <summary>{tr(lang, `导入属性（${Object.keys(s.attributes).length}）`, `Imported attributes (${Object.keys(s.attributes).length})`)}</summary>
              <dl className="planner-kv">{Object.entries(s.attributes).map(([k, v]) => <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
