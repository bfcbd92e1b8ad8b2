import { SetMetadata } from '@nestjs/common';
import type { Role } from '@yiqiao/domain';

export const ROLES_KEY = 'yiqiao:roles';

/** Restricts a route (or controller) to the given roles; enforced by the global RolesGuard (403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
