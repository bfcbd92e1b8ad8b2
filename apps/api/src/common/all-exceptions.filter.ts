import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseWsExceptionFilter } from '@nestjs/websockets';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types';
import { tidyMessage } from './error-text';
import { answerForPgError } from './pg-error-response';
import { TooManyRequestsException } from './too-many-requests.exception';

/**
 * The last word on every error: HttpExceptions pass through as Nest formats them; PostgreSQL errors
 * caused by input become a 4xx; anything else is logged with its stack and answered with a bare 500
 * carrying only the request id, so internals (SQL, stack traces, file paths) never leak.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('AllExceptionsFilter');
  private readonly ws = new BaseWsExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    // Global filters also see websocket gateways' errors: those keep Nest's own ws handling.
    if (host.getType() === 'ws') return this.ws.catch(exception, host);
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    if (response.headersSent) return;

    if (exception instanceof HttpException) {
      if (exception instanceof TooManyRequestsException) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      const status = exception.getStatus();
      response.status(status).json(tidyBody(exception.getResponse(), status));
      return;
    }

    const known = answerForPgError(exception);
    if (known) {
      response
        .status(known.status)
        .json({ statusCode: known.status, error: HttpStatus[known.status], message: known.message });
      return;
    }

    const requestId = String(response.getHeader('x-request-id') ?? '');
    this.logger.error(
      { err: exception, requestId, method: request.method, url: request.originalUrl },
      'Unhandled error',
    );
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: `Something went wrong on our side; it has been logged (reference ${requestId || 'n/a'})`,
    });
  }
}

/** The exception's body in the api's one format, every message tidied (see tidyMessage). */
function tidyBody(body: string | object, status: number): object {
  if (typeof body === 'string') return { statusCode: status, message: tidyMessage(body) };
  const { message } = body as { message?: unknown };
  if (typeof message === 'string') return { ...body, message: tidyMessage(message) };
  if (Array.isArray(message)) {
    return { ...body, message: message.map((m) => (typeof m === 'string' ? tidyMessage(m) : m)) };
  }
  return body;
}
