import { raw } from 'body-parser';
import type { HttpRequest, HttpResponse, Middleware, NextFn } from './http-types';

/**
 * Reads the whole body as a Buffer (whatever its Content-Type, so the route itself can answer a wrong
 * type with a clear 415) and answers a too-large body with a JSON 413 before Nest routes the request.
 */
export function rawBody(limit: string, tooLargeMessage: string): Middleware {
  const parse = raw({ limit, type: () => true });
  return (req: HttpRequest, res: HttpResponse, next: NextFn) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = error && typeof error === 'object' ? (error as { type?: string }).type : undefined;
      if (type === 'entity.too.large') {
        return void res.status(413).json({
          statusCode: 413,
          error: 'Payload Too Large',
          message: tooLargeMessage,
        });
      }
      return void res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body could not be read; send the file bytes as the body',
      });
    });
  };
}
