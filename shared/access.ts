/**
 * Who may see and do what (policy articles 95-103): roles, the public shape of accounts,
 * devices and feed tokens, and the inputs of the access endpoints. Shared by server and
 * client; validated with zod at the server's edge.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'supervisor', 'lead', 'manager', 'display'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Floor supervisor',
  lead: 'Shift lead',
  manager: 'Department manager',
  display: 'TV display',
};

/** What the server tells a signed-in client about itself. */
export interface Me {
  kind: 'user' | 'device';
  id: string;
  name: string;
  role: Role;
  /** Shift leads: the teams they see. Empty for everyone else (who see the whole floor). */
  teams: string[];
  /** True until the first-sign-in (or expired) password is changed: nothing else is allowed. */
  mustChangePassword: boolean;
  passwordExpiresAt?: number;
}

export interface AccountView {
  id: string;
  username: string;
  name: string;
  role: Exclude<Role, 'display'>;
  teams: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: number;
  createdAt: number;
  lastSignInAt?: number;
}

/**
 * Who someone is, for showing a name where the floor records a username (who acknowledged,
 * escalated, resolved). Every account, disabled ones too: the day's history names them.
 */
export interface PersonView {
  username: string;
  name: string;
}

export interface DeviceView {
  id: string;
  name: string;
  createdAt: number;
  createdBy: string;
  lastSeenAt?: number;
  revokedAt?: number;
}

export interface FeedTokenView {
  id: string;
  name: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt?: number;
  revokedAt?: number;
}

export interface AuditEntry {
  seq: number;
  at: number;
  /** A user id, a device id, a feed token id, or `system`. */
  actor: string;
  action: string;
  /** What it was done to (an alert id, an account id ...). */
  target?: string;
  /** Where from (IP address). */
  ip?: string;
  detail?: Record<string, unknown>;
}

const username = z.string().trim().min(3).max(64).regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');
const teamList = z.array(z.string().min(1).max(100)).max(100);

export const signInInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const createAccountInput = z.object({
  username,
  name: z.string().trim().min(1).max(100),
  role: z.enum(['admin', 'supervisor', 'lead', 'manager']),
  teams: teamList.default([]),
});
export const updateAccountInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(['admin', 'supervisor', 'lead', 'manager']).optional(),
  teams: teamList.optional(),
  disabled: z.boolean().optional(),
});
export const pairDisplayInput = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'six letters or digits'),
  name: z.string().trim().min(1).max(100),
});
export const createFeedTokenInput = z.object({ name: z.string().trim().min(1).max(100) });

export type SignInInput = z.infer<typeof signInInput>;
export type CreateAccountInput = z.infer<typeof createAccountInput>;
export type UpdateAccountInput = z.infer<typeof updateAccountInput>;
