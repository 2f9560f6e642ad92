import type { GroupMonth } from '@leerplein/domain'

// The chart of an intervention's page (ADR 044): each group's mean per month as a line, drawn on
// the server as SVG. Trained teams a solid line with circles, comparison teams a dashed line with
// squares, the intervention's months a grey band with its word: nothing is told by colour alone.
// It is one image (`role="img"`, its title and description); the numbers follow it as a table.

const WIDTH = 640
const HEIGHT = 300
const PAD = { left: 48, right: 16, top: 16, bottom: 48 }

export type ChartTexts = { title: string; desc: string; during: string; trained: string; comparison: string; monthLabel: (month: string) => string; number: (value: number) => string }

/** Round, readable steps for the value axis: 1, 2 or 5 times a power of ten, about four of them. */
function ticksFor(max: number): number[] {
	if (max <= 0) return [0, 1]
	const rough = max / 4
	const power = 10 ** Math.floor(Math.log10(rough))
	const step = [1, 2, 5, 10].map((k) => k * power).find((k) => k >= rough)!
	const ticks: number[] = []
	for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(10)))
	return ticks
}

export function InterventionChart({ id, series, texts }: { id: string; series: GroupMonth[]; texts: ChartTexts }) {
	const values = series.flatMap((m) => [m.trained.mean, m.comparison.mean]).filter((v): v is number => v !== null)
	const ticks = ticksFor(Math.max(0, ...values))
	const top = ticks[ticks.length - 1]!
	const plotWidth = WIDTH - PAD.left - PAD.right
	const plotHeight = HEIGHT - PAD.top - PAD.bottom
	const step = series.length > 1 ? plotWidth / (series.length - 1) : 0
	const x = (index: number) => PAD.left + (series.length > 1 ? index * step : plotWidth / 2)
	const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight
	// A line per group, broken where a month has no value.
	const path = (group: 'trained' | 'comparison') => {
		let d = ''
		let pen = false
		series.forEach((month, index) => {
			const mean = month[group].mean
			if (mean === null) {
				pen = false
				return
			}
			d += `${pen ? 'L' : 'M'}${x(index).toFixed(1)},${y(mean).toFixed(1)} `
			pen = true
		})
		return d.trim()
	}
	const during = series.map((month, index) => (month.phase === 'during' ? index : -1)).filter((index) => index >= 0)
	// At most about twelve month labels: every second or third month on a long series.
	const labelEvery = Math.max(1, Math.ceil(series.length / 12))
	return (
		<figure className="intervention-chart">
			<svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" preserveAspectRatio="xMidYMid meet">
				<title id={`${id}-title`}>{texts.title}</title>
				<desc id={`${id}-desc`}>{texts.desc}</desc>
				{during.length > 0 ? (
					<g>
						<rect
							x={x(during[0]!) - step / 2}
							y={PAD.top}
							width={Math.max(step, 8) * during.length}
							height={plotHeight}
							fill="#e6e6e6"
						/>
						<text x={x(during[0]!) - step / 2 + 4} y={PAD.top + 14} fontSize="12" fill="#333">
							{texts.during}
						</text>
					</g>
				) : null}
				{ticks.map((tick) => (
					<g key={tick}>
						<line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#c8c8c8" strokeWidth="1" />
						<text x={PAD.left - 6} y={y(tick) + 4} fontSize="12" textAnchor="end" fill="#333">
							{texts.number(tick)}
						</text>
					</g>
				))}
				{series.map((month, index) =>
					index % labelEvery === 0 ? (
						<text key={month.month} x={x(index)} y={HEIGHT - PAD.bottom + 18} fontSize="12" textAnchor="middle" fill="#333">
							{texts.monthLabel(month.month)}
						</text>
					) : null,
				)}
				<path d={path('comparison')} fill="none" stroke="#7a4b00" strokeWidth="2.5" strokeDasharray="8 5" />
				<path d={path('trained')} fill="none" stroke="#01689b" strokeWidth="2.5" />
				{series.map((month, index) =>
					month.comparison.mean === null ? null : (
						<rect key={`c${month.month}`} x={x(index) - 4.5} y={y(month.comparison.mean) - 4.5} width="9" height="9" fill="#7a4b00" />
					),
				)}
				{series.map((month, index) =>
					month.trained.mean === null ? null : <circle key={`t${month.month}`} cx={x(index)} cy={y(month.trained.mean)} r="5" fill="#01689b" />,
				)}
			</svg>
			<figcaption>
				<ul className="chart-legend">
					<li>
						<svg width="36" height="12" aria-hidden="true" focusable="false">
							<line x1="0" x2="36" y1="6" y2="6" stroke="#01689b" strokeWidth="2.5" />
							<circle cx="18" cy="6" r="5" fill="#01689b" />
						</svg>{' '}
						{texts.trained}
					</li>
					<li>
						<svg width="36" height="12" aria-hidden="true" focusable="false">
							<line x1="0" x2="36" y1="6" y2="6" stroke="#7a4b00" strokeWidth="2.5" strokeDasharray="8 5" />
							<rect x="13.5" y="1.5" width="9" height="9" fill="#7a4b00" />
						</svg>{' '}
						{texts.comparison}
					</li>
				</ul>
			</figcaption>
		</figure>
	)
}
