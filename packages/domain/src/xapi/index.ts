export * from './statements.ts'
export * from './people.ts'
export * from './own-events.ts'
export * from './rules.ts'
