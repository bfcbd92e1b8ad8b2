import { Transform } from 'class-transformer';

/**
 * `@NormalizeNfc()` on a DTO text that is compared with stored text (e-mail, search): the same
 * name typed with composed or decomposed accents ("é" or "e" + U+0301) then compares equal.
 */
export const NormalizeNfc = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC') : value));
