// One line above a site's analysis saying which stands it was computed against: the current data release, or the
// reference layer the site was picked or merged from (its own inventory, not the built-in sample) — or that the layer
// named is gone, so the release was used.
import type { Lang } from '../ui/i18n-types.ts';
import { fillText } from '../ui/fill-text.ts';
import type { StandSourceInfo } from '../workers/planner.worker.ts';
import { pt } from './text.ts';

export function StandSource({ lang, source }: { lang: Lang; source: StandSourceInfo }) {
  const count = source.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  // The layer's name is data (the file's name), marked as such inside the sentence.
  const [before, after = ''] = pt(lang, 'standsFromReference').split('{name}');
  return (
    <p className="planner-muted planner-small" data-testid="analysis-stand-source" data-kind={source.kind} data-count={source.count}>
      {source.kind === 'reference'
        ? <>{fillText(before, { count })}<span data-value>{source.name}</span>{fillText(after, { count })}</>
        : fillText(pt(lang, 'standsFromRelease'), { count })}
      {source.kind === 'release' && source.fellBack && <> {pt(lang, 'standsReferenceGone')}</>}
    </p>
  );
}
