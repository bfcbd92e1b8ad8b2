import { ApiProperty } from '@nestjs/swagger';
import type { InstitutionKind } from '@yiqiao/persistence';
import { INSTITUTION_KINDS } from './organisation.dto';

export class InstitutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'minhang-intl' }) code!: string;
  @ApiProperty({ example: 'Minhang International Hospital' }) name!: string;
  @ApiProperty({ example: '闵行国际医院', nullable: true, type: String }) nameZh!: string | null;
  @ApiProperty({ enum: INSTITUTION_KINDS }) kind!: InstitutionKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ example: 'CN' }) country!: string;
  @ApiProperty() allowsPatientSelfBooking!: boolean;
  @ApiProperty({ example: 1440 }) cancellationCutoffMinutes!: number;
  @ApiProperty({ example: 1440 }) rescheduleCutoffMinutes!: number;
  @ApiProperty({ example: 10 }) bookingBufferMinutes!: number;
  @ApiProperty() requiresInterpreterCertification!: boolean;
  @ApiProperty({ example: [1440, 60, 10] }) reminderOffsetsMinutes!: number[];
  @ApiProperty({ example: 120, description: 'Minimum notice for patients’ own bookings, minutes' })
  patientBookingNoticeMinutes!: number;
  @ApiProperty({ example: 0, description: 'Minimum notice for coordinators’ bookings, minutes' })
  coordinatorBookingNoticeMinutes!: number;
  @ApiProperty({ example: 15, description: 'Patients, guests and interpreters may join this early, minutes' })
  joinLeadMinutes!: number;
  @ApiProperty({ example: 30, description: 'Staff may open the room this early, minutes' })
  staffJoinLeadMinutes!: number;
  @ApiProperty({ example: 30, description: 'The room stays open this long after the end, minutes' })
  joinGraceMinutes!: number;
  @ApiProperty({
    example: 18,
    description: 'Booking horizon: consultations may start up to today in Shanghai + this many months',
  })
  bookingHorizonMonths!: number;
  @ApiProperty() createdAt!: Date;
}

export class DepartmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ example: 'urology' }) code!: string;
  @ApiProperty({ example: 'Urology' }) name!: string;
  @ApiProperty({ example: '泌尿外科', nullable: true, type: String }) nameZh!: string | null;
  @ApiProperty({ example: 'urology' }) specialty!: string;
  @ApiProperty({ example: 30 }) defaultConsultationMinutes!: number;
  @ApiProperty() createdAt!: Date;
}
