import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The few express request/response members this api uses (the project has no @types/express;
 * Nest's platform-express runs express underneath, so these exist at run time).
 */
export interface HttpRequest extends IncomingMessage {
  ip?: string;
  originalUrl?: string;
}

export interface HttpResponse extends ServerResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
}

export type NextFn = (error?: unknown) => void;
export type Middleware = (req: HttpRequest, res: HttpResponse, next: NextFn) => void;
