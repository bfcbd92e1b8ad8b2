import { Module } from '@nestjs/common';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';

/** The mainland holiday calendar: read by anyone logged in, loaded per year by administrators. */
@Module({ controllers: [HolidaysController], providers: [HolidaysService] })
export class HolidaysModule {}
