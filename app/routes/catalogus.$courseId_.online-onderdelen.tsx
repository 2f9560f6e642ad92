import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { linkOnlinePart } from '../features/lti/link-online-part.server.ts'
import { linkOnlinePartToMoodle } from '../features/lti/link-online-part-to-moodle.server.ts'
import { completionRuleSchema, movePartSchema, moodleIdsSchema, onlinePartSchema, passMarksSchema, removeOnlinePartSchema } from '../features/lti/online-part-schema.ts'
import { setCompletionRule } from '../features/lti/set-completion-rule.server.ts'
import { moveCoursePart } from '../features/lti/move-course-part.server.ts'
import { setOnlinePartPassMarks } from '../features/lti/set-online-part-pass-marks.server.ts'
import { removeOnlinePart } from '../features/lti/remove-online-part.server.ts'
import { showOnlineParts, type OnlinePartsPage } from '../features/lti/show-online-parts.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { AdminList } from '../components/admin-list.tsx'

// Any signed-in person passes the guard; the service decides on the course it loads (can() on
// the course, 404 for one their unit cannot see), since its provider is not known before.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const page = valueOrThrow(await showOnlineParts(context, { actor, courseId }))
	const url = new URL(request.url)
	const linked = Number.parseInt(url.searchParams.get('gekoppeld') ?? '', 10)
	const removing = page.parts.find((part) => part.id === url.searchParams.get('verwijderen')) ?? null
	const identifying = page.parts.find((part) => part.id === url.searchParams.get('moodle')) ?? null
	// After a Deep Linking return: the new parts, whose pass mark the coordinator confirms (ADR 026).
	const asked = (url.searchParams.get('slaaggrens') ?? '').split(',')
	const newParts = page.parts.filter((part) => asked.includes(part.id))
	const t = await i18next.getFixedT(request)
	return {
		...page,
		linked: Number.isFinite(linked) ? linked : null,
		removing,
		identifying,
		newParts,
		saved: url.searchParams.has('moodle-opgeslagen'),
		passMarksSaved: url.searchParams.has('slaaggrens-opgeslagen'),
		// How many enrolments the changed rule completed at once (it is retroactive).
		completionSaved: url.searchParams.has('afronding-opgeslagen') ? Math.max(0, Number.parseInt(url.searchParams.get('afronding-opgeslagen') ?? '', 10) || 0) : null,
		partMoved: url.searchParams.has('volgorde-opgeslagen'),
		title: `${t('lti.manage.title', { course: page.course.title })} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const form = await readForm(request)
	switch (requireIntent(form, ['remove', 'moodle-ids', 'pass-marks', 'completion-rule', 'move-part', 'link'])) {
		case 'remove': {
			const submission = parseForm(form, removeOnlinePartSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await removeOnlinePart(context, { actor, courseId, resourceLinkId: submission.value.resourceLinkId }))
			return redirect(`/catalogus/${courseId}/online-onderdelen?verwijderd=1`, 303)
		}
		case 'moodle-ids': {
			const submission = parseForm(form, moodleIdsSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await linkOnlinePartToMoodle(context, { actor, courseId, ...submission.value }))
			return redirect(`/catalogus/${courseId}/online-onderdelen?moodle-opgeslagen=1`, 303)
		}
		case 'pass-marks': {
			const submission = parseForm(form, passMarksSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await setOnlinePartPassMarks(context, { actor, courseId, parts: submission.value.parts }))
			return redirect(`/catalogus/${courseId}/online-onderdelen?slaaggrens-opgeslagen=1`, 303)
		}
		case 'completion-rule': {
			const submission = parseForm(form, completionRuleSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await setCompletionRule(context, { actor, courseId, minParts: submission.value.minParts })
			if (!saved.ok) return saved.field ? refusedForm(submission, saved) : throwFailure(saved)
			return redirect(`/catalogus/${courseId}/online-onderdelen?afronding-opgeslagen=${saved.value.completed}#afronding`, 303)
		}
		case 'move-part': {
			const submission = parseForm(form, movePartSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await moveCoursePart(context, { actor, courseId, ...submission.value }))
			return redirect(`/catalogus/${courseId}/online-onderdelen?volgorde-opgeslagen=1#volgorde`, 303)
		}
		case 'link': {
			const submission = parseForm(form, onlinePartSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const linked = await linkOnlinePart(context, { actor, courseId, input: submission.value })
			if (!linked.ok) return linked.field ? refusedForm(submission, linked) : throwFailure(linked)
			return redirect(`/catalogus/${courseId}/online-onderdelen?gekoppeld=1`, 303)
		}
	}
}

