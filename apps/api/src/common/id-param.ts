import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `@Param() params: IdParam` for routes with an `:id` that must be a UUID (a clear 400 otherwise). */
export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
