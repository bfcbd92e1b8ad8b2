import { z } from 'zod';

export { dtlsParameters } from './dtls-parameters.schema';
export { rtpCapabilities } from './rtp-capabilities.schema';
export { rtpParameters } from './rtp-parameters.schema';

export const id = z.string().uuid('must be an id returned by the server');
export const empty = z.object({}).strict().optional().default({});
