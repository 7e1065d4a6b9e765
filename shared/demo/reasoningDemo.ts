import type { TaskInput } from '../domain';
import { DEMO_PROJECT } from './demoProject';
import { md } from './markdown';

const problem = md`The reciprocals of two positive integers $m$ and $n$ add up to the reciprocal of $2024$:

$$
\frac{1}{m} + \frac{1}{n} = \frac{1}{2024}.
$$

How many ordered pairs $(m, n)$ satisfy this equation?`;

/** Step 4 adds $2024$ where completing the product needs $2024^2$; every later step is right given step 4. */
const steps: readonly string[] = [
  md`Since $m$ and $n$ are positive, $\frac{1}{m} < \frac{1}{m} + \frac{1}{n} = \frac{1}{2024}$, so $m > 2024$, and likewise $n > 2024$.`,
  md`Multiplying both sides by $2024mn$ clears the denominators:

$$
2024n + 2024m = mn.
$$`,
  md`Moving everything to one side:

$$
mn - 2024m - 2024n = 0.
$$`,
  md`To factor the left side, add $2024$ to both sides (Simon's Favorite Factoring Trick):

$$
mn - 2024m - 2024n + 2024 = 2024 \quad\Longrightarrow\quad (m - 2024)(n - 2024) = 2024.
$$`,
  md`By the first step, $m - 2024$ and $n - 2024$ are both positive integers.`,
  md`So each ordered pair $(m, n)$ corresponds to exactly one positive divisor $d$ of $2024$, through $m = 2024 + d$ and $n = 2024 + \frac{2024}{d}$, and every divisor gives a pair.`,
  md`The prime factorization is $2024 = 2^3 \cdot 11 \cdot 23$.`,
  md`The number of positive divisors of $2024$ is $(3 + 1)(1 + 1)(1 + 1) = 16$.`,
  md`The pairs $(m, n)$ and $(n, m)$ come from the divisors $d$ and $\frac{2024}{d}$, which are different unless $d^2 = 2024$; both are counted, as the question asks for ordered pairs.`,
  md`Therefore there are $\boxed{16}$ ordered pairs $(m, n)$.`,
];

const guidelines = md`## How to rate a reasoning trace

Rate each step the way PRM800K labellers did, judging the step **given the steps before it**:

| Rating | Meaning | Examples |
|---|---|---|
| **+1** | Correct and moves the solution forward. | a valid algebraic transformation; a correct case split |
| **0** | Not wrong, but no progress, or reasonable yet ambiguous. | restating the problem; exploring a route the model then abandons |
| **−1** | Wrong or unjustified. | an algebra or arithmetic slip; a false claim; a divisibility claim with no reason |

1. Work through the steps in order. Check each one yourself: expand the product, redo the arithmetic, test a small case.
2. **Stop at the first −1** and mark it as the first error. Later steps rest on a wrong result, so they do not need ratings.
3. From that point, **write the correct steps** and the final answer (LaTeX is fine: ‵$\frac{a}{b}$‵, ‵$$...$$‵). Finish with *found error*.
4. If every step is right, rate them all and finish with *solution*. Use *bad problem* when the statement is ambiguous or the reference answer is wrong; say why.

Keys: **j**/**k** move between steps, **+** **0** **−** (or **1** **2** **3**) rate, **f** flags, **r** rewrites from the step, **a** goes to the final answer, **Ctrl+Enter** submits. In your own steps: **Alt+Enter** new step, **Alt+S** split, **Alt+M** merge, **Alt+↑/↓** move, **Esc** back to the steps. **?** lists every key.

A good check for a factoring step: multiply the factors back out. A good check for a counting answer: list the solutions for a smaller number (e.g. replace 2024 with 6) and compare.`;

export const reasoningDemo: TaskInput = {
  id: 'demo-reasoning-reciprocals',
  project: DEMO_PROJECT,
  title: 'Count the pairs with 1/m + 1/n = 1/2024',
  guidelines,
  payload: {
    kind: 'reasoning',
    problem,
    referenceAnswer: '63',
    showReference: true,
    mode: 'first_error',
    modelSteps: steps.map((content, index) => ({ id: `step-${index + 1}`, content })),
    modelAnswer: '16',
  },
};
