export * from './common.ts';
export * from './match.ts';
export * from './cyber-alliance.ts';
export type { RulesetProtocol } from './ruleset-protocol.ts';
export * from './alliance-turns.ts';
export * from './chat.ts';
export * from './classroom.ts';
