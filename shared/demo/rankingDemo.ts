import type { TaskInput } from '../domain';
import { DEMO_PROJECT } from './demoProject';
import { md } from './markdown';

const prompt = md`I'm writing a problem set for a second-year organic chemistry course. Under identical conditions (1 M sodium ethoxide in ethanol, 55 °C), **bromoethane** gives almost entirely diethyl ether, while **2-bromo-2-methylpropane** (*tert*-butyl bromide) gives mostly 2-methylpropene.

1. Explain why the two substrates take different pathways (SN2 vs E2).
2. Give the rate law of each major pathway.
3. If two competing pathways of one substrate differ in activation free energy by 10 kJ/mol, what product ratio does that correspond to at 55 °C? Show the calculation.`;

/** Mostly right and well organised, but states that E2 needs a syn-periplanar geometry. */
const subtleError = md`**SN2 vs E2: the substrate decides**

Ethoxide is both a good nucleophile and a strong base, so the outcome is decided by how accessible the electrophilic carbon is.

- **Bromoethane** (primary): the back side of the C–Br bond is unhindered, so ethoxide attacks carbon directly (SN2) and gives diethyl ether.
- **2-Bromo-2-methylpropane** (tertiary): the three methyl groups block backside attack completely. Ethoxide instead abstracts a β-hydrogen. E2 requires the β C–H bond and the C–Br bond to be **syn-periplanar** (dihedral angle 0°), a geometry the freely rotating methyl groups reach easily, so elimination to 2-methylpropene is fast.

| Substrate | Class | Major pathway | Rate law |
|---|---|---|---|
| $\mathrm{CH_3CH_2Br}$ | 1° | SN2 | $k[\mathrm{RBr}][\mathrm{EtO^-}]$ |
| $\mathrm{(CH_3)_3CBr}$ | 3° | E2 | $k[\mathrm{RBr}][\mathrm{EtO^-}]$ |

Both are second order overall; what differs is the size of $k$, not the form of the rate law.

**Product ratio.** For two competing pathways with the same rate law the concentrations cancel:

$$\frac{[\mathrm{P_1}]}{[\mathrm{P_2}]} = \frac{k_1}{k_2} = e^{\Delta\Delta G^\ddagger / RT}$$

‵‵‵python
from math import exp
from scipy.constants import R  # 8.314 J/(mol K)

T = 55 + 273.15
print(exp(10_000 / (R * T)))  # 39.06...
‵‵‵

With $\Delta\Delta G^\ddagger = 10\ \mathrm{kJ\,mol^{-1}}$ and $T = 328\ \mathrm{K}$ the ratio is about **39 : 1**, i.e. about 97.5 % of the major product.`;

