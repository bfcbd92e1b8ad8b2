import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';

/** Specialists' weekly availability and exceptions, managed by them, their coordinators and admins. */
@Module({
  imports: [SchedulingModule],
  controllers: [AvailabilityController],
  providers: [AvailabilityService],
})
export class AvailabilityModule {}
