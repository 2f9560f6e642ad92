export * from './statements.ts'
