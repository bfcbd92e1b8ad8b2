import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@yiqiao/jobs';
import { createInterpreterQueue, INTERPRETER_QUEUE, type InterpreterQueue } from '@yiqiao/interpreters';
import { API_CONFIG, type ApiConfig } from '../config';
import { AssignmentBoardRepository } from './assignment-board.repository';
import { InterpreterActionsService } from './interpreter-actions.service';
import { InterpreterAssignmentsController } from './interpreter-assignments.controller';
import { InterpreterConsultationHook } from './interpreter-consultation.hook';
import { InterpreterDirectoryRepository } from './interpreter-directory.repository';
import { INTERPRETER_POLICY, loadInterpreterPolicy } from './interpreter-policy';
import { MyInterpreterWorkController } from './my-interpreter-work.controller';

@Injectable()
class InterpreterQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(INTERPRETER_QUEUE) private readonly queue: InterpreterQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Interpreter assignment in the api: the consultation hook, interpreters' answers, coordinator overrides. */
@Module({
  controllers: [MyInterpreterWorkController, InterpreterAssignmentsController],
  providers: [
    { provide: INTERPRETER_POLICY, useFactory: () => loadInterpreterPolicy() },
    {
      provide: INTERPRETER_QUEUE,
      inject: [REDIS, API_CONFIG],
      useFactory: (redis: Redis, config: ApiConfig) => createInterpreterQueue(redis, config.QUEUE_PREFIX),
    },
    InterpreterQueueCloser,
    InterpreterConsultationHook,
    InterpreterActionsService,
    InterpreterDirectoryRepository,
    AssignmentBoardRepository,
  ],
})
export class InterpretersApiModule {}
