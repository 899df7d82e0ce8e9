// Import messages a planner can act on, in the UI language: what is wrong, where (feature number counted from 1;
// line and column in a JSON or XML file), and what to do. core/io reports in English with the file name in front and
// 0-based feature labels; this module turns those into the dialog's text, names the file once (the dialog shows it
// above), and rounds coordinates to 6 decimals (~0.1 m) instead of printing float noise such as 26.310000000000002.
import type { Lang } from '../ui/i18n-types.ts';

export interface Where { line: number; column: number }

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): Where {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/**
 * Where in the file a JSON or XML parse failure is, when the parser's message allows finding it: V8's "at position N",
 * "Unexpected end of JSON input" (the end), xmldom's unclosed tags (the end) and tag mismatches (the wrong end tag).
 */
export function locateProblem(problem: string, text: string): Where | null {
  const pos = /at position (\d+)/.exec(problem);
  if (pos) return lineColumn(text, Number(pos[1]));
  if (/Unexpected end of JSON input|unclosed xml tag/i.test(problem)) return lineColumn(text, text.trimEnd().length);
  const mismatch = /tag mismatch: "([^"]+)" != "([^"]+)"/i.exec(problem);
  if (mismatch) {
    const at = text.indexOf(`</${mismatch[2]}`);
    if (at >= 0) return lineColumn(text, at);
  }
  return null;
}

/** Numbers with more than 6 decimals rounded to 6 (coordinates: ~0.1 m), trailing zeros dropped. */
export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{7,}/g, (n) => String(Number(Number(n).toFixed(6))));
}

type Rule = [RegExp, (m: RegExpExecArray) => string, (m: RegExpExecArray) => string];

const XML_DETAIL: Rule[] = [
  [/unclosed xml tag\(s\): (.*)/i, (m) => `标签未闭合：${m[1]}`, (m) => `unclosed tag(s): ${m[1]}`],
  [/tag mismatch: "([^"]+)" != "([^"]+)"/i, (m) => `开始标签 <${m[1]}> 与结束标签 </${m[2]}> 不一致`, (m) => `start tag <${m[1]}> does not match end tag </${m[2]}>`],
];

function xmlDetail(raw: string, lang: Lang): string {
  // xmldom says: Reporting fatalError "X" caused Error: X
  const detail = /caused Error: (.*)$/.exec(raw)?.[1] ?? raw;
  for (const [re, zh, en] of XML_DETAIL) {
    const m = re.exec(detail);
    if (m) return lang === 'zh' ? zh(m) : en(m);
  }
  return detail;
}

/** "outer ring, vertex 3" → "外环第 4 个顶点": the parts of core/io's location labels, numbered from 1. */
function place(where: string, lang: Lang): string {
  if (lang === 'en') return where.replace(/vertex (\d+)/g, (_m, n: string) => `vertex ${Number(n) + 1}`).replace(/edge (\d+)/g, (_m, n: string) => `edge ${Number(n) + 1}`);
  return where
    .replace(/outer ring/g, '外环').replace(/hole (\d+)/g, '第 $1 个内环').replace(/part (\d+)/g, (_m, n: string) => `第 ${Number(n) + 1} 部分`)
    .replace(/,?\s*vertex (\d+)/g, (_m, n: string) => `第 ${Number(n) + 1} 个顶点`).replace(/^point$/, '点').replace(/^line$/, '线');
}

