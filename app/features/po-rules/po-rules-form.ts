import { parseRuleInput, type EnrolmentRuleKey, type PoSettings, type Result, type RuleInputError } from '@leerplein/domain'

/** Reads one rule's typed value from a rules form (po-rules.tsx names the fields). */
export function readRule<K extends EnrolmentRuleKey>(form: FormData, key: K): Result<PoSettings[K], RuleInputError> {
	return parseRuleInput(key, { value: String(form.get(`${key}.value`) ?? ''), threshold: String(form.get('approval.threshold') ?? '') })
}

/** What was submitted, as strings, so a refused form shows what the person typed. */
export function submittedValues(form: FormData): Record<string, string> {
	return Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
}
