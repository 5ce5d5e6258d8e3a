export * from './identity';
export * from './memberships';
export * from './outbox';
export * from './audit';
export * from './accounts';
export * from './assessments';
export * from './playbook';
export * from './collaboration';
