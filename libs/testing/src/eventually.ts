type Probe<T> = () => Promise<T | false | null | undefined> | T | false | null | undefined;

/**
 * Polls until `probe` returns something truthy (errors count as "not yet") and returns it. Tests never
 * assert timings; the timeout only bounds the wait, and its message says what never happened.
 */
export async function eventually<T>(probe: Probe<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
