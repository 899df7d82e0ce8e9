// The current view as a link (the hash holds indicator, map view and language), with a copy button.
import { useState } from 'react';
import type { Lang } from '../../ui/i18n-types.ts';
import { PUB_TEXT } from '../text.ts';

export function ShareLink({ url, lang }: { url: string; lang: Lang }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <section className="share" aria-labelledby="share-h">
      <h2 id="share-h">{PUB_TEXT.share[lang]}</h2>
      <p className="pub-note">{PUB_TEXT.shareHint[lang]}</p>
      <div className="share__row">
        <input type="text" readOnly value={url} aria-label={PUB_TEXT.share[lang]} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>{copied ? PUB_TEXT.copied[lang] : PUB_TEXT.copy[lang]}</button>
      </div>
    </section>
  );
}
