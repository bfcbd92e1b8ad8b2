import { Module } from '@nestjs/common';
import { InterpreterConsultationHook, interpreterQueueProviders } from '@yiqiao/interpreters';
import { WORKER_CONFIG } from '../config';
import { INTERPRETER_WORKER_SETTINGS, loadInterpreterWorkerSettings } from './interpreter-policy.provider';
import { InterpreterJobsProcessor } from './interpreter-jobs.processor';
import { InterpreterReconcilerService } from './interpreter-reconciler.service';
import { InterpreterStepsService } from './interpreter-steps.service';

/**
 * Automatic interpreter assignment: candidate search, offers, offer timeouts, reconciliation, and the
 * consultation hook for the changes the worker makes (call started or ended, no-show).
 */
@Module({
  providers: [
    { provide: INTERPRETER_WORKER_SETTINGS, useFactory: () => loadInterpreterWorkerSettings() },
    ...interpreterQueueProviders(WORKER_CONFIG),
    InterpreterConsultationHook,
    InterpreterStepsService,
    InterpreterJobsProcessor,
    InterpreterReconcilerService,
  ],
})
export class InterpretersWorkerModule {}
