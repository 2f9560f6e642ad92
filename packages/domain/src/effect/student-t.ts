// Quantiles of the normal and Student t distributions, for the confidence interval of an effect
// (ADR 040). Written here rather than installed: the domain needs one quantile, and npm offers it
// inside a whole statistics library (jstat) or as a tree of small @stdlib packages (the t quantile
// alone pulls in six, each with its own); about a hundred lines, checked against scipy, weigh less.

// Peter J. Acklam's rational approximation of the normal quantile (2003), relative error below
// 1.15e-9: far finer than the one decimal an effect is shown with.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const
const LOW_TAIL = 0.02425

/** The value a standard normal variable falls below with probability `p` (0 < p < 1). */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must lie strictly between 0 and 1, got ${p}`)
	if (p < LOW_TAIL) {
		const q = Math.sqrt(-2 * Math.log(p))
		return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
	}
	if (p > 1 - LOW_TAIL) return -normalQuantile(1 - p)
	const q = p - 0.5
	const r = q * q
	return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
}

// Lanczos's approximation of ln Γ(x) for x ≥ 0.5 (g = 7, nine terms), good to about 15 digits.
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7,
] as const

function logGamma(x: number): number {
	const z = x - 1
	let sum = LANCZOS[0]
	for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i)
	const t = z + 7.5
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

// The continued fraction of the regularised incomplete beta function, by the modified Lentz method
// (Numerical Recipes, 3rd ed., §6.4); it converges quickly for x < (a + 1) / (a + b + 2).
function betaContinuedFraction(a: number, b: number, x: number): number {
	const tiny = 1e-300
	let c = 1
	let d = 1 - ((a + b) * x) / (a + 1)
	d = 1 / (Math.abs(d) < tiny ? tiny : d)
	let h = d
	for (let m = 1; m <= 300; m++) {
		const m2 = 2 * m
		for (const term of [(m * (b - m) * x) / ((a - 1 + m2) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2))]) {
			d = 1 + term * d
			d = 1 / (Math.abs(d) < tiny ? tiny : d)
			c = 1 + term / c
			if (Math.abs(c) < tiny) c = tiny
			h *= d * c
		}
		if (Math.abs(d * c - 1) < 1e-15) break
	}
	return h
}

/** The regularised incomplete beta function I_x(a, b). */
function regularisedBeta(a: number, b: number, x: number): number {
	if (x <= 0) return 0
	if (x >= 1) return 1
	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
	return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** The probability that a Student t variable with `n` degrees of freedom exceeds `t` ≥ 0. */
function studentTUpperTail(t: number, n: number): number {
	return 0.5 * regularisedBeta(n / 2, 0.5, n / (n + t * t))
}

function studentTDensity(t: number, n: number): number {
	return Math.exp(logGamma((n + 1) / 2) - logGamma(n / 2) - 0.5 * Math.log(n * Math.PI) - ((n + 1) / 2) * Math.log1p((t * t) / n))
}

/**
 * The value a Student t variable with `degreesOfFreedom` falls below with probability `p`. As R's
 * `qt` does: G. W. Hill, "Algorithm 396: Student's t-quantiles", Communications of the ACM 13
 * (1970) gives a start, exact for 1 and 2 degrees of freedom and within about 1e-5 from 3 on, but
 * up to 5 % off between 1 and 2; Newton's method on the distribution function (through the
 * incomplete beta function) then makes it exact to about 12 digits. student-t.test.ts checks both
 * against scipy. Degrees of freedom need not be whole (Welch–Satterthwaite's seldom are) but must
 * be at least 1; a Welch interval between two groups of at least two teams always has that many.
 * Infinity gives the normal quantile.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must lie strictly between 0 and 1, got ${p}`)
	if (!(degreesOfFreedom >= 1)) throw new RangeError(`studentTQuantile: at least 1 degree of freedom, got ${degreesOfFreedom}`)
	if (p === 0.5) return 0
	if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom)
	if (degreesOfFreedom === Infinity) return normalQuantile(p)
	const n = degreesOfFreedom
	const tail = 1 - p
	let q = hillStart(tail, n)
	if (n === 1 || n === 2) return q
	for (let step = 0; step < 20; step++) {
		// Working with the upper tail rather than the distribution function keeps the digits far out.
		const next = q + (studentTUpperTail(q, n) - tail) / studentTDensity(q, n)
		// Far out the tail is convex; a step that overshoots past zero is halved instead.
		const settled = next > 0 ? next : q / 2
		if (Math.abs(settled - q) <= 1e-13 * q) return settled
		q = settled
	}
	return q
}

/** Hill's (1970) quantile for the upper tail probability `tail` < 0.5 and `n` ≥ 1 degrees of freedom. */
function hillStart(tail: number, n: number): number {
	// Hill works with the probability of both tails together.
	const P = 2 * tail
	if (n === 1) return 1 / Math.tan((P * Math.PI) / 2)
	if (n === 2) return Math.sqrt(2 / (P * (2 - P)) - 2)
	const a = 1 / (n - 0.5)
	const b = 48 / (a * a)
	let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36
	const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n
	let y = (d * P) ** (2 / n)
	if (y > 0.05 + a) {
		// Far enough into the tail for the expansion around the normal quantile.
		const x = normalQuantile(P / 2)
		y = x * x
		if (n < 5) c += 0.3 * (n - 4.5) * (x + 0.6)
		c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
		y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
		y = Math.expm1(a * y * y)
	} else {
		y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * ((n + 1) / (n + 2)) + 1 / y
	}
	return Math.sqrt(n * y)
}