/** The action's reply to the form whose intent was sent, for Conform; nothing for the other forms. */
function replyTo(actionData: unknown, intent: string): SubmissionResult<string[]> | undefined {
	const reply = actionData as SubmissionResult<string[]> | undefined
	return reply && typeof reply === 'object' && 'initialValue' in reply && reply.initialValue?.intent === intent ? reply : undefined
}

export default function OnlineParts() {
	const { course, parts, tools, linked, removing, identifying, newParts, saved, passMarksSaved, completion, completionSaved, partMoved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to={`/catalogus/${course.id}`}>{t('lti.manage.backToCourse', { course: course.title })}</Link>
			</p>
			<h1>
				{t('lti.manage.title', { course: course.title })}
				<CourseStatusBadge status={course.status} />
			</h1>
			{linked !== null ? (
				<p className="notice" role="status">
					{t('lti.manage.linked', { count: linked })}
				</p>
			) : null}
			{newParts.length > 0 ? (
				<section className="confirm" aria-labelledby="slaaggrenzen">
					<h2 id="slaaggrenzen">{t('lti.manage.passMarksTitle')}</h2>
					<p>{t('lti.manage.passMarksIntro')}</p>
					<PassMarksForm key={newParts.map((part) => part.id).join(',')} courseId={course.id} parts={newParts} lastResult={replyTo(actionData, 'pass-marks')} />
				</section>
			) : null}
			{passMarksSaved ? (
				<p className="notice" role="status">
					{t('lti.manage.passMarksSaved')}
				</p>
			) : null}
			{removing ? (
				<ConfirmAction
					id="bevestigen"
					title={t('lti.manage.confirmTitle', { title: removing.title })}
					text={t('lti.manage.confirmText')}
					fields={{ intent: 'remove', resourceLinkId: removing.id }}
					confirmLabel={t('lti.manage.confirmRemove')}
					cancelTo={`/catalogus/${course.id}/online-onderdelen`}
					cancelLabel={t('lti.manage.cancel')}
				/>
			) : null}
			{saved ? (
				<p className="notice" role="status">
					{t('lti.manage.moodleIdsSaved')}
				</p>
			) : null}
			{identifying ? (
				<section className="confirm" aria-labelledby="moodle-ids">
					<h2 id="moodle-ids">{t('lti.manage.moodleIdsTitle', { title: identifying.title })}</h2>
					<p>{t('lti.manage.moodleIdsHint')}</p>
					<MoodleIdsForm key={identifying.id} courseId={course.id} part={identifying} lastResult={replyTo(actionData, 'moodle-ids')} />
				</section>
			) : null}
			<AdminList
				id="huidige"
				heading={t('lti.manage.current')}
				columns={[t('lti.manage.partTitle'), t('lti.manage.tool'), t('lti.manage.passMark'), t('lti.manage.moodleColumn'), t('lti.manage.actions')]}
				empty={parts.length === 0}
				emptyText={t('lti.parts.none')}
			>
				{parts.map((part) => (
					<tr key={part.id}>
						<th scope="row">{part.title}</th>
						<td>
							{part.toolName}
							{part.toolActive ? null : (
								<>
									<br />
									<strong>{t('lti.manage.toolOff')}</strong>
								</>
							)}
						</td>
						<td>
							{part.passMarkPercent === null ? t('lti.manage.noPassMark') : `${part.passMarkPercent}%`}
							{part.completedBelowPassMark > 0 ? (
								<>
									<br />
									{t('lti.manage.completedBelowPassMark', { count: part.completedBelowPassMark })}
								</>
							) : null}
						</td>
						<td>{part.moodleActivityId === null ? t('lti.manage.noMoodleIds') : t('lti.manage.moodleIds', { course: part.moodleCourseId, activity: part.moodleActivityId })}</td>
						<td>
							<Link to={`?moodle=${part.id}#moodle-ids`}>{t('lti.manage.setMoodleIds', { title: part.title })}</Link>{' '}
							<Link to={`?verwijderen=${part.id}`}>{t('lti.manage.remove', { title: part.title })}</Link>
						</td>
					</tr>
				))}
			</AdminList>
			{completion.byRule ? (
				<section aria-labelledby="afronding">
					<h2 id="afronding">{t('lti.completion.title')}</h2>
					{completionSaved !== null ? (
						<p className="notice" role="status">
							{t('lti.completion.saved', { count: completionSaved })}
						</p>
					) : null}
					<p>{t('lti.completion.intro', { parts: completion.partCount })}</p>
					<p>
						{completion.minParts === null
							? t('lti.completion.currentAll', { parts: completion.partCount })
							: t('lti.completion.currentSome', { parts: completion.partCount, minParts: completion.minParts })}
					</p>
					<CompletionRuleForm completion={completion} lastResult={replyTo(actionData, 'completion-rule')} />
					<h3 id="volgorde">{t('lti.completion.order')}</h3>
					{partMoved ? (
						<p className="notice" role="status">
							{t('lti.completion.moved')}
						</p>
					) : null}
					<PartOrder parts={parts} classroomIndex={completion.classroomIndex} />
				</section>
			) : null}
			{tools.some((tool) => tool.deepLinking) ? (
				<section aria-labelledby="kiezen">
					<h2 id="kiezen">{t('lti.manage.pickTitle')}</h2>
					<p>{t('lti.manage.pickIntro')}</p>
					<ul className="sso-list">
						{tools
							.filter((tool) => tool.deepLinking)
							.map((tool) => (
								<li key={tool.id}>
									<a className="button" href={`/lti/inhoud-kiezen/${course.id}/${tool.id}`} target="_blank" rel="noopener noreferrer">
										{t('lti.manage.pick', { tool: tool.name })}
										<span className="visually-hidden"> {t('lti.parts.newWindow')}</span>
									</a>
								</li>
							))}
					</ul>
				</section>
			) : null}
			<section aria-labelledby="koppelen">
				<h2 id="koppelen">{t('lti.manage.linkTitle')}</h2>
				{tools.length === 0 ? (
					<p className="empty-state">{t('lti.manage.noTools')}</p>
				) : (
					<LinkPartForm tools={tools} lastResult={replyTo(actionData, 'link')} />
				)}
			</section>
		</div>
	)
}

