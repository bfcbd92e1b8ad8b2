import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { BookingRulesService } from './booking-rules.service';
import { BookingService } from './booking.service';
import { ConsultationAccessService } from './consultation-access.service';
import { ConsultationChangesService } from './consultation-changes.service';
import { ConsultationCommandRunner } from './consultation-command.runner';
import { ConsultationReadsService } from './consultation-reads.service';
import { ConsultationsController } from './consultations.controller';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { StartNowController } from './start-now.controller';
import { StartNowService } from './start-now.service';

/** Booking, rescheduling, cancelling and reading consultations. */
@Module({
  imports: [SchedulingModule],
  controllers: [ConsultationsController, NotesController, StartNowController],
  providers: [
    BookingRulesService,
    BookingService,
    ConsultationAccessService,
    ConsultationChangesService,
    ConsultationCommandRunner,
    ConsultationReadsService,
    NotesService,
    StartNowService,
  ],
  exports: [ConsultationAccessService, ConsultationReadsService],
})
export class ConsultationsModule {}
