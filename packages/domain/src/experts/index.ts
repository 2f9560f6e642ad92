export * from './expert-entry.ts'
