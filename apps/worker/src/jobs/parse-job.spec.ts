import { UnrecoverableError } from 'bullmq';
import type { ZodType } from 'zod';
import type { JobName } from '@yiqiao/jobs';
import { parseJob } from './parse-job';
import { JOB_SCHEMAS } from './registry-schemas';
import { ROOM_QUEUE_JOB_SCHEMA } from './room-event-schema';

const ID = '0f8c3a52-6a0e-4a8f-9f0c-2b1d3e4f5a6b';
const logger = () => ({ warn: jest.fn<void, [string]>() });

/** The UnrecoverableError parseJob throws for this data, and what it logged. */
function refusal(name: JobName, data: unknown): { error: unknown; logged: string[] } {
  const log = logger();
  const schema: ZodType<unknown> = JOB_SCHEMAS[name];
  try {
    parseJob(schema, { id: 'job-1', name, data }, log);
  } catch (error) {
    return { error, logged: log.warn.mock.calls.map(([m]) => m) };
  }
  throw new Error('the job was accepted');
}

describe('job payloads', () => {
  it('passes well-formed payloads through, typed', () => {
    const log = logger();
    expect(
      parseJob(JOB_SCHEMAS['notifications:deliver'], { name: 'n', data: { notificationId: ID } }, log),
    ).toEqual({
      notificationId: ID,
    });
    expect(
      parseJob(JOB_SCHEMAS['interpreters:assign'], { name: 'a', data: { consultationId: ID } }, log),
    ).toEqual({
      consultationId: ID,
    });
    expect(
      parseJob(JOB_SCHEMAS['interpreters:offer-timeout'], { name: 'o', data: { offerId: ID } }, log),
    ).toEqual({
      offerId: ID,
    });
    expect(parseJob(JOB_SCHEMAS['consultations:close-windows'], { name: 'c', data: {} }, log)).toEqual({});
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('fails a malformed job unrecoverably, naming the field, and logs the reason', () => {
    const { error, logged } = refusal('notifications:deliver', { notificationId: 'abc' });
    expect(error).toBeInstanceOf(UnrecoverableError);
    const reason = 'Malformed notifications:deliver job job-1: notificationId must be a UUID (got "abc")';
    expect((error as Error).message).toBe(reason);
    expect(logged).toEqual([reason]);
  });

  it('says a field is missing, or the data is no object', () => {
    expect((refusal('interpreters:assign', {}).error as Error).message).toContain(
      'consultationId is required (missing)',
    );
    expect((refusal('interpreters:offer-timeout', { offerId: 42 }).error as Error).message).toContain(
      'offerId must be a UUID (text) (got 42)',
    );
    expect((refusal('consultations:close-windows', null).error as Error).message).toContain(
      'data must be an object (got null)',
    );
  });

  it('quotes only a short prefix of a huge value', () => {
    const { error } = refusal('notifications:deliver', { notificationId: 'x'.repeat(10_000) });
    expect((error as Error).message.length).toBeLessThan(200);
  });
});

describe('room events', () => {
  const event = {
    type: 'room-event',
    kind: 'joined',
    eventId: ID,
    consultationId: ID,
    userId: ID,
    role: 'patient',
    displayName: 'Anna',
    occurredAt: '2026-11-22T08:05:00.000Z',
    sfuNodeId: 'sfu-1',
  };
  const parse = (data: unknown) =>
    parseJob(ROOM_QUEUE_JOB_SCHEMA, { id: 'e', name: 'room-event', data }, logger());

  it('accepts what the SFU sends', () => {
    expect(parse(event)).toEqual(event);
    expect(parse({ ...event, type: 'chat-message', kind: undefined, body: 'hello' })).toMatchObject({
      body: 'hello',
    });
  });

  it.each([
    ['an unknown kind', { ...event, kind: 'exploded' }, 'kind must be one of joined'],
    ['a role that never joins a call', { ...event, role: 'admin' }, 'role must be one of patient'],
    [
      'an unreadable instant',
      { ...event, occurredAt: 'yesterday' },
      'occurredAt must be an ISO 8601 instant',
    ],
    ['an unknown type', { ...event, type: 'other' }, 'type must be room-event or chat-message'],
    ['an empty chat message', { ...event, type: 'chat-message', body: '' }, 'body must not be empty'],
    ['no consultation', { ...event, consultationId: undefined }, 'consultationId is required'],
  ])('refuses %s', (_label, data, text) => {
    expect(() => parse(data)).toThrow(UnrecoverableError);
    expect(() => parse(data)).toThrow(text);
  });
});
