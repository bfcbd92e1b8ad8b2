import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { BookingRulesService } from './booking-rules.service';
import { BookingService } from './booking.service';
import { ConsultationAccessService } from './consultation-access.service';
import { ConsultationChangesService } from './consultation-changes.service';
import { ConsultationCommandRunner } from './consultation-command.runner';
import { ConsultationReadsService } from './consultation-reads.service';
import { ConsultationsController } from './consultations.controller';

/** Booking, rescheduling, cancelling and reading consultations. */
@Module({
  imports: [SchedulingModule],
  controllers: [ConsultationsController],
  providers: [
    BookingRulesService,
    BookingService,
    ConsultationAccessService,
    ConsultationChangesService,
    ConsultationCommandRunner,
    ConsultationReadsService,
  ],
  exports: [ConsultationAccessService, ConsultationReadsService],
})
export class ConsultationsModule {}