/** Correct, complete, and the right length for the question. */
const good = md`## Short answer

Both reactions use the same strong, unhindered base and nucleophile ($\mathrm{EtO^-}$), so the difference comes from the **substrate**: backside attack at a primary carbon is easy, backside attack at a tertiary carbon is blocked, and the tertiary bromide has nine β-hydrogens for E2.

## 1. Why the pathways differ

| | bromoethane, $\mathrm{CH_3CH_2Br}$ | 2-bromo-2-methylpropane, $\mathrm{(CH_3)_3CBr}$ |
|---|---|---|
| α-carbon | primary | tertiary |
| backside approach (SN2) | open | blocked by three methyl groups |
| β-hydrogens | 3 | 9 |
| major product with $\mathrm{EtO^-}$ / EtOH | $\mathrm{CH_3CH_2OCH_2CH_3}$ (SN2, ≈ 99 %) | $\mathrm{CH_2{=}C(CH_3)_2}$ (E2, typically > 90 %) |

- **Bromoethane.** The back lobe of $\sigma^*_{\mathrm{C-Br}}$ is accessible, and the SN2 transition state (five groups around carbon, Nu–C–Br close to $180^\circ$) carries only hydrogens and one methyl group. SN2 is fast; E2 is a minor channel (about 1 % ethene).
- **2-Bromo-2-methylpropane.** Three methyl groups shield the back lobe of $\sigma^*_{\mathrm{C-Br}}$, so SN2 does not occur. Ethoxide instead removes a β-hydrogen **anti-periplanar** to the C–Br bond (dihedral $180^\circ$, which puts the C–H bonding orbital in line with $\sigma^*_{\mathrm{C-Br}}$). Going from a crowded $sp^3$ centre to a planar $sp^2$ alkene also relieves steric strain. The few percent of *tert*-butyl ethyl ether that do form come from the unimolecular SN1 route (ionisation to $\mathrm{(CH_3)_3C^+}$, then capture by ethanol), not from SN2.

## 2. Rate laws

Both major pathways are bimolecular, first order in each reactant:

$$
\text{SN2:}\quad -\frac{d[\mathrm{EtBr}]}{dt} = k_{\mathrm{SN2}}\,[\mathrm{EtBr}]\,[\mathrm{EtO^-}]
\qquad
\text{E2:}\quad -\frac{d[t\text{-BuBr}]}{dt} = k_{\mathrm{E2}}\,[t\text{-BuBr}]\,[\mathrm{EtO^-}]
$$

The minor SN1/E1 route of the tertiary bromide is first order, rate $= k_1[t\text{-BuBr}]$, independent of $[\mathrm{EtO^-}]$. That is why a high ethoxide concentration pushes *tert*-butyl bromide further toward E2.

## 3. Product ratio from $\Delta\Delta G^\ddagger$

When two pathways start from the same reactants and have the same rate law, the concentrations cancel and the product ratio equals the ratio of rate constants. From transition-state theory:

$$
\frac{k_{\text{fast}}}{k_{\text{slow}}} = \exp\!\left(\frac{\Delta\Delta G^\ddagger}{RT}\right)
= \exp\!\left(\frac{10\,000\ \mathrm{J\,mol^{-1}}}{8.314\ \mathrm{J\,mol^{-1}\,K^{-1}} \times 328.15\ \mathrm{K}}\right)
= e^{3.665} \approx 39
$$

‵‵‵python
import numpy as np

R = 8.314462618   # J mol^-1 K^-1
T = 273.15 + 55   # K: the reaction temperature, not 298 K
ddG = 10e3        # J mol^-1

ratio = np.exp(ddG / (R * T))
print(f"k_fast/k_slow = {ratio:.1f}")                # 39.1
print(f"major product = {ratio / (1 + ratio):.1%}")  # 97.5%
‵‵‵

A 10 kJ/mol gap therefore means about **39 : 1**, i.e. ≈ 97.5 % of the faster pathway's product. For a fixed $\Delta\Delta G^\ddagger$ the selectivity drops as the temperature rises, because the gap becomes a smaller multiple of $RT$.`;

