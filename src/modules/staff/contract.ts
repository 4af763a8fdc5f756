import { z } from 'zod';

/** Everything a role can be allowed to do. Roles map to these in the role_permission table. */
export const Permission = z.enum([
  'people.read',
  'people.write',
  'visits.read',
  'visits.write',
  'consultations.read',
  'consultations.write',
  'assistance.read',
  'assistance.write',
  'catalogue.read',
  'catalogue.manage',
  'staff.manage',
  'audit.read',
  'cases.read',
  'cases.write',
  'tasks.read',
  'tasks.write',
  'sensitive.read',
  'privacy.read',
  'privacy.write',
  'documents.read',
  'documents.write',
  'people.merge',
  'people.export',
  'stock.read',
  'stock.write',
  'shelter.read',
  'shelter.write',
  'shelter.manage',
  'budgets.read',
  'budgets.manage',
  'reports.read',
  /** Reports with every count exact; without it, counts of fewer than 5 people are hidden. */
  'reports.exact',
  /** Evidence views, exports and briefs: aggregates only, never a person. */
  'advocacy.read',
  /** Tag consultations and case files with systemic barriers. */
  'advocacy.tag',
  /** The barrier taxonomy and the advocacy settings (k, public figures). */
  'advocacy.manage',
  /** Supporters, gifts, campaigns, commitments, receipts and fundraising reports (never people). */
  'fundraising.read',
  /** Record and change supporters, gifts, commitments and campaigns; issue receipts; run imports. */
  'fundraising.write',
  /** The organisation's receipt settings, funds, import mappings and roll-backs. */
  'fundraising.manage',
  /** The directory of partners (clinics, lawyers, employers, offices) the office refers people to. */
  'partners.read',
  /** Add, change, archive, import partners. */
  'partners.manage',
]);
export type Permission = z.infer<typeof Permission>;

export const RoleCode = z.enum(['admin', 'caseworker', 'reception', 'coordinator', 'fundraiser', 'viewer', 'advocacy']);
export type RoleCode = z.infer<typeof RoleCode>;

export const Language = z.enum(['ja', 'en']);

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleCode,
  language: Language,
  permissions: z.array(Permission),
  organisationName: z.string(),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const StaffUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleCode,
  language: Language,
  isActive: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** A staff member who can be given work (assignee pickers): active accounts only. */
export const AssignableStaff = z.object({ id: z.uuid(), displayName: z.string() });
export type AssignableStaff = z.infer<typeof AssignableStaff>;

export const CreateStaffInput = z.object({
  email: Email,
  displayName: z.string().trim().min(1).max(100),
  role: RoleCode,
  language: Language.default('ja'),
  password: z.string().min(12).max(1024),
});
export type CreateStaffInput = z.infer<typeof CreateStaffInput>;

export const UpdateStaffInput = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: RoleCode.optional(),
  language: Language.optional(),
  isActive: z.boolean().optional(),
});
export type UpdateStaffInput = z.infer<typeof UpdateStaffInput>;

export const UpdateMeInput = z.object({ language: Language });

export const CreateTokenInput = z.object({ name: z.string().trim().min(1).max(100) });
export const CreatedToken = z.object({ id: z.uuid(), name: z.string(), token: z.string() });
export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
