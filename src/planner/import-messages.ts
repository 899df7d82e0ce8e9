// Import messages a planner can act on, in the UI language: what is wrong, where (feature number counted from 1;
// line and column in a JSON or XML file, also for a NaN coordinate and for the XML parser's own position), and what
// to do — advice that can be followed (the dialog takes loose shapefile parts and a chosen CRS). core/io reports in
// English with the file name in front and 0-based feature labels; this module turns those into the dialog's text,
// names the file once (the dialog shows it above), and rounds coordinates to 6 decimals (~0.1 m) instead of printing
// float noise such as 26.310000000000002. The texts are dictionary entries (src/ui/i18n.ts, i18n-planner-tools.ts).
import type { Lang } from '../ui/i18n-types.ts';
import type { PlannerTextKey } from '../ui/i18n.ts';
import { fillText } from '../ui/fill-text.ts';
import { crsName } from './crs-text.ts';
import { pt } from './text.ts';

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

/** Numbers with more than 6 decimals rounded to 6 (coordinates: ~0.1 m), trailing zeros dropped. */
export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{7,}/g, (n) => String(Number(Number(n).toFixed(6))));
}

type Rule = [RegExp, (m: RegExpExecArray) => string, (m: RegExpExecArray) => string];
/** A rule whose text is a dictionary entry: the pattern, the key, and its values from the match. */
type KeyedRule = [RegExp, PlannerTextKey, (m: RegExpExecArray, lang: Lang) => Record<string, string | number>];

const keyed = (rules: KeyedRule[], text: string, lang: Lang): string | null => {
  for (const [re, key, params] of rules) {
    const m = re.exec(text);
    if (m) return fillText(pt(lang, key), params(m, lang));
  }
  return null;
};

const XML_DETAIL: Rule[] = [
  [/unclosed xml tag\(s\): (.*)/i, (m) => `标签未闭合：${m[1]}`, (m) => `unclosed tag(s): ${m[1]}`],
  [/tag mismatch: "([^"]+)" != "([^"]+)"/i, (m) => `开始标签 <${m[1]}> 与结束标签 </${m[2]}> 不一致`, (m) => `start tag <${m[1]}> does not match end tag </${m[2]}>`],
];

const XML_KEYED: KeyedRule[] = [
  [/entity not found:\s*(&\S*;?)/i, 'xmlUnknownEntity', (m) => ({ entity: m[1] })],
  [/invalid tagName|element parse error|attribute .* (?:without|missing)|unexpected end of input/i, 'xmlBadMarkup', () => ({})],
  [/Extra content at the end of the document|Only one element can be added/i, 'xmlExtraContent', () => ({})],
  [/end tag name contains invalid characters: "?([^"]*)"?/i, 'xmlBadEndTag', (m) => ({ tag: m[1] })],
];

function xmlDetail(raw: string, lang: Lang): string {
  // xmldom says: Reporting fatalError "X" caused Error: X
  const detail = /caused Error: (.*)$/s.exec(raw)?.[1] ?? raw;
  for (const [re, zh, en] of XML_DETAIL) {
    const m = re.exec(detail);
    if (m) return lang === 'zh' ? zh(m) : en(m);
  }
  return keyed(XML_KEYED, detail, lang) ?? detail;
}