const PROBLEMS: Rule[] = [
  [/^not valid JSON \((.*)\)$/, (m) => `不是有效的 JSON（${m[1]}）。请在该位置附近检查逗号、括号和引号，或用原软件重新导出。`, (m) => `not valid JSON (${m[1]}). Check the commas, brackets and quotes near that place, or export the file again.`],
  [/^the file is empty$/, () => '文件是空的。请确认选对了文件、文件已完整保存。', () => 'the file is empty. Check that this is the right file and that it was saved completely.'],
  [/^unsupported file type (\S+); supported: (.*)$/, (m) => `不支持的文件类型 ${m[1]}。支持：${m[2]}。请另存为其中一种格式。`, (m) => `unsupported file type ${m[1]}. Supported: ${m[2]}. Save the data in one of these formats.`],
  [/^not a zip file \(expected (.*)\)$/, (m) => `不是 zip 文件（应为 ${m[1]}）。文件可能未下载完整：请重新下载，或直接选择解压后的 .shp/.dbf/.shx/.prj。`, (m) => `not a zip file (expected ${m[1]}). It may be an incomplete download: download it again, or choose the unzipped .shp/.dbf/.shx/.prj files.`],
  [/^truncated or corrupt zip/, () => 'zip 文件不完整或已损坏。请重新下载或重新压缩。', () => 'the zip is truncated or corrupt. Download or zip it again.'],
  [/^no longitude\/latitude columns found.*\(header: (.*)\)$/, (m) => `没有找到经纬度列（表头：${m[1]}）。请把列名改为 lon/lat、经度/纬度 或 x/y。`, (m) => `no longitude/latitude columns (header: ${m[1]}). Name the columns lon/lat, 经度/纬度 or x/y.`],
  [/^the file has a header but no rows$/, () => '只有表头，没有数据行。', () => 'the file has a header but no rows.'],
  [/^the zip holds no \.shp file \(found: (.*)\)$/, (m) => `zip 中没有 .shp 文件（有：${m[1]}）。请把同名的 .shp、.shx、.dbf、.prj 一起压缩。`, (m) => `the zip holds no .shp file (found: ${m[1]}). Zip the .shp, .shx, .dbf and .prj of one layer together.`],
  [/^the zip holds (\S+) but no (\S+) \(.*\)$/, (m) => `zip 中有 ${m[1]}，但缺少 ${m[2]}。Shapefile 需要 .shp、.shx 和 .dbf：请一起压缩。`, (m) => `the zip holds ${m[1]} but no ${m[2]}. A shapefile needs .shp, .shx and .dbf: zip them together.`],
  [/^refused: the XML contains a DOCTYPE\/ENTITY declaration/, () => '已拒绝：XML 中含 DOCTYPE/ENTITY 声明（不允许实体展开和外部实体）。请删除该声明后再导入。', () => 'refused: the XML contains a DOCTYPE/ENTITY declaration (entity expansion and external entities are not allowed). Remove it and import again.'],
  [/^not a (\w+) file \(the root element is <(.*)>\)$/, (m) => `不是 ${m[1]} 文件（根元素是 <${m[2]}>）。请确认文件类型和扩展名一致。`, (m) => `not a ${m[1]} file (the root element is <${m[2]}>). Check that the extension matches the content.`],
  [/^the file is (.*), over the size limit of (.*)$/, (m) => `文件大小 ${m[1]}，超过上限 ${m[2]}。请拆分后再导入。`, (m) => `the file is ${m[1]}, over the limit of ${m[2]}. Split it and import the parts.`],
  [/^more than ([\d,]+) (features|vertices) \(the limit\)/, (m) => `${m[2] === 'features' ? '要素' : '顶点'}超过 ${m[1]} 个（上限）。请拆分或简化后再导入。`, (m) => `more than ${m[1]} ${m[2]} (the limit). Split or simplify the file.`],
  [/^unknown projection in (.*?): (.*)$/, (m) => `无法识别 ${m[1]} 中的投影（${m[2]}）。请在导入时指定坐标系，如 EPSG:4526（CGCS2000 3° 带 38）。`, (m) => `unknown projection in ${m[1]} (${m[2]}). Choose the CRS when importing, e.g. EPSG:4526 (CGCS2000 3° zone 38).`],
  [/^(\S+\.dbf): (.*)$/, (m) => `属性表 ${m[1]} 无法读取：${m[2]}`, (m) => `the attribute table ${m[1]} cannot be read: ${m[2]}`],
];

