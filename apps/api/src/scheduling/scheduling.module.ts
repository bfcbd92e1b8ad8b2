import { Module } from '@nestjs/common';
import { INTERPRETER_POLICY, loadInterpreterPolicy } from '../interpreters/interpreter-policy';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { IdempotencyService } from './idempotency.service';
import { PeopleRepository } from './people.repository';
import { SchedulingRepository } from './scheduling.repository';
import { SlotSearchService } from './slot-search.service';
import { SlotsController } from './slots.controller';
import { WorkingTimeService } from './working-time.service';

/** Slot search in two clocks, the coordinator board, and the building blocks booking uses. */
@Module({
  controllers: [SlotsController, BoardController],
  providers: [
    // The interpreter cut-off (INTERPRETER_ESCALATION_CUTOFF_MINUTES) behind the booking warning.
    { provide: INTERPRETER_POLICY, useFactory: () => loadInterpreterPolicy() },
    BoardService,
    IdempotencyService,
    PeopleRepository,
    SchedulingRepository,
    SlotSearchService,
    WorkingTimeService,
  ],
  exports: [
    INTERPRETER_POLICY,
    IdempotencyService,
    PeopleRepository,
    SchedulingRepository,
    SlotSearchService,
    WorkingTimeService,
  ],
})
export class SchedulingModule {}