/** V8's JSON.parse messages in the UI language, without the position (the line and column are shown in front). */
const JSON_DETAIL: KeyedRule[] = [
  [/Unexpected token '([NI-])'.*?(NaN|Infinity)/s, 'jsonNotANumber', (m) => ({ token: m[2] })],
  [/Unexpected token '([NI])'/, 'jsonNotANumber', (m) => ({ token: m[1] === 'N' ? 'NaN' : 'Infinity' })],
  [/Unexpected end of JSON input/, 'jsonEnded', () => ({})],
  [/Expected ',' or '}' after property value/, 'jsonCommaOrBrace', () => ({})],
  [/Expected ',' or ']' after array element/, 'jsonCommaOrBracket', () => ({})],
  [/Expected property name or '}'|Expected double-quoted property name/, 'jsonPropertyName', () => ({})],
  [/Bad control character in string literal/, 'jsonControlCharacter', () => ({})],
  [/Unterminated string/, 'jsonUnterminatedString', () => ({})],
  [/Bad escaped character|Bad Unicode escape/, 'jsonBadEscape', () => ({})],
  [/Unexpected non-whitespace character after JSON/, 'jsonTrailing', () => ({})],
  [/No number after minus sign|Exponent part is missing a number|Unterminated fractional number/, 'jsonBadNumber', () => ({})],
  [/Unexpected token '([\s\S])'/, 'jsonUnexpected', (m) => ({ token: m[1] })],
];

function jsonProblem(detail: string, lang: Lang): string {
  const nan = /Unexpected token '([NI])'/.test(detail) && /NaN|Infinity/.test(detail);
  const what = keyed(JSON_DETAIL, detail, lang) ?? detail.replace(/ at position \d+( \(line \d+ column \d+\))?/, '');
  return fillText(pt(lang, nan ? 'jsonProblemNaN' : 'jsonProblem'), { detail: what });
}

const PROBLEMS: Rule[] = [
  [/^the file is empty$/, () => '文件是空的。请确认选对了文件、文件已完整保存。', () => 'the file is empty. Check that this is the right file and that it was saved completely.'],
  [/^unsupported file type (\S+); supported: (.*)$/, (m) => `不支持的文件类型 ${m[1]}。支持：${m[2]}。请另存为其中一种格式。`, (m) => `unsupported file type ${m[1]}. Supported: ${m[2]}. Save the data in one of these formats.`],
  [/^truncated or corrupt zip/, () => 'zip 文件不完整或已损坏。请重新下载或重新压缩。', () => 'the zip is truncated or corrupt. Download or zip it again.'],
  [/^no longitude\/latitude columns found.*\(header: (.*)\)$/, (m) => `没有找到经纬度列（表头：${m[1]}）。请把列名改为 lon/lat、经度/纬度 或 x/y。`, (m) => `no longitude/latitude columns (header: ${m[1]}). Name the columns lon/lat, 经度/纬度 or x/y.`],
  [/^the file has a header but no rows$/, () => '只有表头，没有数据行。', () => 'the file has a header but no rows.'],
  [/^the zip holds no \.shp file \(found: (.*)\)$/, (m) => `zip 中没有 .shp 文件（有：${m[1]}）。请把同名的 .shp、.shx、.dbf、.prj 一起压缩。`, (m) => `the zip holds no .shp file (found: ${m[1]}). Zip the .shp, .shx, .dbf and .prj of one layer together.`],
  [/^the zip holds (\S+) but no (\S+) \(.*\)$/, (m) => `zip 中有 ${m[1]}，但缺少 ${m[2]}。Shapefile 需要 .shp、.shx 和 .dbf：请一起压缩。`, (m) => `the zip holds ${m[1]} but no ${m[2]}. A shapefile needs .shp, .shx and .dbf: zip them together.`],
  [/^refused: the XML contains a DOCTYPE\/ENTITY declaration/, () => '已拒绝：XML 中含 DOCTYPE/ENTITY 声明（不允许实体展开和外部实体）。请删除该声明后再导入。', () => 'refused: the XML contains a DOCTYPE/ENTITY declaration (entity expansion and external entities are not allowed). Remove it and import again.'],
  [/^not a (\w+) file \(the root element is <(.*)>\)$/, (m) => `不是 ${m[1]} 文件（根元素是 <${m[2]}>）。请确认文件类型和扩展名一致。`, (m) => `not a ${m[1]} file (the root element is <${m[2]}>). Check that the extension matches the content.`],
  [/^the file is (.*), over the size limit of (.*)$/, (m) => `文件大小 ${m[1]}，超过上限 ${m[2]}。请拆分后再导入。`, (m) => `the file is ${m[1]}, over the limit of ${m[2]}. Split it and import the parts.`],
  [/^more than ([\d,]+) (features|vertices) \(the limit\)/, (m) => `${m[2] === 'features' ? '要素' : '顶点'}超过 ${m[1]} 个（上限）。请拆分或简化后再导入。`, (m) => `more than ${m[1]} ${m[2]} (the limit). Split or simplify the file.`],
  [/^unknown projection in (.*?): (.*)$/, (m) => `无法识别 ${m[1]} 中的投影（${m[2]}）。请在上方“坐标系”中指定，如 EPSG:4526（CGCS2000 3° 带 38），再点“重新读取”。`, (m) => `unknown projection in ${m[1]} (${m[2]}). Choose the CRS above, e.g. EPSG:4526 (CGCS2000 3° zone 38), then Read again.`],
  [/^(\S+\.dbf): (.*)$/, (m) => `属性表 ${m[1]} 无法读取：${m[2]}`, (m) => `the attribute table ${m[1]} cannot be read: ${m[2]}`],
];