const REASONS: Rule[] = [
  [/^(.*?):? ?coordinate (\(.*\)) is out of range.*?( after reprojecting from (.*))?$/, (m) => `${m[1] ? `${m[1]}：` : ''}坐标 ${m[2]} 超出经纬度范围${m[4] ? `（由 ${m[4]} 转换后）` : ''}。请检查经度、纬度是否写反，或坐标系是否选对。`, (m) => `${m[1] ? `${m[1]}: ` : ''}coordinate ${m[2]} is out of range${m[4] ? ` after reprojecting from ${m[4]}` : ''}. Check whether longitude and latitude are swapped, or the CRS is wrong.`],
  [/^(.*?)self-intersection: edge (\d+) of (.*?) crosses edge (\d+) of (.*?) at (\(.*\))$/, (m) => `自相交：${m[3]}第 ${Number(m[2]) + 1} 条边与${m[5]}第 ${Number(m[4]) + 1} 条边在 ${m[6]} 处相交。请在原软件中修正此要素。`, (m) => `self-intersection: edge ${Number(m[2]) + 1} of ${m[3]} crosses edge ${Number(m[4]) + 1} of ${m[5]} at ${m[6]}. Fix this feature in the source software.`],
  [/^(.*?): a ring needs at least 4 positions, has (\d+)$/, (m) => `${m[1]}：环至少需要 4 个点，只有 ${m[2]} 个。`, (m) => `${m[1]}: a ring needs at least 4 positions, has ${m[2]}.`],
  [/^(.*?): the ring has no area/, (m) => `${m[1]}：环的面积为零（所有点在一条线上）。`, (m) => `${m[1]}: the ring has no area (all points on a line).`],
  [/^(.*?): coordinate (\(.*\)) is not a finite number$/, (m) => `${m[1]}：坐标 ${m[2]} 不是有效数字。`, (m) => `${m[1]}: coordinate ${m[2]} is not a number.`],
  [/^no geometry$|^null geometry|has no geometry/, () => '没有几何图形。', () => 'no geometry.'],
  [/^(.*?): closed the ring$/, (m) => `${m[1]}：已闭合环（首尾点补齐）。`, (m) => `${m[1]}: closed the ring.`],
  [/^(.*?): reversed the winding/, (m) => `${m[1]}：已调整环的方向（外环逆时针、内环顺时针，RFC 7946）。`, (m) => `${m[1]}: reversed the winding (RFC 7946).`],
  [/^(.*?): removed (\d+) repeated points?$/, (m) => `${m[1]}：删除了 ${m[2]} 个重复点。`, (m) => `${m[1]}: removed ${m[2]} repeated point(s).`],
];

/** The text of a failed import for the dialog (the file name is shown above it, so it is taken off the front). */
export function importProblemText(fileName: string, message: string, lang: Lang, where?: Where | null): string {
  let problem = message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
  problem = roundNumbers(problem);
  const at = where ? (lang === 'zh' ? `第 ${where.line} 行第 ${where.column} 列：` : `line ${where.line}, column ${where.column}: `) : '';
  const xml = /^not well-formed XML \((.*)\)$/.exec(problem);
  if (xml) {
    return lang === 'zh' ? `${at}XML 格式错误（${xmlDetail(xml[1], lang)}）。请在该位置检查标签是否成对闭合，或用原软件重新导出。`
      : `${at}not well-formed XML (${xmlDetail(xml[1], lang)}). Check that the tags near that place are closed, or export the file again.`;
  }
  for (const [re, zh, en] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return at + (lang === 'zh' ? zh(m) : en(m));
  }
  return at + (lang === 'zh' ? `无法读取（${problem}）` : problem);
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
  return lang === 'zh' ? `（原文）${place(bare, lang)}` : place(bare, lang);
}
