// A download's file name from a site name, which may be anything a file or a planner typed. Characters Windows and
// macOS refuse (\ / : * ? " < > |), whitespace, control characters, and the invisible bidi and zero-width marks that
// can disguise an extension ("\u202Egnp.exe" shows as "exe.png") each become "_"; dots at the ends go too.
const UNSAFE = /[\\/:*?"<>|\s\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFF]+/g;

export function fileBase(name: string, fallback = 'site'): string {
  const trimmed = name.replace(UNSAFE, '_').replace(/^[._]+|[._]+$/g, '');
  // By code point, so a cut never splits a surrogate pair.
  const kept = [...trimmed].slice(0, 80).join('');
  return kept || fallback;
}
