import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class StartNowDto {
  @ApiProperty({ example: 'Patient is online early and the specialist is free' })
  @IsString({ message: 'reason must be text' })
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason!: string;
}
