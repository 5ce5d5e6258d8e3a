export * from './identity';
export * from './memberships';
export * from './outbox';
export * from './audit';
