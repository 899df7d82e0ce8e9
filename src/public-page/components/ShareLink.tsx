// The current view as a link (the hash holds indicator, map view and language), with a copy button.
import { useState } from 'react';
import type { Lang } from '../../ui/i18n-types.ts';
import { UI_TEXT } from '../../ui/i18n.ts';

export function ShareLink({ url, lang }: { url: string; lang: Lang }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <section className="share" aria-labelledby="share-h">
      <h2 id="share-h">{UI_TEXT.share[lang]}</h2>
      <p className="pub-note">{UI_TEXT.shareHint[lang]}</p>
      <div className="share__row">
        <input type="text" readOnly value={url} aria-label={UI_TEXT.share[lang]} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>{copied ? UI_TEXT.copied[lang] : UI_TEXT.copy[lang]}</button>
      </div>
    </section>
  );
}
