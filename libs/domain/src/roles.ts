export const ROLES = ['patient', 'specialist', 'interpreter', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
