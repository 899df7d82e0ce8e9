import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { importFile } from '../core/io/registry.ts';
import { featureReasonText, importProblemText, importWarningText, lineColumn, locateProblem, roundNumbers } from './import-messages.ts';

/** The message core/io gives for `text` read as `name`. */
function fail(name: string, text: string): string {
  try {
    importFile(name, new TextEncoder().encode(text));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

describe('import messages', () => {
  it('locates a JSON error by line and column and says it once, in Chinese', () => {
    const text = '{"type":"FeatureCollection",\n"features":[{"type":"Feature" "geometry":null}]}';
    const message = fail('broken.geojson', text);
    const where = locateProblem(message, text);
    // V8 reports a position in the browser and in Node; the column is where the missing comma should be.
    expect(where).toEqual(lineColumn(text, text.indexOf('"geometry"')));
    expect(where?.line).toBe(2);
    const zh = importProblemText('broken.geojson', message, 'zh', where);
    expect(zh).toMatch(/^第 2 行第 \d+ 列：不是有效的 JSON/);
    expect(zh).not.toContain('broken.geojson');
    expect(zh).toContain('请');
  });
  it('places an unfinished JSON file at its end', () => {
    const text = '{"type":"FeatureCollection",\n"features":[';
    expect(locateProblem(fail('b.geojson', text), text)).toEqual({ line: 2, column: 13 });
  });
  it('explains XML errors with the tag and the line of the wrong end tag', () => {
    const text = '<kml><Document>\n<Placemark><name>a</name></Placemak></Document></kml>';
    const message = fail('bad.kml', text);
    const where = locateProblem(message, text);
    expect(where).toEqual({ line: 2, column: 26 });
    const zh = importProblemText('bad.kml', message, 'zh', where);
    expect(zh).toContain('开始标签 <Placemark> 与结束标签 </Placemak> 不一致');
    expect(zh).not.toContain('Reporting fatalError');
    expect(importProblemText('bad.kml', message, 'en', where)).toMatch(/^line 2, column 26: not well-formed XML \(start tag <Placemark>/);
  });
  it('rounds float noise and numbers features from 1 in rejection reasons', () => {
    expect(roundNumbers('(215.31000000000003, 26.310000000000002)')).toBe('(215.31, 26.31)');
    const r = importFile('far.geojson', new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [215.31000000000002, 26.310000000000002] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.1, 26.1], [115.1, 26], [115, 26.1], [115, 26]]] } }] })));
    const [out, cross] = r.report.rejected.map((x) => featureReasonText(x.why, 'zh'));
    expect(out).toBe('点：坐标 (215.31, 26.31) 超出经纬度范围。请检查经度、纬度是否写反，或坐标系是否选对。');
    expect(cross).toBe('自相交：外环第 1 条边与外环第 3 条边在 (115.05, 26.05) 处相交。请在原软件中修正此要素。');
    expect(featureReasonText(r.report.rejected[1].why, 'en')).toContain('edge 1 of outer ring crosses edge 3');
  });
  it('translates the common failures and keeps unknown ones readable', () => {
    expect(importProblemText('a.docx', fail('a.docx', 'x'), 'zh')).toMatch(/^不支持的文件类型 \.docx/);
    expect(importProblemText('坏的.zip', fail('坏的.zip', 'PK not a zip'), 'zh')).toMatch(/^不是 zip 文件/);
    expect(importProblemText('x.csv', fail('x.csv', 'a,b\n1,2\n'), 'zh')).toContain('没有找到经纬度列（表头：a, b）');
    expect(importProblemText('f', 'f: something new', 'zh')).toMatch(/^无法读取（something new）。请/);
  });
});

describe('the held-back file kinds (issue 24): every message in the UI language, placed and with advice', () => {
  const u8 = (s: string) => new TextEncoder().encode(s);
  /** Latin words in a Chinese message other than names of formats, codes and the file's own values. */
  const english = (s: string) => (s.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !/^(JSON|XML|KML|KMZ|GeoJSON|GeometryCollection|NaN|Infinity|Folder|Google|Earth|EPSG|CGCS|WKT|zip|shp|shx|dbf|prj|doc|kml|utf|gbk|amp)$/i.test(w));
  const failure = (name: string, bytes: Uint8Array) => {
    try { importFile(name, bytes); } catch (e) { return (e as Error).message; }
    throw new Error('expected a failure');
  };

  it('a NaN coordinate in JSON is placed by line and column and explained', () => {
    const text = '{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[115.3,26.3]}},\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[115.3,NaN]}}]}';
    const m = failure('nan.geojson', u8(text));
    const where = locateProblem(m, text);
    expect(where).toEqual(lineColumn(text, text.indexOf('NaN')));
    const zh = importProblemText('nan.geojson', m, 'zh', where);
    expect(zh).toMatch(/^第 3 行第 \d+ 列：不是有效的 JSON（NaN 不是数字/);
    expect(zh).toContain('请');
    expect(english(zh)).toEqual([]);
    expect(importProblemText('nan.geojson', m, 'en', where)).toMatch(/^line 3, column \d+: not valid JSON \(NaN is not a number/);
    // A short file: V8 quotes all of it; the token is found outside the strings.
    const short = '{"n":"NaN","c":[1,NaN]}';
    expect(locateProblem(failure('s.geojson', u8(short)), short)).toEqual(lineColumn(short, short.lastIndexOf('NaN')));
  });
  it('deep nesting, a zip bomb and a broken KML say what and what to do in Chinese, the KML with line and column', () => {
    const deep = importFile('deep.geojson', u8(`{"type":"Feature","properties":{},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(40)}${']}'.repeat(40)}}`));
    const nested = featureReasonText(deep.report.rejected[0].why, 'zh');
    expect(nested).toMatch(/嵌套过深。请/);
    expect(english(nested)).toEqual([]);
    const bomb = failure('bomb.kmz', zipSync({ 'doc.kml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 }));
    const bombZh = importProblemText('bomb.kmz', bomb, 'zh');
    expect(bombZh).toMatch(/^已拒绝：zip 中的 doc\.kml 压缩比为 \d+:1.*请/);
    expect(english(bombZh)).toEqual([]);
    const kml = '<kml>\n<Document>\n<Placemark><name>a &b; c</name></Placemark>\n</Document></kml>';
    const km = failure('broken.kml', u8(kml));
    const where = locateProblem(km, kml);
    expect(where?.line).toBe(3);
    const kmlZh = importProblemText('broken.kml', km, 'zh', where);
    expect(kmlZh).toMatch(/^第 3 行第 \d+ 列：XML 格式错误（未知的实体 &b;/);
    expect(english(kmlZh)).toEqual([]);
  });
  it('warnings (a CRS assumed from the numbers) are translated, the CRS named in Chinese', () => {
    const zh = importWarningText('no CRS given; eastings carry zone prefix 38: assumed CGCS2000 / 3-degree Gauss-Kruger zone 38 (EPSG:4526, central meridian 114°E). If the data are Xi\'an 1980 or Beijing 1954, choose the CRS explicitly', 'zh');
    expect(zh).toBe('文件未声明坐标系；东坐标带有带号 38，按 CGCS2000 3° 高斯-克吕格 第 38 带（EPSG:4526）读取。如数据是西安 1980 或北京 1954 坐标系，请在上方指定后重新读取。');
    expect(importWarningText('feature 4: ring 2 is counter-clockwise but inside no outer ring; read as a separate polygon', 'en')).toMatch(/^Feature 5: /);
  });
});