const PROBLEMS_KEYED: KeyedRule[] = [
  [/^not a zip file \(expected (.*)\)$/, 'notAZip', (m) => ({ expected: m[1] })],
  [/^entry (.+) is compressed (\d+):1, over the (\d+):1 limit; possible zip bomb$/, 'zipBombRatio', (m) => ({ entry: m[1], ratio: `${m[2]}:1`, limit: `${m[3]}:1` })],
  [/^the zip unpacks to more than (\d+) MB \(the limit\); possible zip bomb$/, 'zipBombSize', (m) => ({ mb: m[1] })],
  [/^the zip has more than (\d+) entries \(the limit\)$/, 'zipTooManyEntries', (m) => ({ max: m[1] })],
  [/^refused: elements are nested more than (\d+) deep \(the limit\)$/, 'xmlTooDeep', (m) => ({ depth: m[1] })],
  [/^the KMZ holds no \.kml file$/, 'kmzNoKml', () => ({})],
  [/^not GeoJSON: (.*)$/, 'notGeoJson', (m) => ({ detail: m[1] })],
  [/^line (\d+): a cell is longer than (\d+) characters/, 'csvCellTooLong', (m) => ({ line: m[1], max: m[2] })],
  [/^line (\d+): a quoted cell is never closed$/, 'csvUnclosedQuote', (m) => ({ line: m[1] })],
  [/^unknown CRS "(.*?)";/, 'unknownCrsChoice', (m) => ({ crs: m[1] })],
  [/^unknown text encoding "(.*?)";/, 'unknownEncoding', (m) => ({ encoding: m[1] })],
  [/^the chosen CRS could not be read: (.*)$/, 'unknownCrsChoice', (m) => ({ crs: m[1] })],
];

