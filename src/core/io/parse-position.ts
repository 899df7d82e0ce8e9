// Where in a file a JSON or XML parse failure lies (line and column, 1-based), read from the parser's message and the
// text: the planner worker finds it beside the import, and the import dialog (src/planner/import-messages.ts) says it
// in the UI language. Pure: no DOM.

export interface Where { line: number; column: number }

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): Where {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** The first `ch` outside JSON string literals, or -1. */
function outsideStrings(text: string, ch: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ch) return i;
  }
  return -1;
}

/**
 * Where in the file a JSON or XML parse failure is, when the parser's message allows finding it: V8's "at position N";
 * its "Unexpected token 'N', …"context"… is not valid JSON" (a NaN or Infinity coordinate: found from the context
 * V8 quotes, 10 characters before the token); "Unexpected end of JSON input" and xmldom's unclosed tags (the end);
 * tag mismatches (the wrong end tag); else the XML parser's own "at line L, column C".
 */
export function locateProblem(problem: string, text: string): Where | null {
  const pos = /at position (\d+)/.exec(problem);
  if (pos) return lineColumn(text, Number(pos[1]));
  const token = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(problem);
  if (token) {
    if (token[2]) {
      const at = text.indexOf(token[3]);
      if (at >= 0) return lineColumn(text, at + 10);
    }
    const at = outsideStrings(text, token[1]);
    if (at >= 0) return lineColumn(text, at);
  }
  if (/Unexpected end of JSON input|unclosed xml tag/i.test(problem)) return lineColumn(text, text.trimEnd().length);
  const mismatch = /tag mismatch: "([^"]+)" != "([^"]+)"/i.exec(problem);
  if (mismatch) {
    const at = text.indexOf(`</${mismatch[2]}`);
    if (at >= 0) return lineColumn(text, at);
  }
  const xml = /^(?:.*?: )?not well-formed XML at line (\d+), column (\d+)/.exec(problem);
  if (xml) return { line: Number(xml[1]), column: Number(xml[2]) };
  return null;
}
