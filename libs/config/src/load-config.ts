import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly appName: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${appName}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates environment variables against a schema whose keys are the variable names.
 * Every problem is reported at once, each naming the variable, so a bad deployment is fixed in one go.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  appName: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = value === undefined ? 'not set' : `got "${value}"`;
    return `${variable}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(appName, problems);
}