/** Correct but padded: history, a list of every factor, an optional RDKit detour, and a summary that repeats it all. */
const verbose = md`Great question! This is one of the classic comparisons in organic chemistry, and it is really worth understanding in depth, because it brings together so many of the core principles of reactivity: sterics, orbital overlap, basicity versus nucleophilicity, and kinetics. Let me go through it step by step, covering the background, the mechanisms, the kinetics, and then the calculation.

### Background: substitution and elimination

The SN1/SN2/E1/E2 classification goes back to Edward Hughes and Christopher Ingold at University College London in the 1930s, who measured exactly these kinds of product distributions. An alkyl halide can react with a nucleophile or base in two broad ways:

- **Substitution**, where the nucleophile replaces the leaving group.
- **Elimination**, where a β-hydrogen and the leaving group are removed together to form an alkene.

Which pathway dominates depends on several factors, and it is important to consider all of them together:

1. The structure of the substrate (methyl, primary, secondary, tertiary)
2. The strength and size of the base or nucleophile
3. The solvent
4. The temperature
5. The leaving group

In your problem, factors 2–5 are identical for both substrates (ethoxide, ethanol, 55 °C, bromide), so the difference must come from factor 1, the substrate structure. This is a really nice feature of the question, because it isolates a single variable.

### The two substrates

| Property | Bromoethane | 2-Bromo-2-methylpropane |
|---|---|---|
| Formula | $\mathrm{C_2H_5Br}$ | $\mathrm{C_4H_9Br}$ |
| Class | primary (1°) | tertiary (3°) |
| Groups on the α-carbon | 2 H, 1 CH₃ | 3 CH₃ |
| Number of β-hydrogens | 3 | 9 |
| Steric hindrance at the α-carbon | low | very high |
| Carbocation stability (if formed) | very poor | good |
| Major product with NaOEt / EtOH | diethyl ether | 2-methylpropene |
| Major mechanism | SN2 | E2 |

### Bromoethane: SN2

In an SN2 reaction the nucleophile attacks the carbon from the side opposite the leaving group (backside attack), in a single concerted step, with inversion of configuration (not observable here, since the carbon is not a stereocentre). For bromoethane, the α-carbon carries only two hydrogens and one methyl group, so there is very little steric hindrance to backside attack. Therefore SN2 is fast, and the major product is diethyl ether. Elimination is possible in principle, since there are three β-hydrogens, but it is much slower than substitution for a primary substrate with an unhindered base like ethoxide. So, to summarise this section, bromoethane reacts by SN2.

### 2-Bromo-2-methylpropane: E2

For the tertiary substrate, the situation is completely different. The α-carbon carries three methyl groups, which block the backside approach of the nucleophile, so SN2 is essentially impossible. However, ethoxide is a strong base, and there are nine β-hydrogens available. In the E2 mechanism, the base removes a β-hydrogen at the same time as the C–Br bond breaks and the C=C double bond forms, all in one concerted step. This requires the C–H and C–Br bonds to be anti-periplanar. The product is 2-methylpropene. A small amount of *tert*-butyl ethyl ether can also form via SN1, because the tertiary carbocation is relatively stable. So, to summarise this section, 2-bromo-2-methylpropane reacts mainly by E2.

### Counting β-hydrogens (optional)

If you are generating many problems like this, you may want to count β-hydrogens programmatically. Here is a short RDKit script:

‵‵‵python
from rdkit import Chem


def count_beta_h(smiles: str) -> int:
    """Hydrogens on the carbons next to the carbon that carries Br."""
    mol = Chem.AddHs(Chem.MolFromSmiles(smiles))
    br = next(a for a in mol.GetAtoms() if a.GetSymbol() == "Br")
    alpha = br.GetNeighbors()[0]
    return sum(
        1
        for beta in alpha.GetNeighbors()
        if beta.GetSymbol() == "C"
        for h in beta.GetNeighbors()
        if h.GetSymbol() == "H"
    )


for name, smi in [("bromoethane", "CCBr"), ("2-bromo-2-methylpropane", "CC(C)(C)Br")]:
    print(f"{name}: {count_beta_h(smi)} beta-H")  # 3 and 9
‵‵‵

### Rate laws

Both SN2 and E2 are bimolecular, so both rate laws are first order in the substrate and first order in ethoxide:

$$\text{rate} = k\,[\text{substrate}]\,[\mathrm{EtO^-}]$$

For bromoethane, $k = k_{\mathrm{SN2}}$; for 2-bromo-2-methylpropane, $k = k_{\mathrm{E2}}$. Both are second order overall.

### The calculation

The relationship between a rate constant and the activation free energy comes from the Eyring equation, $k = \frac{k_B T}{h} e^{-\Delta G^\ddagger / RT}$. For two competing pathways, the prefactor $\frac{k_B T}{h}$ cancels in the ratio:

$$\frac{k_1}{k_2} = e^{(\Delta G_2^\ddagger - \Delta G_1^\ddagger)/RT} = e^{\Delta\Delta G^\ddagger/RT}$$

Step by step:

1. Convert the temperature: $T = 55 + 273.15 = 328.15\ \mathrm{K}$.
2. Compute $RT = 8.314 \times 328.15 = 2728\ \mathrm{J\,mol^{-1}}$.
3. Convert the energy: $10\ \mathrm{kJ\,mol^{-1}} = 10\,000\ \mathrm{J\,mol^{-1}}$.
4. Divide: $10\,000 / 2728 = 3.665$.
5. Exponentiate: $e^{3.665} = 39.1$.

So the ratio is approximately 39 : 1, which means about 97.5 % of the product comes from the faster pathway.

### Summary

- Bromoethane is primary, unhindered, and reacts by SN2 to give diethyl ether.
- 2-Bromo-2-methylpropane is tertiary, hindered, has nine β-hydrogens, and reacts by E2 to give 2-methylpropene.
- Both rate laws are $\text{rate} = k[\text{RBr}][\mathrm{EtO^-}]$.
- A 10 kJ/mol difference in activation free energy at 55 °C corresponds to a ratio of about 39 : 1.

I hope this helps with your problem set! Let me know if you would also like me to cover secondary substrates such as 2-bromopropane, where SN2 and E2 compete much more evenly, or the effect of a bulky base such as potassium *tert*-butoxide.`;

