export * from './types';
export * from './intervals';
export * from './local-time';
export * from './working-windows';
export * from './slots';
export * from './two-clocks';
export * from './booking-notice';
export * from './statutory-holidays';
