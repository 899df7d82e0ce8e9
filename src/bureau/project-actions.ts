// The kinds of change in the project audit trail (create, edit, retire, unretire, revert) by their dictionary key:
// one table for the popup's history and the project tools' list of recent changes.
import type { TextKey } from '../ui/i18n.ts';

export const ACTION_TEXT: Record<string, TextKey> = { create: 'projectActionCreate', edit: 'projectActionEdit', retire: 'projectActionRetire', unretire: 'projectActionUnretire', revert: 'projectActionRevert' };
