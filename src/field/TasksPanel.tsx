// The walker's open tasks (GET /api/tasks?assignee=me), nearest first from where they stand (by geodesic distance to
// the target's centre; without a position, by due date). Kept by the service worker for offline use.
import { useEffect, useState } from 'react';
import { compassPoint } from '../core/field/navigation.ts';
import { templateForTarget } from '../core/field/templates.ts';
import type { Fix } from '../core/field/track.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { ft } from '../ui/i18n-field.ts';
import { ApiAnswerError, getJson } from './field-api.ts';
import type { FieldTask } from './field-types.ts';
import { distanceText } from './format.ts';
import type { FormSeed } from './ReportForm.tsx';
import { nearestFirst } from './task-order.ts';

interface Props {
  lang: Lang;
  fix: Fix | null;
  onNavigate: (t: FieldTask) => void;
  onReport: (seed: FormSeed) => void;
}

export function TasksPanel({ lang, fix, onNavigate, onReport }: Props) {
  const [tasks, setTasks] = useState<FieldTask[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    getJson<{ tasks: FieldTask[] }>('tasks?assignee=me&status=open')
      .then((b) => setTasks(b.tasks))
      .catch((e: Error) => setProblem(e instanceof ApiAnswerError ? e.text(lang) : e.message));
  }, [lang]);
  if (problem) return <div className="panel"><p className="problem" role="alert">{ft(lang, 'tasks.loadFailed', { reason: problem })}</p></div>;
  if (!tasks) return <div className="panel"><p>…</p></div>;
  if (!tasks.length) return <div className="panel"><p>{ft(lang, 'tasks.none')}</p></div>;
  const rows = nearestFirst(tasks, fix ? [fix.lon, fix.lat] : null);
  return (
    <div className="panel">
      <ol className="task-list" data-testid="tasks">
        {rows.map(({ task, distance, bearing }) => (
          <li key={task.id} data-task={task.id}>
            <strong>{ft(lang, task.target.kind === 'patch' ? 'tasks.patch' : 'tasks.project', { name: task.target.name })}</strong>
            <span>
              {distance !== null && bearing !== null && `${ft(lang, 'tasks.distance', { distance: distanceText(distance, lang) })} ${ft(lang, `dir.${compassPoint(bearing)}`)} `}
              {task.due && ft(lang, 'tasks.due', { due: task.due })}
            </span>
            {task.note && <span className="note">{task.note}</span>}
            <div className="row">
              <button type="button" className="big" onClick={() => onNavigate(task)} disabled={!task.centre}>{ft(lang, 'tasks.go')}</button>
              <button type="button" className="big primary" onClick={() => onReport({
                template: templateForTarget(task.target.kind),
                target: { kind: task.target.kind, layer: task.target.layer ?? undefined, id: task.target.id, name: task.target.name },
                task_id: task.id,
              })}>{ft(lang, 'tasks.report')}</button>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
