import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthUser } from './auth-user';

export interface RequestWithUser {
  user?: AuthUser;
}

export function userOf(request: RequestWithUser): AuthUser {
  if (!request.user) throw new UnauthorizedException('This route needs a logged-in user');
  return request.user;
}

/** The caller set by the global JwtAuthGuard. Only meaningful on non-@Public() routes. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser =>
  userOf(context.switchToHttp().getRequest<RequestWithUser>()),
);
