// Safe XML for KML and GPX. DOCTYPE and ENTITY declarations are refused before parsing: planners' files never
// need them, and they are how "billion laughs" (entity expansion) and external-entity attacks get in.
// xmldom is used because Web Workers have no DOMParser.
import { DOMParser } from '@xmldom/xmldom';
import { ImportError, describeError } from './errors.ts';
import { decodeTextFile, encodingLabel } from './text.ts';

/** The encoding an XML declaration names (<?xml version="1.0" encoding="GBK"?>), if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/.exec(head);
  return m ? encodingLabel(m[1]) : undefined;
}

/** Deepest element nesting accepted. Real KML/GPX nests a few Folders deep; the parser and togeojson recurse per level,
 * so a file nesting 10,000 deep overflowed the stack (found by fuzzing). */
export const MAX_XML_DEPTH = 256;

/** Deepest element nesting, counted over the tags; stops counting once past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)[A-Za-z_][^<>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth > max && (max = depth) > limit) break;
  }
  return max;
}

export type XmlDocument = ReturnType<DOMParser['parseFromString']>;

/** Decode and parse; `root` is the expected root element's local name ('kml', 'gpx'). */
export function parseXml(fileName: string, bytes: Uint8Array, root: string, userEncoding?: string): { doc: XmlDocument; encoding: string } {
  const { text, encoding } = decodeTextFile(fileName, bytes, userEncoding ?? declaredEncoding(bytes));
  if (text.trim() === '') throw new ImportError(fileName, 'the file is empty');
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new ImportError(fileName, 'refused: the XML contains a DOCTYPE/ENTITY declaration (entity expansion and external entities are not allowed)');
  }
  const depth = nestingDepth(text, MAX_XML_DEPTH);
  if (depth > MAX_XML_DEPTH) throw new ImportError(fileName, `refused: elements are nested more than ${MAX_XML_DEPTH} deep (the limit)`);
  let doc: XmlDocument;
  // The parser's position when it stopped ("at line L, column C" in the message: the planner shows it to the user).
  let at = '';
  try {
    doc = new DOMParser({
      locator: true,
      onError(level, message, context) {
        const loc = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        if (loc?.lineNumber) at = ` at line ${loc.lineNumber}, column ${loc.columnNumber ?? 1}`;
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new ImportError(fileName, `not well-formed XML${at} (${describeError(e).replace(/^\[xmldom [a-z]+\]\s*/i, '')})`);
  }
  const el = doc.documentElement;
  const name = el ? (el.localName ?? el.nodeName) : '';
  if (name.toLowerCase() !== root) throw new ImportError(fileName, `not a ${root.toUpperCase()} file (the root element is <${name || 'none'}>)`);
  return { doc, encoding };
}
