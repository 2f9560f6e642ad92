import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways on a phone. Keyboard users must be able to reach it to
 * scroll it, so it is a focusable, named region: by the heading it sits under, or by a label.
 */
export function ScrollRegion({ labelledBy, label, id, children }: { labelledBy?: string; label?: string; id?: string; children: ReactNode }) {
	return (
		// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
		<div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={label} tabIndex={0} id={id}>
			{children}
		</div>
	)
}
