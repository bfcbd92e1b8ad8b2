import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types';

/** Who/where a request came from, for audit events and consent records. */
export interface RequestContext {
  /** The x-request-id (the caller's, or one minted by the logging middleware). */
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function requestContextOf(request: Request, response: Response): RequestContext {
  const header = response.getHeader('x-request-id') ?? request.headers['x-request-id'];
  const requestId = Array.isArray(header) ? header[0] : header;
  return {
    requestId: requestId === undefined ? null : String(requestId),
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
  };
}

/** `@Ctx() ctx: RequestContext` in a controller method. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const http = context.switchToHttp();
  return requestContextOf(http.getRequest<Request>(), http.getResponse<Response>());
});
