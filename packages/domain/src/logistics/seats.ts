export type SeatAvailability =
	| { status: 'available'; free: number }
	| { status: 'almost_full'; free: number }
	| { status: 'full'; free: 0 }

/** Below this share of free seats a session is shown as almost full. */
const ALMOST_FULL_SHARE = 0.2

export function seatAvailability(capacity: number, taken: number): SeatAvailability {
	const free = Math.max(0, capacity - taken)
	if (free === 0) return { status: 'full', free: 0 }
	if (free <= Math.max(1, Math.floor(capacity * ALMOST_FULL_SHARE))) return { status: 'almost_full', free }
	return { status: 'available', free }
}
