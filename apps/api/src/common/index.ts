export * from './all-exceptions.filter';
export * from './json-body.middleware';
export * from './pg-error-response';
export * from './too-many-requests.exception';
export * from './request-context';
export * from './validators';
export * from './id-param';
