export * from './statements.ts'
export * from './people.ts'
