import { CoreSchema1763800000000 } from './1763800000000-core-schema';

/** Every migration, in order. Add new timestamped files here. */
export const MIGRATIONS = [CoreSchema1763800000000];
