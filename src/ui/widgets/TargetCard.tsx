// One plan target: the plan's words, section, value against target, a progress bar and the status with any shortfall.
import type { TargetProgress } from '../../core/plan/progress.ts';
import { ruleDetailText, sectionText, useLang } from '../i18n.ts';
import './target-card.css';
import { formatRatio, formatTargetValue, progressPercent, STATUS_TEXT } from './format-target.ts';

/** What a card shows: the bureau passes a full TargetProgress, the public page its public subset (no detail line). */
export type TargetCardView = Pick<TargetProgress, 'id' | 'section' | 'text_zh' | 'text_en' | 'quote' | 'unit' | 'target' | 'target_year' | 'value' | 'ratio' | 'status' | 'shortfall'>
  & { detail?: TargetProgress['detail'] };

export function TargetCard({ t, townshipScope }: { t: TargetCardView; townshipScope: boolean }) {
  const lang = useLang();
  const value = formatTargetValue(t.value, t.unit, lang);
  const target = formatTargetValue(t.target, t.unit, lang);
  return (
    <article className={`target-card target-card--${t.status}`} data-testid={`target-${t.id}`} data-status={t.status}>
      <header>
        <span className="target-card__section">{sectionText(t.section, lang)}</span>
        {townshipScope ? (
          <span className="status-chip">{lang === 'zh' ? '本乡镇贡献' : 'Township contribution'}</span>
        ) : (
          <span className={`status-chip status-chip--${t.status}`}>{STATUS_TEXT[t.status][lang]}</span>
        )}
      </header>
      <p className="target-card__text" title={t.quote}>{lang === 'zh' ? t.text_zh : t.text_en}</p>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progressPercent(t.ratio))}>
        <div className="progress__bar" style={{ width: `${progressPercent(t.ratio)}%` }} />
      </div>
      <p className="target-card__figures">
        <span data-testid="target-value">{value}</span>
        {' / '}
        <span data-testid="target-target">{target}</span>
        {t.target_year ? ` (${t.target_year})` : ''}
        {' · '}
        <span data-testid="target-ratio">{formatRatio(t.ratio, lang)}</span>
      </p>
      {t.shortfall > 0 && !townshipScope && (
        <p className="target-card__shortfall">
          {lang === 'zh' ? '差额' : 'Shortfall'}: <span data-testid="target-shortfall">{formatTargetValue(t.shortfall, t.unit, lang)}</span>
        </p>
      )}
      {t.detail && t.detail.length > 0 && <p className="target-card__detail" data-testid="target-detail">{ruleDetailText(t.detail, lang)}</p>}
    </article>
  );
}
