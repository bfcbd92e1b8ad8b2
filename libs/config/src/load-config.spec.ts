import { z } from 'zod';
import { loadConfig, ConfigError } from './load-config';
import { port, url, bool } from './env-fields';

const schema = z.object({
  API_PORT: port(3000),
  DATABASE_URL: url('postgres://localhost/x', ['postgres:']),
  FLAG: bool(false),
});

describe('loadConfig', () => {
  it('applies documented defaults when variables are absent', () => {
    expect(loadConfig('api', schema, {})).toEqual({
      API_PORT: 3000,
      DATABASE_URL: 'postgres://localhost/x',
      FLAG: false,
    });
  });

  it('coerces valid values', () => {
    expect(loadConfig('api', schema, { API_PORT: '8080', FLAG: 'true' }).API_PORT).toBe(8080);
  });

  it('names every bad variable and the value it got', () => {
    let error: unknown;
    try {
      loadConfig('api', schema, { API_PORT: 'eighty', DATABASE_URL: 'mysql://x', FLAG: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('API_PORT');
    expect(message).toContain('"eighty"');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('postgres://');
    expect(message).toContain('FLAG');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig('api', schema, { API_PORT: '70000' })).toThrow(
      /API_PORT: must be between 1 and 65535/,
    );
  });
});
