import { json } from 'body-parser';
import type { HttpRequest, HttpResponse, Middleware, NextFn } from './http-types';
import { INPUT_LIMITS } from './input-limits';
import { jsonNestsDeeperThan } from './json-depth';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

const TOO_DEEP = 'entity.too.deep';

const asBodyParserError = (error: unknown): BodyParserError =>
  error && typeof error === 'object' ? (error as BodyParserError) : {};

/** body-parser's `verify` hook: runs on the raw bytes before JSON.parse. */
function refuseDeepNesting(_req: unknown, _res: unknown, bytes: Buffer): void {
  if (jsonNestsDeeperThan(bytes, INPUT_LIMITS.maxJsonDepth)) {
    throw Object.assign(new Error('JSON nests too deep'), { type: TOO_DEEP });
  }
}

const answer = (res: HttpResponse, statusCode: number, error: string, message: string): void =>
  void res.status(statusCode).json({ statusCode, error, message });

/**
 * express.json with its errors answered as JSON here, because they happen before Nest routes the
 * request (so Nest's exception filters never see them) and express would otherwise send HTML.
 * The size limit is checked against Content-Length before reading and the nesting depth before
 * parsing.
 */
export function jsonBody(limit: string): Middleware {
  const parse = json({ limit, verify: refuseDeepNesting });
  return (req: HttpRequest, res: HttpResponse, next: NextFn) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const { type, status } = asBodyParserError(error);
      if (type === 'entity.too.large') {
        return answer(
          res,
          413,
          'Payload Too Large',
          `The request body is larger than the ${limit} limit; send less data (attach documents separately)`,
        );
      }
      if (type === TOO_DEEP) {
        return answer(
          res,
          400,
          'Bad Request',
          `The request body nests lists or objects deeper than ${INPUT_LIMITS.maxJsonDepth} levels; send a flatter JSON document`,
        );
      }
      if (type === 'entity.parse.failed') {
        return answer(res, 400, 'Bad Request', 'The request body is not valid JSON');
      }
      if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        return answer(
          res,
          415,
          'Unsupported Media Type',
          'Send the body as UTF-8 JSON (Content-Type: application/json)',
        );
      }
      const code = status && status >= 400 && status < 500 ? status : 400;
      return answer(res, code, 'Bad Request', 'The request body could not be read');
    });
  };
}
