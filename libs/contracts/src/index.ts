export * from './sfu';
// Node-only (uses node:crypto); the browser imports '@yiqiao/contracts/sfu' directly.
export * from './turn-credentials';
