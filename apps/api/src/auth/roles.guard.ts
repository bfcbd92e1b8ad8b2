import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@yiqiao/domain';
import { userOf, type RequestWithUser } from './current-user.decorator';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

/** Global guard, runs after JwtAuthGuard: enforces @Roles(...) with a 403 naming the roles allowed. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0 || context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const user = userOf(context.switchToHttp().getRequest<RequestWithUser>());
    if (roles.includes(user.role)) return true;
    throw new ForbiddenException(`Your role (${user.role}) may not do this; allowed: ${roles.join(', ')}`);
  }
}
