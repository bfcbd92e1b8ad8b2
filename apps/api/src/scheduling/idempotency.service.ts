import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A fingerprint of what a request asks for, so a reused key with a different request is caught. */
export function requestFingerprint(operation: string, target: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical({ operation, target, body })))
    .digest('hex');
}

export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID');
  }
  return key;
}

/**
 * Idempotency-Key handling inside the caller's transaction. The key is claimed first, so a concurrent
 * retry waits on the primary key until the first attempt commits (then replays its answer) or rolls
 * back (then runs itself). A failed attempt stores nothing, so its retry runs afresh.
 */
@Injectable()
export class IdempotencyService {
  /** Returns the stored answer of an earlier request with this key, or null after claiming the key. */
  async claim(
    manager: EntityManager,
    userId: string,
    key: string,
    fingerprint: string,
  ): Promise<StoredResponse | null> {
    const claimed = (await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, fingerprint],
    )) as unknown[];
    if (claimed.length > 0) return null;
    const [row] = (await manager.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as { request_hash: string; status_code: number | null; response: unknown }[];
    if (row.request_hash !== fingerprint) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'idempotency_key_reused',
        message:
          'This Idempotency-Key was already used for a different request; use a new key for a new request',
      });
    }
    if (row.status_code === null) {
      throw new ConflictException(
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    return { statusCode: row.status_code, body: row.response };
  }

  async complete(
    manager: EntityManager,
    userId: string,
    key: string,
    response: StoredResponse,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
      [userId, key, response.statusCode, JSON.stringify(response.body)],
    );
  }
}
