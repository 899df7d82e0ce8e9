// A dictionary text with its {placeholders} filled in. Values are inserted as plain text and React renders the result
// as a text node, so a file or feature name can never become markup.
export function fillText(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
