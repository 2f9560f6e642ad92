/** Per table of the personal-data register, the person's rows as the database holds them (ADR 053). */
export type PersonalData = Record<string, Record<string, unknown>[]>
