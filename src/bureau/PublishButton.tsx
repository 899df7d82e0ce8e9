// 发布 (publish) for editors: the server rebuilds the public page's aggregates from the current project state, runs the
// leak scan and serves them as the next numbered snapshot. Until then the public page keeps the last one. The answer
// (success, or the server's refusal) is shown in the UI language; a refusal in red, a success not.
import { useState } from 'react';
import { fillText } from '../ui/fill-text.ts';
import { UI_TEXT } from '../ui/i18n.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { errorText } from '../ui/server-message.ts';
import { apiCall, type BureauSession } from './session.ts';

export function PublishButton({ session, lang }: { session: BureauSession; lang: Lang }) {
  const [state, setState] = useState<{ busy: boolean; message: ((l: Lang) => string) | null; bad: boolean }>({ busy: false, message: null, bad: false });
  const publish = async () => {
    setState({ busy: true, message: null, bad: false });
    try {
      const r = await apiCall<{ n: number }>(session, 'POST', 'api/publish');
      setState({ busy: false, message: (l) => fillText(UI_TEXT.published[l], { n: r.n }), bad: false });
    } catch (e) {
      setState({ busy: false, message: (l) => errorText(e, l), bad: true });
    }
  };
  return (
    <>
      <button type="button" className="lang-switch" data-testid="publish" disabled={state.busy} onClick={() => void publish()} title={UI_TEXT.publishHint[lang]}>
        {state.busy ? UI_TEXT.publishing[lang] : UI_TEXT.publish[lang]}
      </button>
      {state.message && <span data-testid="publish-message" data-bad={state.bad} role={state.bad ? 'alert' : 'status'} className={state.bad ? 'publish-message publish-message--bad' : 'publish-message'}>{state.message(lang)}</span>}
    </>
  );
}
