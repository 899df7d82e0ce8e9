// The pages' Content-Security-Policy blocks inline scripts and <style> tags. Vite's dev server needs both (its HMR
// client, React Refresh's preamble, CSS injected as <style>), so `npm run dev` drops the CSP meta. Builds — what
// `npm start`, the tests and any deployment serve — keep it unchanged.
import type { Plugin } from 'vite';

export function devWithoutCsp(): Plugin {
  return {
    name: 'xingguo-dev-without-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    },
  };
}
