import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Reuses a caller's request id when it looks sane, so one id follows a request across services. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const id = candidate && /^[A-Za-z0-9._-]{1,100}$/.test(candidate) ? candidate : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Structured JSON logs (pino) with the app name on every line and a request id on every request. */
export function loggingModule(app: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { app },
      genReqId: requestIdFor,
      customProps: () => ({ app }),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  });
}