const REASONS: Rule[] = [
  [/^(.*?):? ?coordinate (\(.*\)) is out of range.*?( after reprojecting from (.*))?$/, (m) => `${m[1] ? `${m[1]}：` : ''}坐标 ${m[2]} 超出经纬度范围${m[4] ? `（由 ${m[4]} 转换后）` : ''}。请检查经度、纬度是否写反，或坐标系是否选对。`, (m) => `${m[1] ? `${m[1]}: ` : ''}coordinate ${m[2]} is out of range${m[4] ? ` after reprojecting from ${m[4]}` : ''}. Check whether longitude and latitude are swapped, or the CRS is wrong.`],
  [/^(.*?)self-intersection: edge (\d+) of (.*?) crosses edge (\d+) of (.*?) at (\(.*\))$/, (m) => `自相交：${m[3]}第 ${Number(m[2]) + 1} 条边与${m[5]}第 ${Number(m[4]) + 1} 条边在 ${m[6]} 处相交。请在原软件中修正此要素。`, (m) => `self-intersection: edge ${Number(m[2]) + 1} of ${m[3]} crosses edge ${Number(m[4]) + 1} of ${m[5]} at ${m[6]}. Fix this feature in the source software.`],
  [/^(.*?): a ring needs at least 4 positions, has (\d+)$/, (m) => `${m[1]}：环至少需要 4 个点，只有 ${m[2]} 个。`, (m) => `${m[1]}: a ring needs at least 4 positions, has ${m[2]}.`],
  [/^(.*?): the ring has no area/, (m) => `${m[1]}：环的面积为零（所有点在一条线上）。`, (m) => `${m[1]}: the ring has no area (all points on a line).`],
  [/^(.*?): coordinate (\(.*\)) is not a finite number$/, (m) => `${m[1]}：坐标 ${m[2]} 不是有效数字。请在原软件中修正这个坐标，或删除该要素后重新导出。`, (m) => `${m[1]}: coordinate ${m[2]} is not a number. Fix this coordinate in the source software, or delete the feature and export again.`],
  [/^no geometry$|^null geometry|has no geometry/, () => '没有几何图形。', () => 'no geometry.'],
  [/^(.*?): closed the ring$/, (m) => `${m[1]}：已闭合环（首尾点补齐）。`, (m) => `${m[1]}: closed the ring.`],
  [/^(.*?): reversed the winding/, (m) => `${m[1]}：已调整环的方向（外环逆时针、内环顺时针，RFC 7946）。`, (m) => `${m[1]}: reversed the winding (RFC 7946).`],
  [/^(.*?): removed (\d+) repeated points?$/, (m) => `${m[1]}：删除了 ${m[2]} 个重复点。`, (m) => `${m[1]}: removed ${m[2]} repeated point(s).`],
];

const REASONS_KEYED: KeyedRule[] = [
  [/^GeometryCollection nested too deeply$/, 'reasonNestedTooDeeply', () => ({})],
  [/^row (\d+) \(line (\d+)\): (.*?): not valid WKT: .* at character (\d+)$/, 'reasonBadWkt', (m) => ({ line: m[2], column: m[3], char: m[4] })],
  [/^row (\d+) \(line (\d+)\): (.*?) "(.*)" is not a number$/, 'reasonNotANumber', (m) => ({ line: m[2], column: m[3], value: m[4] })],
];

/** Rules for core/io's warnings: coordinate systems assumed, columns swapped, shapefile parts. */
const WARNINGS_KEYED: KeyedRule[] = [
  [/^no CRS given; coordinates look like lon\/lat, read as WGS84$/, 'warnLonLat', () => ({})],
  [/^no CRS given and the coordinates are neither lon\/lat nor Gauss-Krüger/, 'warnUnknownNumbers', () => ({})],
  [/^no CRS given; 6-digit eastings look like Gauss-Krüger without a zone number: assumed .*? \(EPSG:(\d+), central meridian (\d+)°E\)/, 'warnGkPlain', (m, lang) => ({ name: crsName(`EPSG:${m[1]}`, lang), code: m[1], cm: m[2] })],
  [/^no CRS given; eastings carry zone prefix (\d+): assumed .*? \(EPSG:(\d+), central meridian (\d+)°E\)/, 'warnGkZone', (m, lang) => ({ zone: m[1], name: crsName(`EPSG:${m[2]}`, lang), code: m[2], cm: m[3] })],
  [/^no header row; read column (\d+) as longitude\/x and column (\d+) as latitude\/y$/, 'warnNoHeader', (m) => ({ lon: m[1], lat: m[2] })],
  [/^columns "(.*?)"\/"(.*?)" only make sense swapped/, 'warnSwapped', (m) => ({ x: m[1], y: m[2] })],
  [/^(\d+) rows? with unreadable coordinates left out of their polygon$/, 'warnRowsLeftOut', (m) => ({ count: m[1] })],
  [/^attribute text read as (\S+), detected from the content/, 'warnEncodingDetected', (m) => ({ encoding: m[1] })],
  [/^no (.+)\.shx index; read .* sequentially$/, 'warnNoShx', (m) => ({ base: m[1] })],
  [/^skipped (\d+) records? marked deleted/, 'warnDeletedRecords', (m) => ({ count: m[1] })],
  [/truncated/, 'warnTruncated', () => ({})],
  [/^(KML|GPX) coordinates are WGS84 by definition/, 'warnCrsIgnored', (m) => ({ format: m[1] })],
  [/^the file declares (.*); used the chosen (.*) instead$/, 'warnCrsOverridden', (m) => ({ declared: m[1], chosen: m[2] })],
];

