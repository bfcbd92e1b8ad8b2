import { json } from 'body-parser';
import type { HttpRequest, HttpResponse, Middleware, NextFn } from './http-types';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

const asBodyParserError = (error: unknown): BodyParserError =>
  error && typeof error === 'object' ? (error as BodyParserError) : {};

/**
 * express.json with its errors answered as JSON here, because they happen before Nest routes the
 * request (so Nest's exception filters never see them) and express would otherwise send HTML.
 */
export function jsonBody(limit: string): Middleware {
  const parse = json({ limit });
  return (req: HttpRequest, res: HttpResponse, next: NextFn) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const { type, status } = asBodyParserError(error);
      if (type === 'entity.too.large') {
        return void res.status(413).json({
          statusCode: 413,
          error: 'Payload Too Large',
          message: `The request body is larger than the ${limit} limit; send less data (attach documents separately)`,
        });
      }
      if (type === 'entity.parse.failed') {
        return void res.status(400).json({
          statusCode: 400,
          error: 'Bad Request',
          message: 'The request body is not valid JSON',
        });
      }
      if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        return void res.status(415).json({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'Send the body as UTF-8 JSON (Content-Type: application/json)',
        });
      }
      const code = status && status >= 400 && status < 500 ? status : 400;
      return void res.status(code).json({
        statusCode: code,
        error: 'Bad Request',
        message: 'The request body could not be read',
      });
    });
  };
}
