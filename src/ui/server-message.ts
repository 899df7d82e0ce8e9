// A server's answer shown in the UI language. The API answers every error as `{ error, key, params }` (keys and both
// languages in src/core/messages/api-messages.ts): the page shows the catalogue's text for the key, with the
// parameters that name data translated too — field names (by the catalogue), status values (value-names.ts), layer ids
// (by the layer's name) and site types. A `detail` (the core geometry checker's or PostGIS's own words, reached only
// when a client skipped the checks the pages run before sending) is shown as it came. An answer
// without a known key (an older server, a proxy's error page) falls back to its `error`, then to "HTTP <status>".
import { SITE_TYPE_EN, isSiteType } from '../core/analysis/site-types.ts';
import { apiMessageText, isApiMessageKey, type MessageParams } from '../core/messages/api-messages.ts';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import { layersFor } from '../layers/registry.ts';
import type { Lang } from './i18n-types.ts';
import { UI_TEXT } from './i18n.ts';
import { valueName } from './value-names.ts';

/** An error answer of the API (status and parsed body), kept whole so it can be shown in either language later. */
export class ServerError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(serverMessage(status, body, 'en'));
  }

  get key(): string | null {
    const k = (this.body as { key?: unknown } | null)?.key;
    return typeof k === 'string' ? k : null;
  }

  text(lang: Lang): string {
    return serverMessage(this.status, this.body, lang);
  }
}

const layerName = (id: string, lang: Lang): string => {
  const def = PROJECT_LAYERS.find((l) => l.id === id);
  return (def && layersFor('internal').find((l) => l.source.file === def.file)?.name[lang]) ?? id;
};
const list = (v: string, one: (x: string) => string, lang: Lang) => v.split(/,\s*/).map(one).join(lang === 'zh' ? '、' : ', ');

/** The parameters that hold data values or ids, in the UI language (field names are the catalogue's job). */
function translated(params: MessageParams, lang: Lang): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const v = String(value);
    if (name === 'layer') out[name] = layerName(v, lang);
    else if (name === 'layers') out[name] = list(v, (x) => layerName(x, lang), lang);
    else if (name === 'done' || name === 'status') out[name] = valueName(v, lang);
    else if (name === 'values') out[name] = list(v, (x) => valueName(x, lang), lang);
    else if (name === 'types') out[name] = list(v, (x) => (lang === 'en' && isSiteType(x) ? SITE_TYPE_EN[x] : x), lang);
    else out[name] = value;
  }
  return out;
}

/** The message of an error answer in `lang`. */
export function serverMessage(status: number, body: unknown, lang: Lang): string {
  const b = (body && typeof body === 'object' ? body : {}) as { key?: unknown; params?: unknown; error?: unknown };
  if (isApiMessageKey(b.key)) {
    const params = b.params && typeof b.params === 'object' ? (b.params as MessageParams) : {};
    return apiMessageText(b.key, translated(params, lang), lang);
  }
  return typeof b.error === 'string' && b.error ? b.error : `HTTP ${status}`;
}

/** Shows any error: a ServerError in `lang`; fetch's network failure (a TypeError) as "cannot reach the server". */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ServerError) return e.text(lang);
  if (e instanceof TypeError) return UI_TEXT.serverUnreachable[lang];
  return e instanceof Error ? e.message : String(e);
}
