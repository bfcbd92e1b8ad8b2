import { Logger } from '@nestjs/common';
import type { Ack } from '@yiqiao/contracts';
import type { AnySignalHandler, JoinedContext, SignalContext } from './signal-handler';
import { SignalFailure } from './signal-failure';
import type { RateLimiter } from './rate-limiter';
import { exceedsBounds } from './payload-bounds';
import { ADMITTING_ROLES } from '@yiqiao/contracts';

const logger = new Logger('Signalling');

type AckFn = (response: Ack<unknown>) => void;

function describeZodIssues(issues: { path: (string | number)[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The joined room and peer of this socket, if any (set by room:join). */
export function joinedContext(ctx: SignalContext): JoinedContext | null {
  const room = ctx.services.rooms.get(ctx.claims.cid);
  const peer = room?.peers.get(ctx.claims.sub);
  if (!room || !peer || peer.socket !== ctx.socket) return null;
  return { ...ctx, room, peer };
}

function checkRequirement(handler: AnySignalHandler, ctx: SignalContext): JoinedContext {
  const joined = joinedContext(ctx);
  if (handler.requires === 'socket') return joined ?? (ctx as JoinedContext);
  if (!joined) throw new SignalFailure('not_joined', 'Join the room first (room:join).');
  if (handler.requires === 'joined') return joined;
  if (joined.peer.status !== 'in_call')
    throw new SignalFailure(
      'not_admitted',
      'You are in the waiting room; the specialist will admit you shortly.',
    );
  if (handler.requires === 'staff' && !ADMITTING_ROLES.includes(joined.peer.role))
    throw new SignalFailure('forbidden', 'Only the specialist or a coordinator may do this.');
  return joined;
}

/**
 * Runs one handler for one message: rate limit, payload bounds (depth, size, strings), room/admission/
 * role checks, payload validation, and exactly one acknowledgement carrying the result or a clear
 * error. Who may ask is decided before what they asked is looked at. Nothing a client sends can
 * throw out of here, so one bad message never disturbs the room; `internal` is left for faults of
 * the server itself.
 */
export function dispatch(handler: AnySignalHandler, ctx: SignalContext, limiter: RateLimiter) {
  return async (...args: unknown[]): Promise<void> => {
    const last = args[args.length - 1];
    const ack: AckFn = typeof last === 'function' ? (last as AckFn) : () => undefined;
    const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
    if (!limiter.tryTake()) {
      ack({ ok: false, error: { code: 'rate_limited', message: 'Too many requests; slow down and retry.' } });
      return;
    }
    try {
      const tooBig = exceedsBounds(payload);
      if (tooBig) throw new SignalFailure('invalid_payload', `Invalid ${handler.event}: ${tooBig}`);
      const joined = checkRequirement(handler, ctx);
      const parsed = handler.schema.safeParse(payload ?? {});
      if (!parsed.success)
        throw new SignalFailure(
          'invalid_payload',
          `Invalid ${handler.event}: ${describeZodIssues(parsed.error.issues)}`,
        );
      ack({ ok: true, data: (await handler.handle(joined, parsed.data)) ?? {} });
    } catch (error) {
      if (error instanceof SignalFailure) {
        ack({ ok: false, error: { code: error.code, message: error.message } });
        return;
      }
      logger.warn(`${handler.event} failed for ${ctx.claims.sub}: ${(error as Error).message}`);
      ack({
        ok: false,
        error: { code: 'internal', message: `${handler.event} could not be completed; retry.` },
      });
    }
  };
}
