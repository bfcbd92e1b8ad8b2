import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { quoteValue, shorten, tidyMessage } from './error-text';

/**
 * One message per broken rule: the field, what was wrong, what is allowed. Validators that use
 * class-validator's `$value` token get the value quoted here (class-validator leaves the token in
 * place for anything but a string, number or boolean), and a long value or field name is cut to
 * a short prefix wherever class-validator copied it into the message.
 */
export function describeValidationErrors(errors: ValidationError[]): string[] {
  const messages: string[] = [];
  const pending = [...errors];
  for (let error = pending.shift(); error; error = pending.shift()) {
    for (const raw of Object.values(error.constraints ?? {})) messages.push(describe(error, raw));
    pending.push(...(error.children ?? []));
  }
  return messages;
}

function describe(error: ValidationError, raw: string): string {
  let message = raw.replace(/"?\$value"?/g, quoteValue(error.value));
  if (typeof error.value === 'string' && error.value.length > 40) {
    message = message.split(error.value).join(shorten(error.value));
  }
  if (error.property.length > 40) message = message.split(error.property).join(shorten(error.property));
  return tidyMessage(message);
}

export const validationException = (errors: ValidationError[]): BadRequestException =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: describeValidationErrors(errors),
  });
