// The dictionary's section for accounts (part of the one dictionary, re-exported by src/ui/i18n.ts): the bureau page's
// user administration and password change, and the sign-in page's set-up links. Kept free of React so the small
// sign-in page can use it without the app's code. {slots} are filled by fillText (src/ui/fill-text.ts).
import type { Lang } from './i18n-types.ts';

export const ACCOUNT_TEXT = {
  roleEditor: { zh: '编辑', en: 'editor' },
  rolePlanner: { zh: '规划', en: 'planner' },
  roleViewer: { zh: '只读', en: 'viewer' },
  signOut: { zh: '退出', en: 'Sign out' },
  // The header's buttons and the panels they open.
  users: { zh: '用户管理', en: 'Users' },
  usersTitle: { zh: '用户管理', en: 'User administration' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  close: { zh: '关闭', en: 'Close' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  // Adding an account.
  addUser: { zh: '添加用户', en: 'Add a user' },
  username: { zh: '用户名', en: 'User name' },
  role: { zh: '角色', en: 'Role' },
  add: { zh: '添加', en: 'Add' },
  usernameHint: { zh: '文字、数字和 . _ -，不区分大小写', en: 'letters, digits and . _ -; not case-sensitive' },
  linkFor: { zh: '请把这个一次性链接交给“{username}”，用它设置密码：', en: 'Give this one-time link to “{username}” to set their password:' },
  linkNote: { zh: '有效期至 {time}，只能使用一次。请勿通过公开渠道发送。', en: 'Valid until {time}, works once. Do not send it over a public channel.' },
  copyLink: { zh: '复制链接', en: 'Copy link' },
  copied: { zh: '已复制', en: 'Copied' },
  added: { zh: '已添加“{username}”（{role}）。', en: 'Added “{username}” ({role}).' },
  // The list.
  colUser: { zh: '用户名', en: 'User' },
  colRole: { zh: '角色', en: 'Role' },
  colState: { zh: '状态', en: 'State' },
  colLastSignIn: { zh: '最近登录', en: 'Last sign-in' },
  colActions: { zh: '操作', en: 'Actions' },
  you: { zh: '（本人）', en: ' (you)' },
  stateEnabled: { zh: '启用', en: 'enabled' },
  stateDisabled: { zh: '已停用', en: 'disabled' },
  stateNoPassword: { zh: '尚未设置密码', en: 'no password yet' },
  stateLinkPending: { zh: '设置链接有效至 {time}', en: 'set-up link valid until {time}' },
  stateLocked: { zh: '已锁定至 {time}（失败 {failures} 次）', en: 'locked until {time} ({failures} failures)' },
  stateFailures: { zh: '最近登录失败 {failures} 次', en: '{failures} recent failed sign-ins' },
  never: { zh: '从未', en: 'never' },
  separator: { zh: '；', en: '; ' },
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  unlock: { zh: '解除锁定', en: 'Lift lock' },
  confirm: { zh: '确认', en: 'Confirm' },
  cancel: { zh: '取消', en: 'Cancel' },
  confirmDisable: { zh: '停用“{username}”？其登录会立即失效，账号、地块和记录都会保留，可随时重新启用。', en: 'Disable “{username}”? They are signed out at once; the account, its sites and records stay, and it can be enabled again.' },
  confirmReset: { zh: '重置“{username}”的密码？旧密码立即失效、登录立即退出，并生成新的一次性设置链接。', en: 'Reset the password of “{username}”? The old password stops working and they are signed out at once; a new one-time set-up link is made.' },
  confirmRole: { zh: '把“{username}”的角色改为“{role}”？', en: 'Give “{username}” the role “{role}”?' },
  disabledDone: { zh: '已停用“{username}”，其登录已退出。', en: '“{username}” is disabled and signed out.' },
  enabledDone: { zh: '已启用“{username}”。', en: '“{username}” is enabled.' },
  roleDone: { zh: '“{username}”的角色已改为“{role}”，下次操作即生效。', en: '“{username}” is now {role}, from their next action.' },
  unlockDone: { zh: '已解除“{what}”的登录锁定。', en: 'The sign-in lock of “{what}” is lifted.' },
  lockedAddresses: { zh: '被锁定的网络地址', en: 'Locked network addresses' },
  lockedAddressLine: { zh: '{address}：失败 {failures} 次，锁定至 {time}', en: '{address}: {failures} failures, locked until {time}' },
  limitsNote: {
    zh: '登录失败时：同一账号在 {minutes} 分钟内失败 {account} 次即锁定该账号；同一网络地址在 {minutes} 分钟内失败 {address} 次即锁定该地址。其他账号不受影响。',
    en: 'Failed sign-ins: {account} failures for one account within {minutes} min lock that account; {address} from one network address lock that address. Other accounts are not affected.',
  },
  // Changing one's own password.
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码（至少 {min} 个字符）', en: 'New password (at least {min} characters)' },
  repeatPassword: { zh: '再次输入新密码', en: 'New password again' },
  passwordsDiffer: { zh: '两次输入的新密码不一致。', en: 'The two new passwords differ.' },
  save: { zh: '保存', en: 'Save' },
  passwordChanged: { zh: '密码已修改；在其他设备上的登录已退出。', en: 'Password changed; you are signed out on other devices.' },
  serverUnreachable: { zh: '无法连接服务器：{reason}', en: 'The server cannot be reached: {reason}' },
  // The sign-in page opened with a set-up link.
  setupFirstTitle: { zh: '创建编辑账号', en: 'Create the editor account' },
  setupFirstNote: { zh: '首次使用：创建第一个编辑账号', en: 'First start: create the first editor account' },
  setupNewTitle: { zh: '设置密码', en: 'Set your password' },
  setupNewNote: { zh: '为账号“{username}”设置密码。此链接只能使用一次，有效期至 {time}。', en: 'Set the password of “{username}”. This link works once and is valid until {time}.' },
  setupResetTitle: { zh: '重设密码', en: 'Choose a new password' },
  setupResetNote: { zh: '编辑已重置“{username}”的密码，请设置新密码。此链接只能使用一次，有效期至 {time}。', en: 'An editor reset the password of “{username}”; choose a new one. This link works once and is valid until {time}.' },
  setupSubmit: { zh: '设置密码并登录', en: 'Set password and sign in' },
} as const satisfies Record<string, Record<Lang, string>>;

export type AccountTextKey = keyof typeof ACCOUNT_TEXT;

export const accountText = (lang: Lang, key: AccountTextKey): string => ACCOUNT_TEXT[key][lang];

export const ROLE_TEXT_KEY = { editor: 'roleEditor', planner: 'rolePlanner', viewer: 'roleViewer' } as const satisfies Record<string, AccountTextKey>;
