/** The part of the api's OpenAPI 3 document the fuzzer reads (as @nestjs/swagger writes it). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-public'?: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, RawOperation>>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  /** "POST /consultations/{id}/cancel" */
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  /** The documented body types, first the preferred one. */
  bodyTypes: string[];
  bodySchema?: Schema;
  isPublic: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const content = op.requestBody?.content ?? {};
      const bodyTypes = Object.keys(content);
      return [
        {
          name: `${method.toUpperCase()} ${path}`,
          method,
          path,
          parameters: op.parameters ?? [],
          bodyTypes,
          bodySchema: bodyTypes.length > 0 ? content[bodyTypes[0]].schema : undefined,
          isPublic: op['x-public'] === true,
        },
      ];
    }),
  );
}

/** Follows `$ref` and merges `allOf` so generators see plain schemas. */
export function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {}, doc);
  if (schema.allOf) {
    return schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(part, doc) }), {});
  }
  return schema;
}
