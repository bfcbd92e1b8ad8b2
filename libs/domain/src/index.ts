export * from './roles';
export * from './locales';
export * from './spoken-languages';
export * from './consultation-status';
export * from './time-zones';
export * from './clock';
export * from './join-window';
export * from './scheduling';
