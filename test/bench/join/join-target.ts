/** One measured join: ms from "join" to the first decoded remote frame, and when its steps ended. */
export interface JoinSample {
  ms: number;
  phases?: Record<string, number>;
}

/** Something a browser can join over and over. */
export interface JoinTarget {
  label: string;
  joinOnce(): Promise<JoinSample>;
  close(): Promise<void>;
}

const JOIN_TIMEOUT_MS = 25_000;

/** Bounds one join so a stuck page cannot hang the benchmark. */
export function withTimeout<T>(work: Promise<T>, what: string, ms = JOIN_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
