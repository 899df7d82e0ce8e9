// The workspace: every site with name, type, note and area; rename, retype, annotate, duplicate, delete (with undo).
// The list folds away and finds sites by name, type or note; it scrolls by itself (a few sites high), keeping the
// selected site in view, so the analysis below it stays next to it with any number of sites.
import { useEffect, useRef, useState } from 'react';
import { SITE_TYPE_EN, SITE_TYPES, type SiteType } from '../core/analysis/site-types.ts';
import { codeNames } from '../core/inventory/code-names.ts';
import { formatArea, type AreaUnit } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { valueName } from '../ui/value-names.ts';
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

/** Whether a site answers the search: its name, note or type (either language) contains every word typed. */
export function siteMatches(s: Pick<Site, 'name' | 'note' | 'type'>, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${s.name} ${s.note} ${s.type} ${SITE_TYPE_EN[s.type]}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function WorkspaceList({ lang, sites, unit, selected, onSelect, onChange, onDelete, onDuplicate, readOnly = false, sharing, notSynced, deleteRefused }: Props) {
  const [open, setOpen] = useState(true);
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  // The selected site in view inside the list (not the page: the panel is not scrolled for it).
  useEffect(() => {
    const ul = list.current;
    const li = ul?.querySelector<HTMLElement>('li.is-selected');
    if (!ul || !li) return;
    if (li.offsetTop < ul.scrollTop || li.offsetTop + li.offsetHeight > ul.scrollTop + ul.clientHeight) ul.scrollTop = Math.max(0, li.offsetTop - 4); // offsetTop is from the list (position: relative)
  }, [selected, open]);
  if (sites.length === 0) return <p className="planner-muted" data-testid="planner-empty">{pt(lang, 'noSitesYet')}</p>;
  const shown = query ? sites.filter((s) => siteMatches(s, query)) : sites;
  return (
    <div className="planner-list" data-testid="planner-list">
      <div className="planner-list__head">
        <button type="button" className="planner-link" data-testid="sites-toggle" aria-expanded={open} title={pt(lang, open ? 'hideList' : 'showList')} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {fillText(pt(lang, 'sitesHeading'), { count: sites.length })}
        </button>
        {open && sites.length > 3 && (
          <input type="search" data-testid="site-search" className="planner-list__search" value={query} placeholder={pt(lang, 'searchSites')} aria-label={pt(lang, 'searchSites')} onChange={(e) => setQuery(e.target.value)} />
        )}
      </div>
      {open && query && shown.length === 0 && <p className="planner-muted planner-small">{fillText(pt(lang, 'noSiteMatches'), { query })}</p>}
      <ul ref={list} className="planner-sites" data-testid="planner-sites" hidden={!open}>
        {sites.map((s) => (
          <li key={s.id} data-testid="planner-site" data-site-id={s.id} className={s.id === selected ? 'is-selected' : ''} hidden={!shown.includes(s)}>
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
            {s.id === selected && s.attributes && <Attributes lang={lang} attributes={s.attributes} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An imported site's attributes, coded inventory values with their names beside them. */
function Attributes({ lang, attributes }: { lang: Lang; attributes: Record<string, string> }) {
  const names = codeNames(attributes);
  return (
    <details className="planner-small" data-testid="site-attributes">
      <summary>{fillText(pt(lang, 'importedAttributes'), { attributeCount: Object.keys(attributes).length })}</summary>
      <dl className="planner-kv">{Object.entries(attributes).map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{v}{names[k] && <span className="planner-code-name"> {valueName(names[k], lang)}</span>}</dd></div>
      ))}</dl>
    </details>
  );
}
