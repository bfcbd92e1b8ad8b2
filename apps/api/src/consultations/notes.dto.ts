import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SaveNotesDto {
  @ApiProperty({
    example: 'Reviewed the CT report; recommend an in-person urology visit in Shanghai.',
    maxLength: 20000,
  })
  @IsString({ message: 'body must be the text of the notes' })
  @MaxLength(20000, { message: 'body must be at most 20,000 characters' })
  body!: string;
}

export class NotesDto {
  @ApiProperty({ description: 'The notes; empty when none were written yet' })
  body!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-12-01T02:40:00.000Z' })
  updatedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  authorId!: string | null;
}
