import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { SFU_ENDED_TTL_SECONDS, sfuAdmittedKey, sfuBarredKey, sfuEndedKey } from '@yiqiao/contracts';
import { Clock } from '@yiqiao/domain';
import { SFU_CONFIG, SfuConfig } from '../config';

const ADMISSION_TTL_SECONDS = 12 * 3600;

/**
 * Who has been admitted to a consultation, and which consultations have ended. Kept in Redis so a
 * reconnecting patient (new socket, restarted node) is not sent back to the waiting room.
 */
@Injectable()
export class AdmissionStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SFU_CONFIG) private readonly config: SfuConfig,
    private readonly clock: Clock,
  ) {}

  private admittedKey(consultationId: string): string {
    return sfuAdmittedKey(this.config.QUEUE_PREFIX, consultationId);
  }

  private endedKey(consultationId: string): string {
    return sfuEndedKey(this.config.QUEUE_PREFIX, consultationId);
  }

  async admit(consultationId: string, userId: string): Promise<void> {
    const key = this.admittedKey(consultationId);
    await this.redis.multi().sadd(key, userId).expire(key, ADMISSION_TTL_SECONDS).exec();
  }

  async revoke(consultationId: string, userId: string): Promise<void> {
    await this.redis.srem(this.admittedKey(consultationId), userId);
  }

  /** Barred by the api (e.g. a guest whose invitation was withdrawn): refused even with a valid token. */
  async isBarred(consultationId: string, userId: string): Promise<boolean> {
    return (await this.redis.sismember(sfuBarredKey(this.config.QUEUE_PREFIX, consultationId), userId)) === 1;
  }

  async isAdmitted(consultationId: string, userId: string): Promise<boolean> {
    return (await this.redis.sismember(this.admittedKey(consultationId), userId)) === 1;
  }

  async markEnded(consultationId: string): Promise<void> {
    await this.redis
      .multi()
      .set(this.endedKey(consultationId), this.clock.now().toISOString(), 'EX', SFU_ENDED_TTL_SECONDS)
      .del(this.admittedKey(consultationId))
      .exec();
  }

  async hasEnded(consultationId: string): Promise<boolean> {
    return (await this.redis.exists(this.endedKey(consultationId))) === 1;
  }
}
