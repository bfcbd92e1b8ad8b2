import type { HttpRequest, HttpResponse, Middleware, NextFn } from './http-types';

export interface UploadPrecheckOptions {
  /** Requests this applies to (method and path without the query string). */
  method: string;
  path: RegExp;
  maxBytes: number;
  tooLargeMessage: string;
  /** Undefined when the Authorization header carries a valid access token, else why not. */
  tokenProblem(authorization: string | undefined): Promise<string | undefined>;
}

/**
 * Refuses an upload from its headers alone, before a byte of the body is read: 401 when the access
 * token is missing or invalid, then 413 when Content-Length is over the limit. The route's guards
 * still run in full afterwards. The connection is closed after such an answer, so the unread body
 * is not drained.
 */
export function uploadPrecheck(options: UploadPrecheckOptions): Middleware {
  return (req: HttpRequest, res: HttpResponse, next: NextFn) => {
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    if (req.method !== options.method || !options.path.test(path)) return next();
    const refuse = (statusCode: number, error: string, message: string): void => {
      res.setHeader('Connection', 'close');
      res.status(statusCode).json({ statusCode, error, message });
    };
    options.tokenProblem(req.headers.authorization).then(
      (problem) => {
        if (problem) return refuse(401, 'Unauthorized', problem);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) return refuse(413, 'Payload Too Large', options.tooLargeMessage);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
