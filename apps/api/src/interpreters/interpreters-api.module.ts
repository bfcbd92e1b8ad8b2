import { Module } from '@nestjs/common';
import { InterpreterConsultationHook, interpreterQueueProviders } from '@yiqiao/interpreters';
import { API_CONFIG } from '../config';
import { AssignmentBoardRepository } from './assignment-board.repository';
import { InterpreterActionsService } from './interpreter-actions.service';
import { InterpreterAssignmentsController } from './interpreter-assignments.controller';
import { InterpreterDirectoryRepository } from './interpreter-directory.repository';
import { INTERPRETER_POLICY, loadInterpreterPolicy } from './interpreter-policy';
import { MyInterpreterWorkController } from './my-interpreter-work.controller';

/** Interpreter assignment in the api: the consultation hook, interpreters' answers, coordinator overrides. */
@Module({
  controllers: [MyInterpreterWorkController, InterpreterAssignmentsController],
  providers: [
    { provide: INTERPRETER_POLICY, useFactory: () => loadInterpreterPolicy() },
    ...interpreterQueueProviders(API_CONFIG),
    InterpreterConsultationHook,
    InterpreterActionsService,
    InterpreterDirectoryRepository,
    AssignmentBoardRepository,
  ],
})
export class InterpretersApiModule {}
