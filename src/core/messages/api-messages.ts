// The server's messages as keys with parameters. The API answers `{ "error": <English text>, "key": <key>,
// "params": {…} }`; the pages show the text for `key` in the UI language, so no server message reaches the Chinese UI
// in English. One catalogue for both languages and both sides (server and pages), pure data: the server fills the
// English text from it, the pages the Chinese (or English) one. Keys are `<resource>.<what>`, grouped by resource.
// A parameter that names a field (`field`, `statusField`) is shown by the field's name in the language
// (field-names.ts); the pages translate data values and layer ids in parameters before filling (src/ui/server-message.ts).
import type { Lang } from '../geo/units.ts';
import { FIELD_MESSAGES } from './field-messages.ts';
import { fieldName } from './field-names.ts';

export interface MessageText {
  zh: string;
  en: string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

export const API_MESSAGES = {
  // Requests in general (the error and not-found handlers).
  'request.notFound': { zh: '没有这个地址：{method} {path}', en: 'not found: {method} {path}' },
  'request.fileNotFound': { zh: '没有这个文件：{path}', en: 'not found: {path}' },
  'request.internal': { zh: '服务器内部错误，请稍后再试', en: 'internal server error' },
  'request.bodyTooLarge': { zh: '请求太大：最多 {max} 字节', en: 'request body is too large: at most {max} bytes' },
  'request.notJson': { zh: '请以 JSON 发送请求（Content-Type: application/json）', en: 'send the request body as JSON (Content-Type: application/json)' },
  'request.badJson': { zh: '请求内容不是有效的 JSON', en: 'the request body is not valid JSON' },
  'request.emptyJson': { zh: '请求内容为空（声明为 JSON 时不能为空）', en: 'the request body is empty but its content type is JSON' },
  'request.bodyNotObject': { zh: '请求内容须为一个 JSON 对象', en: 'the request body must be a JSON object' },
  'request.invalid': { zh: '请求无效（HTTP {status}）', en: 'bad request (HTTP {status})' },
  // Sessions and sign-in.
  'auth.signInFirst': { zh: '请先登录', en: 'sign in first' },
  'auth.csrf': { zh: '页面已过期，请刷新后重试', en: 'missing or wrong x-csrf-token header (reload the page and try again)' },
  'auth.wrongPassword': { zh: '用户名或密码错误', en: 'wrong user name or password' },
  'auth.tooManyFailures': { zh: '登录失败次数过多，请 {seconds} 秒后再试', en: 'too many failed sign-ins; try again in {seconds} s' },
  // Field work (issue 26): its own section.
  ...FIELD_MESSAGES,
  'auth.sendCredentials': { zh: '请填写用户名和密码', en: 'send { "username": …, "password": … }' },
  'auth.accountLocked': {
    zh: '此账号登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试，或请编辑在“用户管理”中解除锁定',
    en: 'too many failed sign-ins for this account; try again in {minutes} min, or ask an editor to lift the lock (user administration)',
  },
  'auth.addressLocked': {
    zh: '来自此网络地址的登录失败次数过多，请 {minutes} 分钟后再试，或请编辑在“用户管理”中解除锁定',
    en: 'too many failed sign-ins from this network address; try again in {minutes} min, or ask an editor to lift the lock (user administration)',
  },
  'auth.disabled': { zh: '此账号已停用，请联系编辑', en: 'this account is disabled; ask an editor' },
  // User administration (editors) and each user's own password: src/server/users.ts, account-routes.ts.
  'users.editorsOnly': { zh: '只有编辑可以管理用户', en: 'only editors manage accounts' },
  'users.body': { zh: '请求内容不正确：应为 {expected}', en: 'send {expected}' },
  'users.nameRequired': { zh: '请填写用户名', en: 'username is required' },
  'users.nameInvalid': { zh: '用户名只能包含文字、数字和 . _ -，最多 {max} 个字符', en: 'username may hold only letters, digits, "." "_" "-", at most {max} characters' },
  'users.roleInvalid': { zh: '角色必须是 {roles} 之一', en: 'role must be one of {roles}' },
  'users.exists': { zh: '用户“{username}”已存在（用户名不区分大小写）', en: 'user "{username}" already exists (names are case-insensitive)' },
  'users.notFound': { zh: '没有用户“{username}”', en: 'no user "{username}"' },
  'users.passwordRequired': { zh: '请填写密码', en: 'password is required' },
  'users.passwordTooShort': { zh: '密码至少 {min} 个字符', en: 'password must be at least {min} characters' },
  'users.passwordTooLong': { zh: '密码最多 {max} 个字符', en: 'password must be at most {max} characters' },
  'users.wrongOldPassword': { zh: '当前密码不正确', en: 'the current password is wrong' },
  'users.lastEditor': {
    zh: '“{username}”是最后一个启用的编辑，不能停用或改为其他角色；请先让另一位用户成为编辑',
    en: '"{username}" is the last enabled editor and cannot be disabled or given another role; make someone else an editor first',
  },
  'users.notYourself': { zh: '不能停用或重置自己的账号；修改自己的密码请用“修改密码”', en: 'you cannot disable or reset your own account; change your own password under "Change password"' },
  'users.addressInvalid': { zh: '网络地址格式不正确', en: 'not a network address' },
  // One-time set-up links (the first editor, a new account, a reset): src/server/setup-links.ts.
  'setup.badLink': { zh: '设置链接无效，请使用编辑提供的完整链接', en: 'this set-up link is not valid (use the whole link you were given)' },
  'setup.linkUsed': { zh: '此设置链接已使用过，请直接登录；如忘记密码，请编辑重新生成链接', en: 'this set-up link has been used; sign in, or ask an editor for a new link' },
  'setup.linkExpired': { zh: '此设置链接已过期，请编辑重新生成', en: 'this set-up link has expired; ask an editor for a new one' },
  'setup.done': { zh: '初始设置已完成：请登录，或请编辑人员为你开设账号', en: 'set-up is already done: sign in, or ask an editor for an account' },
  'setup.usernameInvalid': { zh: '用户名只能包含文字、数字和 . _ -，最多 {max} 个字符', en: 'the user name may hold only letters, digits, "." "_" "-", at most {max} characters' },
  'setup.passwordTooShort': { zh: '密码至少 {min} 个字符', en: 'password must be at least {min} characters' },
  'setup.passwordTooLong': { zh: '密码最多 {max} 个字符', en: 'password must be at most {max} characters' },
  // Shared sites (the planner's workspace on the server).
  'site.notFound': { zh: '没有地块“{id}”（不存在，或未共享给你）', en: 'no site "{id}" (it does not exist or is not shared with you)' },
  'site.viewerReadOnly': { zh: '只读账号不能修改地块', en: 'viewers cannot change sites' },
  'site.exists': { zh: '编号为“{id}”的地块已存在', en: 'a site with id "{id}" already exists' },
  'site.idInvalid': { zh: '地块编号须为 1–64 个字母、数字、“-”或“_”', en: 'id must be 1–64 letters, digits, "-" or "_"' },
  'site.since': { zh: '起始时间须为自 1970 年起的毫秒数', en: 'since must be a time in milliseconds since 1970' },
  'site.versionNotInteger': { zh: '版本号须为整数', en: 'version must be an integer' },
  'site.versionRequired': { zh: '缺少版本号：请发送你编辑的版本', en: 'version is required: send the version you edited' },
  'site.changedMeanwhile': { zh: '地块“{name}”在你编辑的第 {base} 版之后已被 {by} 修改（现为第 {version} 版），请选择保留哪个版本', en: 'site "{name}" was changed by {by} (version {version}) after the version {base} you edited; choose which to keep' },
  'site.deleted': { zh: '地块“{name}”已被删除，请先恢复', en: 'site "{name}" was deleted; restore it first' },
  'site.alreadyDeleted': { zh: '地块“{name}”已经删除', en: 'site "{name}" is already deleted' },
  'site.ownerOnlyDelete': { zh: '只有地块的所有者可以删除它', en: 'only the owner can delete a site' },
  'site.ownerOnlyUndelete': { zh: '只有地块的所有者可以撤销删除', en: 'only the owner can undo the delete of a site' },
  'site.restoreVersionNotInteger': { zh: '要恢复的版本号须为整数', en: 'version (the one to restore) must be an integer' },
  'site.noVersion': { zh: '地块“{name}”没有第 {version} 版', en: 'site "{name}" has no version {version}' },
  'site.versionIsDeletion': { zh: '第 {version} 版是一次删除，请恢复它之前的版本', en: 'version {version} is a deletion; restore a version before it' },
  'site.fieldRequired': { zh: '缺少{field}', en: '{field} is required' },
  'site.fieldNotText': { zh: '{field}须为文字', en: '{field} must be a string' },
  'site.fieldEmpty': { zh: '{field}不能为空', en: '{field} must not be empty' },
  'site.fieldTooLong': { zh: '{field}有 {length} 个字符，最多 {max} 个', en: '{field} is {length} characters long; at most {max}' },
  'site.fieldControlChars': { zh: '{field}含有控制字符', en: '{field} contains control characters' },
  'site.fieldMarkup': { zh: '{field}不能包含“<”或“>”（名称和备注中不允许标记）', en: '{field} must not contain "<" or ">" (no markup in names and notes)' },
  'site.typeInvalid': { zh: '类型须为以下之一：{types}', en: 'type must be one of {types}' },
  // Who a site is shared with.
  // Carbon-sink projects (src/server/carbon-projects.ts): every signed-in user reads them, planners and editors write.
  'carbonProject.notFound': { zh: '没有碳汇项目“{id}”', en: 'no carbon-sink project "{id}"' },
  'carbonProject.viewerReadOnly': { zh: '只读账号不能修改碳汇项目', en: 'viewers cannot change carbon-sink projects' },
  'carbonProject.body': { zh: '请求内容须为 {expected}', en: 'send {expected}' },
  'carbonProject.invalid': { zh: '项目文件有误：{path}：{problem}', en: 'project file: {path}: {problem}' },
  'carbonProject.versionRequired': { zh: '缺少版本号：请发送你编辑的版本', en: 'version is required: send the version you edited' },
  'carbonProject.versionNotInteger': { zh: '版本号须为整数', en: 'version must be an integer' },
  'carbonProject.changedMeanwhile': { zh: '碳汇项目“{name}”在你编辑的第 {base} 版之后已被 {by} 修改（现为第 {version} 版），请选择保留哪个版本', en: 'carbon-sink project "{name}" was changed by {by} (version {version}) after the version {base} you edited; choose which to keep' },
  'carbonProject.deleted': { zh: '碳汇项目“{name}”已被删除，请先恢复', en: 'carbon-sink project "{name}" was deleted; restore it first' },
  'carbonProject.alreadyDeleted': { zh: '碳汇项目“{name}”已经删除', en: 'carbon-sink project "{name}" is already deleted' },
  'carbonProject.noVersion': { zh: '碳汇项目“{name}”没有第 {version} 版', en: 'carbon-sink project "{name}" has no version {version}' },
  'carbonProject.versionIsDeletion': { zh: '第 {version} 版是一次删除，请恢复它之前的版本', en: 'version {version} is a deletion; restore a version before it' },
  'share.ownerOnly': { zh: '只有地块的所有者可以更改共享对象', en: 'only the owner can change who a site is shared with' },
  'share.unknownUsers': { zh: '共享：没有这些用户：{users}', en: 'sharing: no such user {users}' },
  'share.usersNotList': { zh: '共享的用户须为用户名列表', en: 'sharing.users must be a list of user names' },
  'share.invalid': { zh: '共享须为“仅自己”“所有登录用户”或指定用户列表', en: 'sharing must be "private", "everyone" or { "users": ["name", …] }' },
  // Geometry of a site or a project feature.
  'geometry.notObject': { zh: '几何图形须为 GeoJSON 几何对象', en: 'geometry must be a GeoJSON geometry object' },
  'geometry.required': { zh: '缺少几何图形', en: 'a geometry is required' },
  'geometry.typeInvalid': { zh: '几何类型须为以下之一：{geometryTypes}（收到 {got}）', en: 'geometry type must be one of {geometryTypes} (got {got})' },
  'geometry.malformed': { zh: '{geometryType}的坐标格式不对：应为 {depth} 层数组包着 [经度, 纬度] 数字', en: 'geometry coordinates are malformed for a {geometryType}: expected {depth} levels of arrays around [longitude, latitude] numbers' },
  'geometry.tooLarge': { zh: '几何图形太大：超过 {max} 个顶点', en: 'geometry is too large: more than {max} vertices' },
  'geometry.latitude': { zh: '几何图形：纬度 {lat} 超出 ±90°', en: 'geometry: latitude {lat} is beyond ±90°' },
  'geometry.longitude': { zh: '几何图形：有经度超出 −180…180', en: 'geometry: a longitude is outside −180…180' },
  'geometry.ringTooShort': { zh: '几何图形：一个多边形环只有 {n} 个点，至少需要 4 个（首尾相同）', en: 'geometry: a polygon ring has {n} positions; at least 4 (closed) are needed' },
  'geometry.ringNotClosed': { zh: '几何图形：多边形环没有闭合（最后一个点须与第一个点相同）', en: 'geometry: a polygon ring is not closed (its last position must equal its first)' },
  'geometry.unreadable': { zh: '数据库无法读取该几何图形', en: 'the database could not read the geometry' },
  'geometry.unusable': { zh: '几何图形不可用：{detail}', en: 'geometry cannot be used: {detail}' },
  'geometry.wrongKind': { zh: '该图层只接受 {want}，收到的是 {got}', en: 'this layer takes {want}, not {got}' },
  // PostGIS's validity reasons (ST_IsValidReason), each with its place.
  'geometry.selfIntersection': { zh: '几何图形无效：边自相交（{at} 附近）', en: 'geometry is not valid: self-intersection (near {at})' },
  'geometry.ringSelfIntersection': { zh: '几何图形无效：环自相交（{at} 附近）', en: 'geometry is not valid: ring self-intersection (near {at})' },
  'geometry.tooFewPoints': { zh: '几何图形无效：某部分的点太少（{at} 附近）', en: 'geometry is not valid: too few points in a part (near {at})' },
  'geometry.holeOutside': { zh: '几何图形无效：内环在外环之外（{at} 附近）', en: 'geometry is not valid: a hole lies outside its shell (near {at})' },
  'geometry.nestedHoles': { zh: '几何图形无效：内环相互嵌套（{at} 附近）', en: 'geometry is not valid: holes are nested (near {at})' },
  'geometry.disconnectedInterior': { zh: '几何图形无效：内部不连通（{at} 附近）', en: 'geometry is not valid: the interior is disconnected (near {at})' },
  'geometry.nestedShells': { zh: '几何图形无效：多边形相互嵌套（{at} 附近）', en: 'geometry is not valid: nested shells (near {at})' },
  'geometry.duplicateRings': { zh: '几何图形无效：环重复（{at} 附近）', en: 'geometry is not valid: duplicate rings (near {at})' },
  'geometry.invalidCoordinate': { zh: '几何图形无效：坐标无效（{at} 附近）', en: 'geometry is not valid: invalid coordinate (near {at})' },
  'geometry.invalidOther': { zh: '几何图形无效（{detail}）', en: 'geometry is not valid: {detail}' },
  // The plan's project layers (editors).
  'project.noLayer': { zh: '没有项目图层“{layer}”（可用：{layers}）', en: 'no project layer "{layer}" (layers: {layers})' },
  'project.noFeature': { zh: '图层 {layer} 中没有要素“{id}”', en: 'no feature "{id}" in layer {layer}' },
  'project.editorOnly': { zh: '只有编辑人员可以修改项目图层', en: 'only editors change the project layers' },
  'project.retired': { zh: '要素 {id} 已停用，请先撤销停用', en: 'feature {id} is retired; revert the retirement first' },
  'project.alreadyRetired': { zh: '要素 {id} 已经停用', en: 'feature {id} is already retired' },
  'project.notRetired': { zh: '要素 {id} 未停用', en: 'feature {id} is not retired' },
  'project.notCreatable': { zh: '图层 {layer} 不能在此新增要素', en: 'layer {layer}: new features are not added here' },
  'project.createBody': { zh: '请求内容须包含几何图形和名称', en: 'body: send { geometry, name, … }' },
  'project.exists': { zh: '图层 {layer} 已有要素“{id}”', en: 'layer {layer} already has a feature "{id}"' },
  'project.idInvalid': { zh: '编号只能包含字母、数字和 . _ -（最多 80 个）', en: 'id: letters, digits, . _ - (at most 80)' },
  'project.reasonBody': { zh: '请求内容只能包含停用原因，或为空', en: 'body: send { "reason": "…" } or nothing' },
  'project.notAField': { zh: '{field}：此处不是可填写的字段（只有原因）', en: '{field}: not a field here (only reason)' },
  'project.editBody': { zh: '请求内容须为 JSON 对象，含状态、年份、容量、名称或备注', en: 'body: send a JSON object with status, year, capacity, name or notes' },
  'project.notEditable': { zh: '{field}：不是可修改的字段（可修改：状态、年份、容量、名称、备注）', en: '{field}: not an editable field (editable: status, year, capacity, name, notes)' },
  'project.nothingToChange': { zh: '没有要修改的内容', en: 'body: nothing to change' },
  'project.fieldNotText': { zh: '{field}须为文字', en: '{field}: must be text' },
  'project.fieldEmpty': { zh: '{field}不能为空', en: '{field}: must not be empty' },
  'project.fieldTooLong': { zh: '{field}最多 {max} 个字符', en: '{field}: at most {max} characters' },
  'project.fieldChars': { zh: '{field}不能包含控制字符或 < >', en: '{field}: control characters and < > are not allowed' },
  'project.nameRequired': { zh: '缺少名称', en: 'name: required' },
  'project.noCapacity': { zh: '图层 {layer} 没有容量字段', en: 'capacity: layer {layer} has no capacity' },
  'project.capacityInvalid': { zh: '容量须为不小于 0 的数（兆瓦）', en: 'capacity: must be a number ≥ 0 (MW)' },
  'project.noStatus': { zh: '图层 {layer} 没有状态字段', en: 'status: layer {layer} has no status' },
  'project.statusInvalid': { zh: '状态须为以下之一：{values}', en: 'status: must be one of {values}' },
  'project.noYear': { zh: '图层 {layer} 没有年份字段', en: 'year: layer {layer} has no year' },
  'project.yearRange': { zh: '年份须为 {min}–{max} 之间的整数年', en: 'year: must be a whole year from {min} to {max}' },
  'project.yearRequiredWhenDone': { zh: '{statusField}为“{done}”时须填写年份', en: 'year: required when {statusField} is {done}' },
  'project.yearOnlyWhenDone': { zh: '只有{statusField}为“{done}”时才填写年份（现为“{status}”）', en: 'year: only when {statusField} is {done} (it is {status})' },
  'project.yearInFuture': { zh: '完成年份 {year} 晚于今年（{max}）：尚未发生的完成不能登记', en: 'year: the completion year {year} is after this year ({max}); a completion cannot lie in the future' },
  // The audit trail and revert.
  'audit.since': { zh: '起始时间须为 ISO 时间或自 1970 年起的毫秒数', en: 'since: an ISO time or milliseconds since 1970' },
  'audit.limit': { zh: '条数上限须为 1–5000', en: 'limit: 1–5000' },
  'audit.idNotNumber': { zh: '修改记录编号须为数字', en: 'the change id is a number' },
  'audit.noChange': { zh: '没有修改记录 {id}', en: 'no change {id}' },
  'audit.nothingToRevert': { zh: '修改记录 {id} 改动的字段（{fields}）已是修改前的值，无可撤销', en: 'the fields change {id} changed ({fields}) already hold their earlier values; there is nothing to revert' },
  'audit.laterChanges': { zh: '此后还有 {count} 次修改也改了这些字段（{fields}）：撤销将覆盖它们，请确认', en: '{count} later change(s) also changed these fields ({fields}); reverting would overwrite them: confirm to go on' },
  // 发布 and the public snapshots.
  'publish.editorOnly': { zh: '只有编辑人员可以发布', en: 'only editors publish' },
  'publish.noDataFolder': { zh: '此服务器没有可发布的数据目录', en: 'this server has no data folder to publish from' },
  'publish.leakScan': { zh: '公众快照未通过泄露检查（{count} 处问题），未发布', en: 'the public snapshot was refused by the leak scan ({count} findings)' },
  'publish.failed': { zh: '发布失败（详情见服务器日志）', en: 'publish failed (see the server log)' },
  'snapshot.numberInvalid': { zh: '快照编号须为整数', en: 'the snapshot number is a whole number' },
  'snapshot.notFound': { zh: '没有第 {n} 版公众快照', en: 'no public snapshot {n}' },
  'snapshot.noFile': { zh: '第 {n} 版公众快照中没有文件 {file}', en: 'no file {file} in public snapshot {n}' },
} as const satisfies Record<string, MessageText>;

export type ApiMessageKey = keyof typeof API_MESSAGES;

export function isApiMessageKey(key: unknown): key is ApiMessageKey {
  return typeof key === 'string' && Object.hasOwn(API_MESSAGES, key);
}

/** Parameters that name a field (or a comma-separated list of fields): shown by the fields' names in the language. */
const FIELD_PARAMS = new Set(['field', 'statusField']);
const FIELD_LIST_PARAMS = new Set(['fields']);

/** GeoJSON geometry types by name (parameters `geometryType`, `want`, `got`; "Polygon / MultiPolygon" lists too). */
export const GEOMETRY_TYPE_NAMES: Readonly<Record<string, MessageText>> = {
  // English keeps GeoJSON's own names (what a script sends and a GIS user reads).
  Point: { zh: '点', en: 'Point' },
  MultiPoint: { zh: '多点', en: 'MultiPoint' },
  LineString: { zh: '线', en: 'LineString' },
  MultiLineString: { zh: '多线', en: 'MultiLineString' },
  Polygon: { zh: '多边形', en: 'Polygon' },
  MultiPolygon: { zh: '多部分多边形', en: 'MultiPolygon' },
};
const GEOMETRY_PARAMS = new Set(['geometryType', 'geometryTypes', 'want', 'got']);
const geometryTypes = (v: string, lang: Lang) => v.replace(/\b[A-Z][A-Za-z]+\b/g, (t) => (Object.hasOwn(GEOMETRY_TYPE_NAMES, t) ? GEOMETRY_TYPE_NAMES[t][lang] : t));

/**
 * The message for `key` in `lang`, its {slots} filled with the parameters as plain text (callers render it as text,
 * never as HTML). An unknown slot stays visible as {name} so a missing parameter is noticed, not hidden.
 */
export function apiMessageText(key: ApiMessageKey, params: MessageParams = {}, lang: Lang = 'en'): string {
  return API_MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const v = String(params[name]);
    if (FIELD_LIST_PARAMS.has(name)) return v.split(',').map((f) => fieldName(f.trim(), lang)).join(lang === 'zh' ? '、' : ', ');
    if (GEOMETRY_PARAMS.has(name)) return geometryTypes(v, lang);
    return FIELD_PARAMS.has(name) ? fieldName(v, lang) : v;
  });
}
