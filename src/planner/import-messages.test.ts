import { describe, expect, it } from 'vitest';
import { importFile } from '../core/io/registry.ts';
import { featureReasonText, importProblemText, lineColumn, locateProblem, roundNumbers } from './import-messages.ts';

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
    expect(importProblemText('f', 'f: something new', 'zh')).toBe('无法读取（something new）');
  });
});
