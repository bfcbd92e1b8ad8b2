import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** What a value is, in words, for a message ("a list", "text", "no value"). */
function kindOf(value: unknown): string {
  // class-transformer turns a null element into undefined.
  if (value === null || value === undefined) return 'no value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every element of the list must be an object (not a list, text, number or null); the message names
 * the first bad element by index, e.g. "days[0] must be an object like {…} (got a list)". Nested
 * validation alone lets `[[]]` through, as an empty list of objects.
 */
export function EachIsObject(example: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'eachIsObject',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => {
          const list = args.value as unknown[];
          const index = list.findIndex((item) => !isObject(item));
          return `${args.property}[${index}] must be an object like ${example} (got ${kindOf(list[index])})`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every(isObject),
      },
    });
}
