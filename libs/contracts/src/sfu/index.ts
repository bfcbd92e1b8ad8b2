export * from './acks';
export * from './events';
export * from './join-token';
export * from './room-events';
export * from './node-registry';
export * from './control';
