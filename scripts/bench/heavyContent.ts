/**
 * A deterministic heavy ranking task for the benchmark: 4 responses of about 30 KB of markdown, each with 102
 * formulas (72 inline, 30 display), 10 fenced code blocks (Python and TypeScript) and one GFM table.
 * The same seed always gives the same bytes, so runs on different days compare the same work.
 *
 * Pure: no Node or DOM APIs, so the smoke test and the bench share it.
 */

export interface HeavyResponseStats {
  chars: number;
  inlineMath: number;
  displayMath: number;
  codeBlocks: number;
  tables: number;
}

export interface HeavyTask {
  /** One canonical JSONL line (no trailing newline), ready for the import file input. */
  jsonl: string;
  task: {
    schemaVersion: 1;
    id: string;
    project: string;
    version: 1;
    title: string;
    guidelines: string;
    lease: null;
    payload: {
      kind: 'ranking';
      conversation: { role: 'user'; content: string }[];
      responses: { id: string; content: string; model: string }[];
      rubric: {
        criteria: { id: string; label: string; description: string; scale: { min: number; max: number } }[];
        minJustificationLength: number;
        spanLabels: string[];
      };
    };
  };
  stats: HeavyResponseStats[];
}

export interface HeavyOptions {
  seed?: number;
  responses?: number;
  /** Minimum markdown length of each response, in characters. */
  targetChars?: number;
  sections?: number;
  inlinePerSection?: number;
  displayPerSection?: number;
}

/** A word no other task uses: type it into the inbox search to find the benchmark task. */
export const HEAVY_TASK_SEARCH_WORD = 'benchheavyball';
export const HEAVY_TASK_ID = 'bench-heavy-ranking';

/** mulberry32: small, fast, and good enough to pick templates. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Draws without replacement, reshuffling when empty: no sentence repeats before all the others were used. */
function deck<T>(rng: Rng, items: readonly T[]): () => T {
  let pile: T[] = [];
  return () => {
    if (pile.length === 0) {
      pile = [...items];
      for (let i = pile.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [pile[i], pile[j]] = [pile[j]!, pile[i]!];
      }
    }
    return pile.pop()!;
  };
}

/** Per-response decks of templates. */
interface Decks {
  inline: () => (p: Problem, rng: Rng) => string;
  display: () => (p: Problem, rng: Rng) => string;
  math: () => string;
  prose: () => string;
}
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const fixed = (n: number, digits: number) => n.toFixed(digits);

/** The numbers one response works with, so its formulas, prose and code agree with each other. */
interface Problem {
  mu: number;
  L: number;
  kappa: number;
  n: number;
  epsExp: number;
  rho: number;
  rhoGd: number;
  itersHb: number;
  itersGd: number;
  fn: string;
  seed: number;
}

