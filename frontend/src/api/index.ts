// The only module tree that imports the generated Wails bindings (STYLE.md rule 15).
export { AppError, Code, toAppError } from './errors';
export type { ErrorCode, FieldErrors } from './errors';
export * from './subaccounts';
export * from './audit';
export * from './providers';
export * from './sync';
export * from './health';
export * from './about';
export * from './events';
export type * from './types';
export * from './calls';
export * from './concurrency';
export * from './agents';
export * from './permissions';
export * from './plans';
export * from './pricing';
export * from './users';
export * from './license';
export * from './bulk';
export * from './imports';
// ---- Access Account: the customer's view ----
export * from './access';