/** Which Moodle course and activity a part is, so the web-services sync can read its completion. */
function MoodleIdsForm({ courseId, part, lastResult }: { courseId: string; part: OnlinePartsPage['parts'][number]; lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'part-moodle-ids',
		lastResult,
		constraint: getZodConstraint(moodleIdsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: moodleIdsSchema }),
		defaultValue: { moodleCourseId: part.moodleCourseId?.toString() ?? '', moodleActivityId: part.moodleActivityId?.toString() ?? '' },
	})
	const numeric = { inputMode: 'numeric' }
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="moodle-ids" />
			<input type="hidden" name="resourceLinkId" value={part.id} />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.moodleCourseId, label: t('lti.manage.partMoodleCourseId') },
					{ meta: fields.moodleActivityId, label: t('lti.manage.partMoodleActivityId') },
				]}
				formError={errorText(form.errors ?? fields.resourceLinkId.errors)}
			/>
			<Field meta={fields.moodleCourseId} label={t('lti.manage.partMoodleCourseId')} controlProps={numeric} />
			<Field meta={fields.moodleActivityId} label={t('lti.manage.partMoodleActivityId')} controlProps={numeric} />
			<div>
				<button type="submit" className="button">
					{t('lti.manage.moodleIdsSave')}
				</button>{' '}
				<Link to={`/catalogus/${courseId}/online-onderdelen`}>{t('lti.manage.cancel')}</Link>
			</div>
		</Form>
	)
}

/** The pass mark of each part a Deep Linking return just added: prefilled with the concern's default, confirmed or changed. */
function PassMarksForm({ courseId, parts, lastResult }: { courseId: string; parts: OnlinePartsPage['parts']; lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'pass-marks',
		lastResult,
		constraint: getZodConstraint(passMarksSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: passMarksSchema }),
		defaultValue: { parts: parts.map((part) => ({ resourceLinkId: part.id, passMarkPercent: part.passMarkPercent?.toString() ?? '' })) },
	})
	const items = fields.parts.getFieldList().map((item, index) => ({ fields: item.getFieldset(), part: parts[index]! }))
	const numeric = { inputMode: 'numeric' }
	return (
		// Posted to this address with its question, so a refused form is shown again with the same parts.
		<Form method="post" action={`/catalogus/${courseId}/online-onderdelen?slaaggrens=${parts.map((part) => part.id).join(',')}`} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="pass-marks" />
			<ErrorSummary
				form={form}
				fields={items.map(({ fields: item, part }) => ({ meta: item.passMarkPercent, label: t('lti.manage.passMarkFor', { title: part.title }) }))}
				formError={errorText(form.errors ?? fields.parts.errors)}
			/>
			{items.map(({ fields: item, part }) => (
				<div key={part.id}>
					<input type="hidden" name={item.resourceLinkId.name} value={part.id} />
					<Field meta={item.passMarkPercent} label={t('lti.manage.passMarkFor', { title: part.title })} hint={t('lti.manage.passMarkStepHint')} controlProps={numeric} />
				</div>
			))}
			<div>
				<button type="submit" className="button">
					{t('lti.manage.passMarksSave')}
				</button>
			</div>
		</Form>
	)
}

