import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SFU_BARRED_TTL_SECONDS, sfuBarredKey, sfuControlChannel } from '@yiqiao/contracts';
import type { RemovalReason, SfuControlMessage } from '@yiqiao/contracts';
import { REDIS } from '@yiqiao/jobs';
import { API_CONFIG, type ApiConfig } from '../config';

/** Tells the SFU nodes that someone may no longer be in a consultation's call. */
@Injectable()
export class SfuControl {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * Bars them from joining again (even with a join token issued moments ago) and asks the node hosting
   * the room to put them out now.
   */
  async removeFromCall(consultationId: string, userId: string, reason: RemovalReason): Promise<void> {
    const prefix = this.config.QUEUE_PREFIX;
    const barred = sfuBarredKey(prefix, consultationId);
    const message: SfuControlMessage = { type: 'remove-participant', consultationId, userId, reason };
    await this.redis
      .multi()
      .sadd(barred, userId)
      .expire(barred, SFU_BARRED_TTL_SECONDS)
      .publish(sfuControlChannel(prefix), JSON.stringify(message))
      .exec();
  }
}