const guidelines = md`## How to rank

You see the same prompt answered by several models. The labels A, B, C are shuffled for every expert, so do not read anything into the order.

1. **Before reading the responses**, decide what a correct and complete answer must contain. For this task: the steric argument for SN2 vs E2, the anti-periplanar requirement, both rate laws, and the number (about 39 : 1 at 328 K).
2. **Check every claim.** Verify equations, units and numbers; run the code if you are unsure. Highlight the exact text: ‵error‵ for a wrong statement, ‵hallucination‵ for an invented fact or reference, ‵unsafe‵ for a dangerous instruction, ‵good‵ for a passage that is notably well done.
3. **Rate** each response on each criterion (1–7).
4. **Rank.** Correctness comes first: a response with a substantive error ranks below a correct one, however well written. Among correct responses, prefer the one a teacher could use as is: complete, direct, no padding. Use a tie only when you really cannot separate two responses.
5. **Justify** in at least 80 characters. Quote the error you found and say why the winner wins. "B is clearer" is not a justification; "A says E2 needs a syn-periplanar C–H/C–Br arrangement; it is anti-periplanar" is.

| Severity | Example | Effect |
|---|---|---|
| critical | wrong mechanism or wrong final number | correctness ≤ 3 |
| major | a wrong fact a student would copy | correctness ≤ 5 |
| minor | imprecise wording, harmless rounding | correctness 6 |
| style | padding, repetition, digressions | helpfulness only |`;

export const rankingDemo: TaskInput = {
  id: 'demo-ranking-sn2',
  project: DEMO_PROJECT,
  title: 'SN2 vs E2: bromoethane and tert-butyl bromide with ethoxide',
  guidelines,
  payload: {
    kind: 'ranking',
    conversation: [{ role: 'user', content: prompt }],
    responses: [
      { id: 'resp-1', content: subtleError, model: 'demo-model-a' },
      { id: 'resp-2', content: verbose, model: 'demo-model-b' },
      { id: 'resp-3', content: good, model: 'demo-model-c' },
    ],
    rubric: {
      criteria: [
        {
          id: 'correctness',
          label: 'Correctness',
          description: 'Chemistry, kinetics and arithmetic are right. 7: no errors. 4: one real error a student would copy. 1: wrong on the central question.',
          scale: { min: 1, max: 7 },
        },
        {
          id: 'helpfulness',
          label: 'Helpfulness',
          description: 'Answers all three parts at second-year level in a form the teacher can use. Padding, repetition and digressions lower the score.',
          scale: { min: 1, max: 7 },
        },
        {
          id: 'safety',
          label: 'Safety',
          description: 'Nothing unsafe to hand to students: no hazardous procedure without its precautions, no harmful instructions. A sound explanation scores 7.',
          scale: { min: 1, max: 7 },
        },
      ],
      minJustificationLength: 80,
    },
  },
};
