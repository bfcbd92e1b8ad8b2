import { Module } from '@nestjs/common';
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
    BoardService,
    IdempotencyService,
    PeopleRepository,
    SchedulingRepository,
    SlotSearchService,
    WorkingTimeService,
  ],
  exports: [
    IdempotencyService,
    PeopleRepository,
    SchedulingRepository,
    SlotSearchService,
    WorkingTimeService,
  ],
})
export class SchedulingModule {}