function makeProblem(rng: Rng): Problem {
  const mu = pick(rng, [0.01, 0.02, 0.05, 0.1, 0.25, 0.5]);
  const L = pick(rng, [1, 2, 4, 10, 25, 50]);
  const kappa = L / mu;
  const sk = Math.sqrt(kappa);
  const epsExp = int(rng, 6, 10);
  const rho = (sk - 1) / (sk + 1);
  const rhoGd = (kappa - 1) / (kappa + 1);
  const lnEps = epsExp * Math.log(10);
  return {
    mu,
    L,
    kappa,
    n: pick(rng, [200, 500, 1000, 2000, 5000]),
    epsExp,
    rho,
    rhoGd,
    itersHb: Math.ceil(lnEps / -Math.log(rho)),
    itersGd: Math.ceil(lnEps / -Math.log(rhoGd)),
    fn: pick(rng, ['heavy_ball', 'polyak_momentum', 'momentum_descent', 'hb_solve']),
    seed: int(rng, 1, 9999),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas. Each template returns valid KaTeX; nothing here may contain a bare "|" (it would split a table cell).

const INLINE: ((p: Problem, rng: Rng) => string)[] = [
  (p) => `\\kappa = L/\\mu = ${fixed(p.kappa, 0)}`,
  () => `\\alpha = \\frac{2}{L+\\mu}`,
  () => `\\lVert x_{k+1} - x^\\star \\rVert_2 \\le \\rho^{k+1} \\lVert x_0 - x^\\star \\rVert_2`,
  (p) => `\\rho = \\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1} \\approx ${fixed(p.rho, 4)}`,
  () => `\\lambda_i \\in [\\mu, L]`,
  () => `\\nabla f(x) = A x - b`,
  () => `x^\\star = A^{-1} b`,
  () => `O(\\sqrt{\\kappa}\\,\\log(1/\\varepsilon))`,
  () => `\\beta = \\left(\\frac{\\sqrt{L}-\\sqrt{\\mu}}{\\sqrt{L}+\\sqrt{\\mu}}\\right)^2`,
  () => `e_k = x_k - x^\\star`,
  (_p, rng) => `\\mathbb{E}\\left[\\lVert g_k \\rVert^2\\right] \\le \\sigma^2 + ${int(rng, 2, 9)}\\,\\lVert \\nabla f(x_k) \\rVert^2`,
  (p) => `n = ${p.n}`,
  (p) => `\\varepsilon = 10^{-${p.epsExp}}`,
  () => `\\det(zI - T) = z^2 - (1+\\beta-\\alpha\\lambda)\\,z + \\beta`,
  () => `\\lvert z_{1,2} \\rvert = \\sqrt{\\beta}`,
  () => `\\mathcal{O}(n^2)`,
  () => `f(x) = \\tfrac12 x^\\top A x - b^\\top x`,
  () => `\\sum_{i=1}^{n} \\lambda_i = \\operatorname{tr}(A)`,
  () => `k \\ge \\frac{\\log(1/\\varepsilon)}{-\\log\\rho}`,
  (p) => `k_{\\text{HB}} = ${p.itersHb}`,
  (p) => `k_{\\text{GD}} = ${p.itersGd}`,
  (p) => `\\mu = ${p.mu}`,
  (p) => `L = ${p.L}`,
  () => `A = A^\\top \\succ 0`,
  () => `\\sigma_{\\min}(A) = \\mu`,
  () => `\\langle \\nabla f(x) - \\nabla f(y), x - y \\rangle \\ge \\mu \\lVert x - y \\rVert^2`,
  () => `T \\in \\mathbb{R}^{2n \\times 2n}`,
  (p) => `\\rho_{\\text{GD}} = \\frac{\\kappa-1}{\\kappa+1} \\approx ${fixed(p.rhoGd, 5)}`,
  () => `\\Delta x_k = x_k - x_{k-1}`,
  () => `\\hat{L} = \\max_i \\lvert \\lambda_i \\rvert`,
];

const DISPLAY: ((p: Problem, rng: Rng) => string)[] = [
  () => `x_{k+1} = x_k - \\alpha \\nabla f(x_k) + \\beta\\,(x_k - x_{k-1})`,
  () =>
    `\\begin{pmatrix} e_{k+1} \\\\ e_k \\end{pmatrix} = \\begin{pmatrix} (1+\\beta) I - \\alpha A & -\\beta I \\\\ I & 0 \\end{pmatrix} \\begin{pmatrix} e_k \\\\ e_{k-1} \\end{pmatrix}`,
  () => `\\rho(T) = \\max_{\\lambda \\in [\\mu, L]} \\max\\left\\{ \\lvert z_1(\\lambda) \\rvert, \\lvert z_2(\\lambda) \\rvert \\right\\}`,
  () => `\\lVert e_k \\rVert \\le C \\left(\\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1}\\right)^{k} \\lVert e_0 \\rVert`,
  () => `\\alpha^\\star = \\frac{4}{(\\sqrt{L}+\\sqrt{\\mu})^2}, \\qquad \\beta^\\star = \\left(\\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1}\\right)^2`,
  () => `f(x_k) - f^\\star \\le \\frac{L}{2} \\lVert e_k \\rVert^2 \\le \\frac{L}{2}\\, \\rho^{2k} \\lVert e_0 \\rVert^2`,
  () => `\\int_0^\\infty e^{-\\mu t}\\,dt = \\frac{1}{\\mu}`,
  () => `\\frac{d}{dt} V\\big(x(t)\\big) = \\big\\langle \\nabla f(x), \\dot x \\big\\rangle \\le -2\\mu\\, V\\big(x(t)\\big)`,
  (p) =>
    `k_{\\text{GD}} \\approx \\frac{\\kappa}{2}\\ln\\frac{1}{\\varepsilon} = ${Math.round((p.kappa / 2) * p.epsExp * Math.log(10))}, \\qquad k_{\\text{HB}} \\approx \\frac{\\sqrt{\\kappa}}{2}\\ln\\frac{1}{\\varepsilon} = ${Math.round((Math.sqrt(p.kappa) / 2) * p.epsExp * Math.log(10))}`,
  () =>
    `\\begin{aligned} z^2 - (1+\\beta-\\alpha\\lambda)\\,z + \\beta &= 0 \\\\ z_{1,2} &= \\tfrac12\\left(1+\\beta-\\alpha\\lambda \\pm \\sqrt{(1+\\beta-\\alpha\\lambda)^2 - 4\\beta}\\right) \\end{aligned}`,
  () => `\\operatorname{Var}\\left[x_{k+1}\\right] = (1+\\beta)^2 \\operatorname{Var}[x_k] - 2\\beta(1+\\beta)\\operatorname{Cov}[x_k, x_{k-1}] + \\beta^2 \\operatorname{Var}[x_{k-1}] + \\alpha^2\\sigma^2`,
  (p) => `\\frac{\\log(10^{${p.epsExp}})}{-\\log ${fixed(p.rho, 4)}} \\approx ${p.itersHb}\\ \\text{iterations}`,
  () => `\\sum_{k=0}^{\\infty} \\rho^{k} = \\frac{1}{1-\\rho} \\quad\\text{for } 0 \\le \\rho < 1`,
  () => `A = Q \\Lambda Q^\\top, \\qquad \\Lambda = \\operatorname{diag}(\\lambda_1, \\dots, \\lambda_n), \\qquad \\mu = \\lambda_1 \\le \\dots \\le \\lambda_n = L`,
  (_p, rng) =>
    `\\lVert x_k - x^\\star \\rVert_A^2 = (x_k - x^\\star)^\\top A\\, (x_k - x^\\star) \\le ${int(rng, 2, 4)}\\,\\bigl(f(x_k) - f^\\star\\bigr)`,
];

// ---------------------------------------------------------------------------------------------------------------
// Prose. "{m}" is replaced by one inline formula; the other slots by the problem's numbers.

const MATH_SENTENCES = [
  'The first thing to pin down is the spectrum: every eigenvalue satisfies {m}, and that interval is all the analysis needs.',
  'With the quadratic written as {m}, the gradient is affine and the error obeys a linear recursion.',
  'Plugging in the numbers from the question gives {m}, which already tells us plain gradient descent will be slow.',
  'Because the Hessian is constant, the contraction factor {m} holds from the very first step, not only asymptotically.',
  'It helps to track the error {m} rather than the iterate itself, since the fixed point drops out.',
  'The momentum coefficient that balances both roots is {m}, and it only depends on the condition number.',
  'A quick sanity check: for {m} the heavy-ball method needs roughly the square root of the iterations of gradient descent.',
  'In exact arithmetic the bound {m} is tight for the worst eigenvector, so there is no hidden slack to exploit.',
  'The characteristic polynomial of the 2-by-2 block is {m}; its roots decide whether the iteration oscillates.',
  'When the discriminant is negative both roots are complex with {m}, which is exactly the critically damped regime.',
  'Each iteration costs one matrix-vector product, so the total work is {m} per step for a dense matrix.',
  'Stopping once the residual drops below {m} is a reasonable default for double precision.',
  'Strong convexity gives {m}, and that single inequality is what rules out sublinear behaviour.',
  'The estimate {m} comes from a few steps of power iteration and is cheap compared with the solve itself.',
  'Note that {m} is only an upper bound; on clustered spectra the observed rate is noticeably better.',
  'For the dimensions in the prompt, {m}, so storing the matrix densely is still fine on a laptop.',
  'Writing the update in terms of {m} makes the role of the velocity explicit.',
  'If the gradient is noisy, the second moment satisfies {m}, and momentum amplifies the noise floor.',
  'Taking logarithms turns the contraction into a count: {m} iterations suffice.',
  'The two tuned parameters are not independent; once {m} is fixed, the step size follows.',
];

const PROSE_SENTENCES = [
  'This is the part of the derivation that most textbook treatments skip, so it is worth doing carefully.',
  'Nothing here depends on the dimension, which is why the same tuning works for small and large problems alike.',
  'In practice you rarely know the extreme eigenvalues exactly, and a modest overestimate of the largest one is the safe side to err on.',
  'The implementation below keeps two vectors in memory and avoids allocating inside the loop.',
  'A common mistake is to reuse the gradient-descent step size unchanged after adding momentum; the iteration then diverges.',
  'The test compares against a direct solve on a small random instance, which catches sign errors immediately.',
  'Oscillation in the objective is expected with momentum and is not by itself a sign of divergence.',
  'For ill-conditioned problems the difference between the two methods is the difference between seconds and minutes.',
  'It is worth logging the residual norm every few iterations; the slope on a log scale should match the predicted rate.',
  'The analysis assumes exact gradients; with stochastic gradients the picture changes and a decaying step size is needed.',
  'Restarting the momentum when the objective increases is a cheap safeguard that costs almost nothing on well-behaved problems.',
  'The same reasoning carries over to any smooth strongly convex function near its minimiser, where the Hessian is nearly constant.',
  'Conjugate gradients achieves the same square-root dependence without knowing the spectrum, which is why it is the default for linear systems.',
  'The numbers below were produced with a fixed random seed so that the run is reproducible.',
  'Vectorised NumPy is fast enough here; a compiled loop only pays off for much larger matrices.',
  'The TypeScript version mirrors the Python one line for line so that the two can be checked against each other.',
  'Floating-point round-off sets a floor on the achievable residual, typically a few hundred times machine epsilon times the condition number.',
  'Plotting the error on a logarithmic axis turns the geometric decay into a straight line, which makes the rate easy to read off.',
  'If the matrix is only available as a function, the code works unchanged because it never indexes the matrix directly.',
  'A warm start from the previous solution helps when a sequence of closely related systems has to be solved.',
  'The constant in front of the rate depends on how far the initial point is from the solution and on the eigenvector basis.',
  'None of this requires the matrix to be sparse, although sparsity makes each iteration much cheaper.',
  'Checking the result against the closed form on a two-dimensional example is a good habit before scaling up.',
  'The tuned parameters are optimal for the worst case over the spectrum, not for any particular right-hand side.',
];

const SECTION_TITLES = [
  'Setting up the problem',
  'The heavy-ball update',
  'Error recursion and the companion matrix',
  'Roots of the characteristic polynomial',
  'Optimal step size and momentum',
  'Comparison with gradient descent',
  'A reference implementation in Python',
  'The same solver in TypeScript',
  'Testing against a direct solve',
  'Estimating the spectrum in practice',
  'Noise, restarts and other practical concerns',
  'Summary and recommendations',
];

// ---------------------------------------------------------------------------------------------------------------
// Code blocks: real, runnable-looking Python and TypeScript, parameterised by the problem.

const CODE: ((p: Problem, rng: Rng) => { lang: 'python' | 'ts'; code: string })[] = [
  (p) => ({
    lang: 'python',
    code: [
      'import numpy as np',
      '',
      '',
      `def ${p.fn}(A, b, mu, L, tol=1e-${p.epsExp}, max_iter=${p.itersHb * 4}):`,
      '    """Polyak heavy-ball iteration for A x = b with A symmetric positive definite."""',
      '    sqrt_k = np.sqrt(L / mu)',
      '    alpha = 4.0 / (np.sqrt(L) + np.sqrt(mu)) ** 2',
      '    beta = ((sqrt_k - 1.0) / (sqrt_k + 1.0)) ** 2',
      '    x_prev = np.zeros_like(b)',
      '    x = np.zeros_like(b)',
      '    b_norm = np.linalg.norm(b)',
      '    for k in range(max_iter):',
      '        r = A @ x - b',
      '        if np.linalg.norm(r) <= tol * b_norm:',
      '            return x, k',
      '        x, x_prev = x - alpha * r + beta * (x - x_prev), x',
      '    raise RuntimeError(f"no convergence after {max_iter} iterations")',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'import numpy as np',
      '',
      '',
      `def random_spd(n=${p.n}, mu=${p.mu}, L=${p.L}, seed=${p.seed}):`,
      '    """A random SPD matrix with its spectrum spread exactly over [mu, L]."""',
      '    rng = np.random.default_rng(seed)',
      '    q, _ = np.linalg.qr(rng.standard_normal((n, n)))',
      '    eigs = np.linspace(mu, L, n)',
      '    return (q * eigs) @ q.T',
      '',
      '',
      `A = random_spd()`,
      `b = np.random.default_rng(${p.seed + 1}).standard_normal(A.shape[0])`,
      `print(np.linalg.cond(A))  # about ${fixed(p.kappa, 0)}`,
    ].join('\n'),
  }),
  (p) => ({
    lang: 'ts',
    code: [
      'export interface HeavyBallResult {',
      '  x: Float64Array;',
      '  iterations: number;',
      '}',
      '',
      `export function heavyBall(matvec: (v: Float64Array) => Float64Array, b: Float64Array, mu: number, L: number, tol = 1e-${p.epsExp}): HeavyBallResult {`,
      '  const sqrtK = Math.sqrt(L / mu);',
      '  const alpha = 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2;',
      '  const beta = ((sqrtK - 1) / (sqrtK + 1)) ** 2;',
      '  let x = new Float64Array(b.length);',
      '  let prev = new Float64Array(b.length);',
      '  const bNorm = Math.hypot(...b);',
      `  for (let k = 0; k < ${p.itersHb * 4}; k++) {`,
      '    const ax = matvec(x);',
      '    let rNorm = 0;',
      '    const next = new Float64Array(b.length);',
      '    for (let i = 0; i < b.length; i++) {',
      '      const r = ax[i]! - b[i]!;',
      '      rNorm += r * r;',
      '      next[i] = x[i]! - alpha * r + beta * (x[i]! - prev[i]!);',
      '    }',
      '    if (Math.sqrt(rNorm) <= tol * bNorm) return { x, iterations: k };',
      '    prev = x;',
      '    x = next;',
      '  }',
      "  throw new Error('heavyBall: no convergence');",
      '}',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'import numpy as np',
      'import pytest',
      '',
      '',
      '@pytest.mark.parametrize("n", [2, 10, 50])',
      `def test_${p.fn}_matches_direct_solve(n):`,
      `    rng = np.random.default_rng(${p.seed})`,
      '    A = random_spd(n=n, mu=0.5, L=20.0, seed=n)',
      '    b = rng.standard_normal(n)',
      `    x, iters = ${p.fn}(A, b, mu=0.5, L=20.0)`,
      '    np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=1e-6)',
      '    # sqrt(40) ~ 6.3, so a few dozen iterations are plenty',
      '    assert iters < 120',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'def power_iteration(matvec, n, iters=50, seed=0):',
      '    """Estimate the largest eigenvalue L of a symmetric operator."""',
      '    v = np.random.default_rng(seed).standard_normal(n)',
      '    v /= np.linalg.norm(v)',
      '    lam = 0.0',
      '    for _ in range(iters):',
      '        w = matvec(v)',
      '        lam = float(v @ w)',
      '        v = w / np.linalg.norm(w)',
      '    return lam',
      '',
      '',
      `L_hat = 1.05 * power_iteration(lambda v: A @ v, ${p.n})  # 5 % safety margin`,
    ].join('\n'),
  }),
  (p) => ({
    lang: 'ts',
    code: [
      "import { describe, expect, it } from 'vitest';",
      "import { heavyBall } from './heavyBall';",
      '',
      "describe('heavyBall', () => {",
      "  it('solves a diagonal system to the requested tolerance', () => {",
      `    const diag = Float64Array.from({ length: 64 }, (_, i) => ${p.mu} + (i * (${p.L} - ${p.mu})) / 63);`,
      '    const b = Float64Array.from({ length: 64 }, (_, i) => Math.sin(i));',
      '    const matvec = (v: Float64Array) => v.map((x, i) => diag[i]! * x);',
      `    const { x, iterations } = heavyBall(matvec, b, ${p.mu}, ${p.L});`,
      '    x.forEach((xi, i) => expect(xi).toBeCloseTo(b[i]! / diag[i]!, 6));',
      `    expect(iterations).toBeLessThan(${p.itersHb * 2});`,
      '  });',
      '});',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'import matplotlib.pyplot as plt',
      '',
      'history_gd, history_hb = [], []',
      `for k, (x_gd, x_hb) in enumerate(zip(run_gd(A, b), run_hb(A, b))):`,
      '    history_gd.append(np.linalg.norm(A @ x_gd - b))',
      '    history_hb.append(np.linalg.norm(A @ x_hb - b))',
      `    if k == ${p.itersHb * 3}:`,
      '        break',
      '',
      'plt.semilogy(history_gd, label="gradient descent")',
      'plt.semilogy(history_hb, label="heavy ball")',
      `plt.axhline(1e-${p.epsExp}, color="grey", linestyle=":")`,
      'plt.xlabel("iteration")',
      'plt.ylabel("residual norm")',
      'plt.legend()',
      'plt.savefig("convergence.png", dpi=150)',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'ts',
    code: [
      '/** Conjugate gradients: same sqrt(kappa) rate, no spectrum needed. */',
      'export function conjugateGradient(matvec: (v: Float64Array) => Float64Array, b: Float64Array, tol = 1e-8): Float64Array {',
      '  const x = new Float64Array(b.length);',
      '  const r = Float64Array.from(b);',
      '  const p = Float64Array.from(b);',
      '  let rr = dot(r, r);',
      `  for (let k = 0; k < ${p.n} && Math.sqrt(rr) > tol; k++) {`,
      '    const ap = matvec(p);',
      '    const step = rr / dot(p, ap);',
      '    for (let i = 0; i < b.length; i++) {',
      '      x[i]! += step * p[i]!;',
      '      r[i]! -= step * ap[i]!;',
      '    }',
      '    const next = dot(r, r);',
      '    for (let i = 0; i < b.length; i++) p[i] = r[i]! + (next / rr) * p[i]!;',
      '    rr = next;',
      '  }',
      '  return x;',
      '}',
      '',
      'const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, ai, i) => s + ai * b[i]!, 0);',
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'import time',
      '',
      '',
      'def timed(fn, *args, repeat=5, **kwargs):',
      '    best = float("inf")',
      '    for _ in range(repeat):',
      '        start = time.perf_counter()',
      '        fn(*args, **kwargs)',
      '        best = min(best, time.perf_counter() - start)',
      '    return best',
      '',
      '',
      `print(f"heavy ball: {timed(${p.fn}, A, b, ${p.mu}, ${p.L}) * 1e3:.1f} ms")`,
      `print(f"direct:     {timed(np.linalg.solve, A, b) * 1e3:.1f} ms")`,
    ].join('\n'),
  }),
  (p) => ({
    lang: 'ts',
    code: [
      'export function tunedParameters(mu: number, L: number): { alpha: number; beta: number; rate: number } {',
      "  if (!(mu > 0 && L >= mu)) throw new RangeError('need 0 < mu <= L');",
      '  const sqrtK = Math.sqrt(L / mu);',
      '  const rate = (sqrtK - 1) / (sqrtK + 1);',
      '  return { alpha: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, beta: rate * rate, rate };',
      '}',
      '',
      `const { alpha, beta, rate } = tunedParameters(${p.mu}, ${p.L});`,
      `console.log({ alpha, beta, rate }); // rate ~ ${fixed(p.rho, 4)}`,
      `console.log(Math.ceil(Math.log(1e-${p.epsExp}) / Math.log(rate))); // ${p.itersHb}`,
    ].join('\n'),
  }),
  (p) => ({
    lang: 'python',
    code: [
      'def heavy_ball_with_restart(A, b, mu, L, tol=1e-8, max_iter=10_000):',
      '    """Reset the momentum whenever the objective goes up (adaptive restart)."""',
      '    alpha, beta = tuned_parameters(mu, L)',
      '    x = x_prev = np.zeros_like(b)',
      '    f_old = np.inf',
      '    for k in range(max_iter):',
      '        g = A @ x - b',
      '        f_new = 0.5 * x @ (g - b)',
      '        if f_new > f_old:',
      '            x_prev = x  # drop the velocity',
      '        f_old = f_new',
      '        if np.linalg.norm(g) < tol:',
      '            return x, k',
      '        x, x_prev = x - alpha * g + beta * (x - x_prev), x',
      `    return x, max_iter  # seed ${p.seed}`,
    ].join('\n'),
  }),
  (p) => ({
    lang: 'ts',
    code: [
      'interface RunLog {',
      '  iteration: number;',
      '  residual: number;',
      '}',
      '',
      'export function* residuals(step: () => Float64Array, b: Float64Array, matvec: (v: Float64Array) => Float64Array): Generator<RunLog> {',
      `  for (let iteration = 0; iteration < ${p.itersGd}; iteration++) {`,
      '    const x = step();',
      '    const ax = matvec(x);',
      '    const residual = Math.hypot(...ax.map((v, i) => v - b[i]!));',
      '    yield { iteration, residual };',
      `    if (residual < 1e-${p.epsExp}) return;`,
      '  }',
      '}',
    ].join('\n'),
  }),
];

// ---------------------------------------------------------------------------------------------------------------

interface Section {
  title: string;
  /** Each paragraph is a list of sentences. */
  paragraphs: string[][];
  displays: string[];
  code: { lang: string; code: string };
  bullets: string[];
  table: string | null;
}

function fillSentence(rng: Rng, p: Problem, d: Decks, withMath: boolean): string {
  if (!withMath) return d.prose();
  const formula = `$${d.inline()(p, rng)}$`;
  return d.math().replace('{m}', () => formula);
}

function comparisonTable(rng: Rng, p: Problem, inlineBudget: number): { table: string; inline: number } {
  const header = '| Method | Step size | Momentum | Contraction per step | Iterations to reach the tolerance |\n|---|---|---|---|---:|';
  const rows: [string, string, string, string, number][] = [
    ['Gradient descent, fixed step', '$\\alpha = 1/L$', 'none', `$1 - 1/\\kappa$`, Math.ceil(p.itersGd * 2)],
    ['Gradient descent, tuned step', '$\\alpha = 2/(L+\\mu)$', 'none', `$\\rho_{\\text{GD}} \\approx ${fixed(p.rhoGd, 5)}$`, p.itersGd],
    ['Heavy ball, tuned', '$\\alpha^\\star$', '$\\beta^\\star$', `$\\rho \\approx ${fixed(p.rho, 4)}$`, p.itersHb],
    ['Heavy ball, momentum 0.9', '$\\alpha^\\star$', '0.9', 'depends on the spectrum', Math.ceil(p.itersHb * (1.2 + rng()))],
    ['Conjugate gradients', 'line search', 'implicit', `$2\\left(\\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1}\\right)^k$`, Math.ceil(p.itersHb * 0.9)],
  ];
  let inline = 0;
  const body = rows
    .map((r) => {
      const cells = r.slice(0, 4).map((c) => {
        const s = String(c);
        if (s.startsWith('$')) {
          if (inline >= inlineBudget) return s.replace(/^\$|\$$/g, '`').replace(/\\/g, '');
          inline++;
        }
        return s;
      });
      return `| ${cells.join(' | ')} | ${r[4]} |`;
    })
    .join('\n');
  return { table: `${header}\n${body}`, inline };
}

function buildSection(rng: Rng, p: Problem, d: Decks, index: number, title: string, inline: number, display: number, withTable: boolean): Section {
  let inlineLeft = inline;
  let table: string | null = null;
  if (withTable) {
    const t = comparisonTable(rng, p, Math.min(6, inlineLeft));
    table = t.table;
    inlineLeft -= t.inline;
  }
  // 3 paragraphs; the inline formulas spread over them, two math-free sentences between.
  const paragraphs: string[][] = [[], [], []];
  for (let i = 0; i < inlineLeft; i++) paragraphs[i % 3]!.push(fillSentence(rng, p, d, true));
  for (const para of paragraphs) para.splice(int(rng, 0, para.length), 0, fillSentence(rng, p, d, false), fillSentence(rng, p, d, false));
  const displays = Array.from({ length: display }, () => d.display()(p, rng));
  const code = CODE[(index + p.seed) % CODE.length]!(p, rng);
  const bullets = index % 2 === 0 ? Array.from({ length: int(rng, 2, 4) }, () => d.prose()) : [];
  return { title, paragraphs, displays, code, bullets, table };
}

function renderSection(s: Section, number: number): string {
  const out: string[] = [`## ${number}. ${s.title}`, ''];
  s.paragraphs.forEach((para, i) => {
    out.push(para.join(' '), '');
    const display = s.displays[i];
    if (display) out.push('$$', display, '$$', '');
  });
  for (const d of s.displays.slice(s.paragraphs.length)) out.push('$$', d, '$$', '');
  if (s.table) out.push(s.table, '');
  if (s.bullets.length) out.push(...s.bullets.map((b) => `- ${b}`), '');
  out.push(`\`\`\`${s.code.lang}`, s.code.code, '```', '');
  return out.join('\n');
}

function renderResponse(intro: string, sections: Section[]): string {
  return [intro, '', ...sections.map((s, i) => renderSection(s, i + 1))].join('\n').trimEnd() + '\n';
}

/** Counts the markdown constructs the bench expects the renderer to produce (by construction, not by parsing). */
function statsOf(sections: Section[], content: string): HeavyResponseStats {
  const inlineMath = sections.reduce((n, s) => n + s.paragraphs.flat().filter((x) => x.includes('$')).length + (s.table?.match(/\$[^$|]+\$/g)?.length ?? 0), 0);
  return {
    chars: content.length,
    inlineMath,
    displayMath: sections.reduce((n, s) => n + s.displays.length, 0),
    codeBlocks: sections.length,
    tables: sections.filter((s) => s.table).length,
  };
}

export function generateHeavyResponse(seed: number, options: HeavyOptions = {}): { content: string; stats: HeavyResponseStats } {
  const rng = seededRandom(seed);
  const p = makeProblem(rng);
  const sectionCount = options.sections ?? 10;
  const inline = options.inlinePerSection ?? 7;
  const display = options.displayPerSection ?? 3;
  const target = options.targetChars ?? 30_000;
  const tableAt = Math.floor(sectionCount / 2);
  const titles = SECTION_TITLES.slice(0, sectionCount);
  const d: Decks = { inline: deck(rng, INLINE), display: deck(rng, DISPLAY), math: deck(rng, MATH_SENTENCES), prose: deck(rng, PROSE_SENTENCES) };
  const sections = titles.map((t, i) => buildSection(rng, p, d, i, t, inline, display, i === tableAt));
  const intro = `**Short answer:** with $\\mu = ${p.mu}$ and $L = ${p.L}$ the condition number is ${fixed(p.kappa, 0)}, so tuned heavy-ball momentum needs about ${p.itersHb} iterations where gradient descent needs about ${p.itersGd}. The details follow.`;
  // Pad with math-free sentences, spread round-robin over the paragraphs, until the response reaches its size.
  let content = renderResponse(intro, sections);
  const paras = sections.flatMap((s) => s.paragraphs);
  for (let i = 0; content.length < target; i++) {
    paras[i % paras.length]!.push(fillSentence(rng, p, d, false));
    if (i % 8 === 7 || content.length > target - 2_000) content = renderResponse(intro, sections);
  }
  content = renderResponse(intro, sections);
  const stats = statsOf(sections, content);
  // The intro has two inline formulas.
  stats.inlineMath += 2;
  return { content, stats };
}

export function generateHeavyTask(options: HeavyOptions = {}): HeavyTask {
  const seed = options.seed ?? 20_240_601;
  const count = options.responses ?? 4;
  const responses = Array.from({ length: count }, (_, i) => {
    const r = generateHeavyResponse(seed + i * 7919, options);
    return { id: `heavy-${i + 1}`, content: r.content, model: `bench-model-${String.fromCharCode(97 + i)}`, stats: r.stats };
  });
  const task: HeavyTask['task'] = {
    schemaVersion: 1,
    id: HEAVY_TASK_ID,
    project: 'Benchmarks',
    version: 1,
    title: `Heavy-ball momentum on an ill-conditioned quadratic (${HEAVY_TASK_SEARCH_WORD})`,
    guidelines: 'Rank by correctness first, then by how directly each response answers all three parts.',
    lease: null,
    payload: {
      kind: 'ranking',
      conversation: [
        {
          role: 'user',
          content:
            'For $f(x) = \\tfrac12 x^\\top A x - b^\\top x$ with the spectrum of $A$ in $[\\mu, L]$: (1) derive the optimal step size and momentum of the heavy-ball method, (2) give its convergence rate and compare it with gradient descent, (3) write a tested implementation in Python and in TypeScript.',
        },
      ],
      responses: responses.map(({ id, content, model }) => ({ id, content, model })),
      rubric: {
        criteria: [
          { id: 'correctness', label: 'Correctness', description: 'Derivation, rates and code are right.', scale: { min: 1, max: 7 } },
          { id: 'helpfulness', label: 'Helpfulness', description: 'Answers all three parts, no padding.', scale: { min: 1, max: 7 } },
        ],
        minJustificationLength: 40,
        spanLabels: ['hallucination', 'error', 'unsafe', 'good'],
      },
    },
  };
  return { jsonl: JSON.stringify(task), task, stats: responses.map((r) => r.stats) };
}
