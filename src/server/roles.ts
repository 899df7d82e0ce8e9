// The roles and the account as the rest of the server sees it (sessions, routes). Apart from users.ts so that
// sessions.ts can name a user without importing the account functions (which end sessions).
export const ROLES = ['editor', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

export interface User {
  id: number;
  username: string;
  role: Role;
}
