export * from './shop';
export * from './orders';
export * from './distributor';
export * from './outputs';
export * from './people';
export * from './marketing';
export * from './admin-reports';
export * from './exports';
