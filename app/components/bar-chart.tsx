import { ScrollRegion } from './scroll-region.tsx'

/**
 * A grouped bar chart rendered on the server as SVG (ADR 043): `role="img"` named by its
 * `<title>` and described by its `<desc>`, every series told apart by a fill pattern and named in
 * the legend (never by colour alone), one colour of high contrast throughout. The numbers belong
 * in a table right after the chart; the chart is the picture, the table the record.
 */
export type BarSeries = { name: string; values: readonly number[] }

const WIDTH = 640
const HEIGHT = 300
const MARGIN = { top: 40, right: 8, bottom: 44, left: 48 }
const INK = '#154273'

/** The fills, in series order: solid, diagonal hatching, dots. */
const PATTERNS = ['solid', 'hatch', 'dots'] as const

export function BarChart({ id, title, description, categories, series, formatValue = String }: { id: string; title: string; description: string; categories: readonly string[]; series: readonly BarSeries[]; formatValue?: (value: number) => string }) {
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
	const max = Math.max(1, ...series.flatMap((one) => one.values))
	const step = niceStep(max)
	const top = Math.ceil(max / step) * step
	const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step)
	const groupWidth = plotWidth / Math.max(1, categories.length)
	const barWidth = Math.max(1, (groupWidth * 0.8) / Math.max(1, series.length))
	const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight
	// Every label while they fit, else every n-th, so they never overlap.
	const labelEvery = Math.max(1, Math.ceil((categories.length * 44) / plotWidth))
	const fill = (k: number) => (PATTERNS[k % PATTERNS.length] === 'solid' ? INK : `url(#${id}-${PATTERNS[k % PATTERNS.length]})`)
	return (
		// On a phone the chart keeps a readable size and scrolls sideways in a region of its own (its numbers are in the table after it).
		<ScrollRegion label={title}>
			<svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
				<title id={`${id}-title`}>{title}</title>
				<desc id={`${id}-desc`}>{description}</desc>
				<defs>
					<pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
						<rect width="6" height="6" fill="#ffffff" />
						<line x1="0" y1="0" x2="0" y2="6" stroke={INK} strokeWidth="3" />
					</pattern>
					<pattern id={`${id}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
						<rect width="5" height="5" fill="#ffffff" />
						<circle cx="2.5" cy="2.5" r="1.4" fill={INK} />
					</pattern>
				</defs>
				<g>
					{series.map((one, k) => (
						<g key={one.name} transform={`translate(${MARGIN.left + k * 160}, 8)`}>
							<rect width="16" height="16" fill={fill(k)} stroke={INK} />
							<text x="22" y="13" fontSize="13" fill="#1a1a1a">
								{one.name}
							</text>
						</g>
					))}
				</g>
				{ticks.map((tick) => (
					<g key={tick}>
						<line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#767676" strokeWidth={tick === 0 ? 1.5 : 0.5} />
						<text x={MARGIN.left - 6} y={y(tick) + 4} fontSize="12" textAnchor="end" fill="#1a1a1a">
							{formatValue(tick)}
						</text>
					</g>
				))}
				{categories.map((category, c) => (
					<g key={category}>
						{series.map((one, k) => {
							const value = one.values[c] ?? 0
							return <rect key={one.name} x={MARGIN.left + c * groupWidth + groupWidth * 0.1 + k * barWidth} y={y(value)} width={barWidth} height={Math.max(0, y(0) - y(value))} fill={fill(k)} stroke={INK} strokeWidth={value > 0 ? 1 : 0} />
						})}
						{c % labelEvery === 0 ? (
							<text x={MARGIN.left + (c + 0.5) * groupWidth} y={HEIGHT - MARGIN.bottom + 18} fontSize="12" textAnchor="middle" fill="#1a1a1a">
								{category}
							</text>
						) : null}
					</g>
				))}
			</svg>
		</ScrollRegion>
	)
}

/** A round step for the axis: 1, 2 or 5 times a power of ten, about five ticks up to `max`. */
export function niceStep(max: number): number {
	const rough = max / 5
	const power = 10 ** Math.floor(Math.log10(rough))
	const step = [1, 2, 5, 10].map((k) => k * power).find((candidate) => candidate >= rough) ?? 10 * power
	return Math.max(1, step)
}
