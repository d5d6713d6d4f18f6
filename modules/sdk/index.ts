export * from './ports';
export * from './params';
export * from './define-module';
export * from './registry';
