import { z } from 'zod'
import { LANGUAGES } from '../catalogue/course.ts'

/**
 * A unit's P&O (HR) rules. The concern sets the defaults (stored, edited by the concern
 * administrator); a unit stores only what it overrides, so nine units do not keep nine copies
 * of every rule.
 */
export const poSettingsSchema = z.object({
	approval: z.discriminatedUnion('mode', [
		z.object({ mode: z.literal('never') }),
		z.object({ mode: z.literal('always') }),
		z.object({ mode: z.literal('above_price'), thresholdCents: z.number().int().nonnegative() }),
	]),
	/** Who approves, in order: the manager, and then optionally the unit's coordinator. */
	approvers: z.enum(['manager', 'manager_then_coordinator']),
	yearlyBudgetCents: z.number().int().nonnegative(),
	/** What happens when an enrolment would take an employee past the yearly budget. */
	budgetExceeded: z.enum(['block', 'require_approval', 'allow']),
	costCentreRequired: z.boolean(),
	freeCancellationDays: z.number().int().min(0).max(90),
	noShowPolicy: z.enum(['none', 'warn', 'charge']),
	acceptsOtherUnits: z.boolean(),
	/** Whether learning tools (Moodle over LTI) may learn this unit's employees' names and e-mail addresses. */
	shareContactDetailsWithTools: z.boolean(),
	defaultLanguage: z.enum(LANGUAGES),
	branding: z.object({
		primaryColor: z.string().regex(/^#[0-9a-f]{6}$/i),
		logoText: z.string().min(1).max(40),
	}),
})
export type PoSettings = z.infer<typeof poSettingsSchema>

/** The P&O rules about enrolment that a unit's coordinator sets (branding and language are set elsewhere). */
export const ENROLMENT_RULE_KEYS = [
	'approval',
	'approvers',
	'yearlyBudgetCents',
	'budgetExceeded',
	'costCentreRequired',
	'freeCancellationDays',
	'noShowPolicy',
	'acceptsOtherUnits',
] as const satisfies readonly (keyof PoSettings)[]
export type EnrolmentRuleKey = (typeof ENROLMENT_RULE_KEYS)[number]

export const poOverridesSchema = poSettingsSchema.partial()
export type PoOverrides = z.infer<typeof poOverridesSchema>

/**
 * The concern defaults as first shipped: migration 0020 stores them in concern_settings, where the
 * concern administrator edits them. The portal reads the stored defaults; this constant serves
 * tests, the demo seed's plan, and rules a page does not edit (branding, contact details for tools).
 */
export const CONCERN_DEFAULT_PO_SETTINGS: PoSettings = {
	approval: { mode: 'above_price', thresholdCents: 50_000 },
	approvers: 'manager',
	yearlyBudgetCents: 150_000,
	budgetExceeded: 'require_approval',
	costCentreRequired: false,
	freeCancellationDays: 14,
	noShowPolicy: 'warn',
	acceptsOtherUnits: true,
	shareContactDetailsWithTools: false,
	defaultLanguage: 'nl',
	branding: { primaryColor: '#154273', logoText: 'Rijksoverheid' },
}

/** The rules in force for a unit: the concern defaults with the unit's overrides on top. */
export function effectivePoSettings(defaults: PoSettings, overrides: PoOverrides): PoSettings {
	return { ...defaults, ...stripUndefined(overrides) }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
