// The dashboard's year line: which year the figures are for, and — after the data's as-of year — that carbon is a
// growth-model projection and the targets count only work recorded in the data.
import { DATA_AS_OF_YEAR, isProjection } from '../../core/plan/years.ts';
import type { Lang } from '../../ui/i18n-types.ts';

export function YearNote({ year, lang }: { year: number; lang: Lang }) {
  const projection = isProjection(year);
  return (
    <span className={projection ? 'year-note year-note--projection' : 'year-note'} data-testid="dashboard-year" data-year={year}>
      {lang === 'zh' ? `截至${year}年底` : `As of the end of ${year}`}
      {projection && (
        <strong data-testid="dashboard-projection">
          {lang === 'zh' ? `（预测：${DATA_AS_OF_YEAR}年以后的碳储量与碳汇为生长模型预测值）` : ` (projection: carbon after ${DATA_AS_OF_YEAR} is a growth-model projection)`}
        </strong>
      )}
    </span>
  );
}