/** The text of a failed import for the dialog (the file name is shown above it, so it is taken off the front). */
export function importProblemText(fileName: string, message: string, lang: Lang, where?: Where | null): string {
  let problem = message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
  problem = roundNumbers(problem);
  const at = where ? (lang === 'zh' ? `第 ${where.line} 行第 ${where.column} 列：` : `line ${where.line}, column ${where.column}: `) : '';
  const json = /^not valid JSON \(([\s\S]*)\)$/.exec(problem);
  if (json) return at + jsonProblem(json[1], lang);
  const xml = /^not well-formed XML(?: at line \d+, column \d+)? \(([\s\S]*)\)$/.exec(problem);
  if (xml) {
    return lang === 'zh' ? `${at}XML 格式错误（${xmlDetail(xml[1], lang)}）。请在该位置检查标签是否成对闭合，或用原软件重新导出。`
      : `${at}not well-formed XML (${xmlDetail(xml[1], lang)}). Check that the tags near that place are closed, or export the file again.`;
  }
  for (const [re, zh, en] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return at + (lang === 'zh' ? zh(m) : en(m));
  }
  const known = keyed(PROBLEMS_KEYED, problem, lang);
  if (known) return at + known;
  return at + fillText(pt(lang, 'importFailed'), { detail: problem });
}

/**
 * A rejected or fixed feature's reason without core/io's 0-based "feature N "name":" label (the dialog numbers
 * features from 1 itself), translated where the pattern is known.
 */
export function featureReasonText(reason: string, lang: Lang): string {
  const bare = roundNumbers(reason.replace(/^feature \d+(?: "[^"]*")?: /, ''));
  for (const [re, zh, en] of REASONS) {
    const m = re.exec(bare);
    if (m) {
      const localized = m.map((x, i) => (i > 0 && x && !/^\(/.test(x) && !/^\d+$/.test(x) ? place(x, lang) : x)) as unknown as RegExpExecArray;
      return lang === 'zh' ? zh(localized) : en(localized);
    }
  }
  return keyed(REASONS_KEYED, bare, lang) ?? (lang === 'zh' ? `（原文）${place(bare, lang)}` : place(bare, lang));
}

/** An import warning (a CRS assumed, columns swapped …) in the UI language; one no rule knows is shown as written. */
export function importWarningText(warning: string, lang: Lang): string {
  const feature = /^feature (\d+): (.*)$/.exec(warning);
  if (feature) return `${fillText(pt(lang, 'featureNumber'), { number: Number(feature[1]) + 1 })}${featureReasonText(feature[2], lang)}`;
  return keyed(WARNINGS_KEYED, warning, lang) ?? warning;
}

/** "outer ring, vertex 3" → "外环第 4 个顶点": the parts of core/io's location labels, numbered from 1. */
function place(where: string, lang: Lang): string {
  if (lang === 'en') return where.replace(/vertex (\d+)/g, (_m, n: string) => `vertex ${Number(n) + 1}`).replace(/edge (\d+)/g, (_m, n: string) => `edge ${Number(n) + 1}`);
  return where
    .replace(/outer ring/g, '外环').replace(/hole (\d+)/g, '第 $1 个内环').replace(/part (\d+)/g, (_m, n: string) => `第 ${Number(n) + 1} 部分`)
    .replace(/,?\s*vertex (\d+)/g, (_m, n: string) => `第 ${Number(n) + 1} 个顶点`).replace(/^point$/, '点').replace(/^line$/, '线');
}
