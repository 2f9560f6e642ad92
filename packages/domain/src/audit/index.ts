export * from './field-changes.ts'
