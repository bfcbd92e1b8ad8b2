import { Module } from '@nestjs/common';
import { WindowCloser } from './window-closer';
import { WindowSweepProcessor } from './window-sweep.processor';

/** Ends consultations when their join window closes (completed, or a no-show naming who did not come). */
@Module({ providers: [WindowCloser, WindowSweepProcessor], exports: [WindowCloser] })
export class ConsultationWindowModule {}