/** A blended programme's completion rule (ADR 033): at least n of the course's parts, or empty for every part. */
function CompletionRuleForm({ completion, lastResult }: { completion: OnlinePartsPage['completion']; lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'completion-rule',
		lastResult,
		constraint: getZodConstraint(completionRuleSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: completionRuleSchema }),
		defaultValue: { minParts: completion.minParts?.toString() ?? '' },
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="completion-rule" />
			<ErrorSummary form={form} fields={[{ meta: fields.minParts, label: t('lti.completion.minParts') }]} formError={errorText(form.errors)} />
			<Field meta={fields.minParts} label={t('lti.completion.minParts')} hint={t('lti.completion.minPartsHint', { parts: completion.partCount })} controlProps={{ inputMode: 'numeric' }} />
			<div>
				<button type="submit" className="button">
					{t('lti.completion.save')}
				</button>
			</div>
		</Form>
	)
}

/** The parts of a blended programme in their order, each with a button to move it a place up or down (ADR 033). */
function PartOrder({ parts, classroomIndex }: { parts: OnlinePartsPage['parts']; classroomIndex: number }) {
	const { t } = useTranslation()
	const at = Math.min(classroomIndex, parts.length)
	const ordered = [
		...parts.slice(0, at).map((part) => ({ key: part.id, label: t('lti.completion.onlinePart', { title: part.title }) })),
		{ key: 'classroom', label: t('lti.completion.classroomPart') },
		...parts.slice(at).map((part) => ({ key: part.id, label: t('lti.completion.onlinePart', { title: part.title }) })),
	]
	return (
		<ol className="plain-list" aria-labelledby="volgorde">
			{ordered.map((part, index) => (
				<li key={part.key}>
					{part.label}{' '}
					{(['up', 'down'] as const)
						.filter((direction) => (direction === 'up' ? index > 0 : index < ordered.length - 1))
						.map((direction) => (
							<Form method="post" key={direction} className="inline-form">
								<input type="hidden" name="intent" value="move-part" />
								<input type="hidden" name="part" value={part.key} />
								<input type="hidden" name="direction" value={direction} />
								<button type="submit" className="button button--secondary" aria-label={t(direction === 'up' ? 'lti.completion.moveUp' : 'lti.completion.moveDown', { part: part.label })}>
									{t(direction === 'up' ? 'lti.completion.up' : 'lti.completion.down')}
								</button>
							</Form>
						))}
				</li>
			))}
		</ol>
	)
}

/** Linking an online part by hand: a tool from the list and what it needs to find the resource. */
function LinkPartForm({ tools, lastResult }: { tools: OnlinePartsPage['tools']; lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'link-part',
		lastResult,
		constraint: getZodConstraint(onlinePartSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: onlinePartSchema }),
		defaultValue: { toolId: tools[0]?.id },
	})
	const numeric = { inputMode: 'numeric' }
	const labelled = [
		{ meta: fields.toolId, label: t('lti.manage.tool') },
		{ meta: fields.title, label: t('lti.manage.partTitle') },
		{ meta: fields.targetLinkUri, label: t('lti.manage.targetLinkUri') },
		{ meta: fields.customId, label: t('lti.manage.customId') },
		{ meta: fields.moodleCourseId, label: t('lti.manage.moodleCourseId') },
		{ meta: fields.moodleActivityId, label: t('lti.manage.moodleActivityId') },
		{ meta: fields.passMarkPercent, label: t('lti.manage.passMark') },
	]
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="link" />
			<ErrorSummary form={form} fields={labelled} formError={errorText(form.errors)} />
			<Field meta={fields.toolId} label={t('lti.manage.tool')} as="select" options={tools.map((tool) => ({ value: tool.id, label: tool.name }))} />
			<Field meta={fields.title} label={t('lti.manage.partTitle')} />
			<Field meta={fields.targetLinkUri} label={t('lti.manage.targetLinkUri')} hint={t('lti.manage.targetLinkUriHint')} type="url" />
			<Field meta={fields.customId} label={t('lti.manage.customId')} hint={t('lti.manage.customIdHint')} />
			<Field meta={fields.moodleCourseId} label={t('lti.manage.moodleCourseId')} hint={t('lti.manage.moodleIdsHint')} controlProps={numeric} />
			<Field meta={fields.moodleActivityId} label={t('lti.manage.moodleActivityId')} controlProps={numeric} />
			<Field meta={fields.passMarkPercent} label={t('lti.manage.passMark')} hint={t('lti.manage.passMarkHint')} controlProps={numeric} />
			<div>
				<button type="submit" className="button">
					{t('lti.manage.link')}
				</button>
			</div>
		</Form>
	)
}
