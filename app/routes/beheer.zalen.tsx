import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { AdminList, AdminSection, ChangeNotice, EditAndActivation, ListSearch } from '../components/admin-list.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { addLocation, listRooms, saveRoom, setRoomActive } from '../features/sessions/manage-rooms.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { locationSchema, roomConstraint, roomSchema, roomStateSchema } from '../features/sessions/room-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { rowFromQuery } from '../core/route-params.server.ts'

const PATH = '/beheer/zalen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const url = new URL(request.url)
	const search = url.searchParams.get('q') ?? ''
	const all = valueOrThrow(await listRooms(context, { actor, search: '' }))
	const shown = search ? valueOrThrow(await listRooms(context, { actor, search })).rooms : all.rooms
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('rooms.title')} – ${t('app.name')}`,
		rooms: shown,
		locations: all.locations,
		search,
		// `?bewerk=` and `?deactiveer=` name a room of the unit; anything else is not found.
		editing: rowFromQuery(url, 'bewerk', all.rooms, 'ROOM_NOT_FOUND'),
		deactivating: rowFromQuery(url, 'deactiveer', all.rooms, 'ROOM_NOT_FOUND'),
		flash: (['opgeslagen', 'locatie', 'gedeactiveerd', 'geactiveerd'] as const).find((key) => url.searchParams.has(key)) ?? null,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const form = await readForm(request, { multiline: ['accessibilityNote'] })
	const intent = requireIntent(form, ['save-room', 'add-location', 'deactivate', 'activate'])
	switch (intent) {
		case 'add-location': {
			const submission = parseForm(form, locationSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const added = await addLocation(context, { actor, input: submission.value })
			if (!added.ok) return refusedForm(submission, added)
			return redirect(`${PATH}?locatie=1`, 303)
		}
		case 'save-room': {
			const submission = parseForm(form, roomSchema)
			// A room that is not (or no longer) there is not found, not a field to correct.
			invariantResponse(submission.status === 'success' || !submission.error?.id, 404, 'ROOM_NOT_FOUND')
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await saveRoom(context, { actor, input: submission.value })
			if (!saved.ok) return saved.code === 'ROOM_NOT_FOUND' ? throwFailure(saved) : refusedForm(submission, saved)
			return redirect(`${PATH}?opgeslagen=1`, 303)
		}
		default: {
			const submission = parseForm(form, roomStateSchema)
			invariantResponse(submission.status === 'success', 404, 'ROOM_NOT_FOUND')
			const changed = await setRoomActive(context, { actor, roomId: submission.value.id, active: intent === 'activate' })
			if (!changed.ok) throwFailure(changed)
			return redirect(`${PATH}?${intent === 'activate' ? 'geactiveerd' : 'gedeactiveerd'}=1`, 303)
		}
	}
}

export default function Rooms() {
	const { rooms, locations, search, editing, deactivating, flash } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const flashText = { opgeslagen: t('rooms.saved'), locatie: t('rooms.locationSaved'), gedeactiveerd: t('rooms.deactivated'), geactiveerd: t('rooms.activated') }
	// Both forms post here: a reply belongs to the form whose intent it answers.
	const replyFor = (intent: 'save-room' | 'add-location') => (lastResult?.initialValue?.intent === intent ? lastResult : undefined)
	return (
		<div className="container page">
			<h1>{t('rooms.title')}</h1>
			<p className="lead">{t('rooms.intro')}</p>
			<ChangeNotice text={flash ? flashText[flash] : null} />

			{deactivating ? (
				<ConfirmAction
					id="confirm-title"
					title={t('rooms.confirmTitle', { name: deactivating.name })}
					text={t('rooms.confirmText', { name: deactivating.name })}
					fields={{ intent: 'deactivate', id: deactivating.id }}
					confirmLabel={t('rooms.confirmDeactivate')}
					cancelTo={PATH}
					cancelLabel={t('rooms.cancel')}
					busy={busy}
				/>
			) : null}

			<AdminSection id="room-form-title" heading={editing ? t('rooms.editTitle', { name: editing.name }) : t('rooms.add')}>
				<RoomForm key={editing?.id ?? 'new'} editing={editing} locations={locations} lastResult={replyFor('save-room')} busy={busy} />
			</AdminSection>

			<AdminSection id="location-form-title" heading={t('rooms.addLocation')}>
				<LocationForm lastResult={replyFor('add-location')} busy={busy} />
			</AdminSection>

			<AdminList
				id="room-list-title"
				heading={t('rooms.count', { count: rooms.length })}
				search={<ListSearch id="room-search" label={t('rooms.search')} submitLabel={t('rooms.searchSubmit')} value={search} />}
				columns={[t('rooms.room'), t('rooms.location'), t('rooms.capacity'), t('rooms.access'), t('rooms.state'), t('rooms.actions')]}
				empty={rooms.length === 0}
				emptyText={t('rooms.empty')}
			>
				{rooms.map((room) => (
					<tr key={room.id}>
						<th scope="row">{room.name}</th>
						<td>
							{room.locationName}, {room.city}
						</td>
						<td>{room.capacity}</td>
						<td>{[room.wheelchairAccessible ? t('rooms.wheelchair') : null, room.hearingLoop ? t('rooms.hearingLoop') : null, room.accessibilityNote].filter(Boolean).join('; ')}</td>
						<td>{t(room.active ? 'rooms.active' : 'rooms.inactive')}</td>
						<EditAndActivation
							path={PATH}
							id={room.id}
							row={`${room.name}, ${room.locationName}`}
							active={room.active}
							labels={{ edit: t('rooms.edit'), deactivate: t('rooms.deactivate'), activate: t('rooms.activate') }}
						/>
					</tr>
				))}
			</AdminList>
		</div>
	)
}

type Reply = ReturnType<typeof useActionData<typeof action>>
type Editing = { id: string; locationId: string; name: string; capacity: number; wheelchairAccessible: boolean; hearingLoop: boolean; accessibilityNote: string | null } | null

/** Adds a room, or changes the one being edited; each error beside its field, and above the form. */
function RoomForm({ editing, locations, lastResult, busy }: { editing: Editing; locations: { id: string; name: string; city: string }[]; lastResult: Reply; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'room',
		lastResult,
		constraint: roomConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: editing
			? {
					id: editing.id,
					locationId: editing.locationId,
					name: editing.name,
					capacity: String(editing.capacity),
					wheelchairAccessible: editing.wheelchairAccessible ? 'on' : '',
					hearingLoop: editing.hearingLoop ? 'on' : '',
					accessibilityNote: editing.accessibilityNote ?? '',
				}
			: { capacity: '16' },
	})
	const labels = { locationId: t('rooms.location'), name: t('rooms.room'), capacity: t('rooms.capacity'), accessibilityNote: t('rooms.note') }
	return (
		<Form method="post" action={editing ? `${PATH}?bewerk=${editing.id}` : PATH} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save-room" />
			{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
			<ErrorSummary form={form} fields={(['locationId', 'name', 'capacity', 'accessibilityNote'] as const).map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field meta={fields.locationId} label={labels.locationId} as="select" options={[{ value: '', label: t('rooms.locationChoose') }, ...locations.map((location) => ({ value: location.id, label: `${location.name}, ${location.city}` }))]} />
			<Field meta={fields.name} label={labels.name} />
			<Field meta={fields.capacity} label={labels.capacity} type="number" controlProps={{ min: 1, max: 1000, inputMode: 'numeric' }} />
			<label className="choice">
				<input {...getInputProps(fields.wheelchairAccessible, { type: 'checkbox' })} />
				{t('rooms.wheelchair')}
			</label>
			<label className="choice">
				<input {...getInputProps(fields.hearingLoop, { type: 'checkbox' })} />
				{t('rooms.hearingLoop')}
			</label>
			<Field meta={fields.accessibilityNote} label={labels.accessibilityNote} as="textarea" rows={2} />
			<p className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					{editing ? t('rooms.save') : t('rooms.add')}
				</button>
				{editing ? <Link to={PATH}>{t('rooms.cancel')}</Link> : null}
			</p>
		</Form>
	)
}

const locationConstraint = getZodConstraint(locationSchema)

/** Adds a location (name, address, city). */
function LocationForm({ lastResult, busy }: { lastResult: Reply; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'location',
		lastResult,
		constraint: locationConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: locationSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const labels = { name: t('rooms.locationName'), address: t('rooms.address'), city: t('rooms.city') }
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="add-location" />
			<ErrorSummary form={form} fields={(['name', 'address', 'city'] as const).map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field meta={fields.name} label={labels.name} />
			<Field meta={fields.address} label={labels.address} controlProps={{ autoComplete: 'street-address' }} />
			<Field meta={fields.city} label={labels.city} controlProps={{ autoComplete: 'address-level2' }} />
			<p className="form-actions">
				<button type="submit" className="button button--secondary" disabled={busy}>
					{t('rooms.addLocation')}
				</button>
			</p>
		</Form>
	)
}
