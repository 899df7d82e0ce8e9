// 发布 (publish) for editors: the server rebuilds the public page's aggregates from the current project state, runs the
// leak scan and serves them as the next numbered snapshot. Until then the public page keeps the last one.
import { useState } from 'react';
import type { Lang } from '../ui/i18n-types.ts';
import { apiCall, type BureauSession } from './session.ts';

export function PublishButton({ session, lang }: { session: BureauSession; lang: Lang }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const zh = lang === 'zh';
  const publish = async () => {
    setState({ busy: true, message: null });
    try {
      const r = await apiCall<{ n: number }>(session, 'POST', 'api/publish');
      setState({ busy: false, message: zh ? `已发布第 ${r.n} 版` : `Published snapshot ${r.n}` });
    } catch (e) {
      setState({ busy: false, message: (e as Error).message });
    }
  };
  return (
    <>
      <button type="button" className="lang-switch" data-testid="publish" disabled={state.busy} onClick={() => void publish()}
        title={zh ? '用当前项目状态更新公众页面' : 'Update the public page from the current project state'}>
        {state.busy ? (zh ? '发布中…' : 'Publishing…') : zh ? '发布' : 'Publish'}
      </button>
      {state.message && <span data-testid="publish-message">{state.message}</span>}
    </>
  );
}
