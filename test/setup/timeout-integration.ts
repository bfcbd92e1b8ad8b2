// Integration tests talk to real PostgreSQL and Redis on a shared 2-core machine: allow them time.
jest.setTimeout(60_000);
