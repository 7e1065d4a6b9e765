import { createTwoFilesPatch } from 'diff';
import type { TaskInput } from '../domain';
import { DEMO_PROJECT } from './demoProject';
import { md } from './markdown';

const initFile = md`from .slugify import slugify

__all__ = ["slugify"]
`;

const slugifyBefore = md`import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, separator: str = "-", max_length: int | None = None) -> str:
    """Turn arbitrary text into a URL slug: lowercase ASCII words joined by ‵separator‵."""
    slug = _NON_ALNUM.sub(separator, text.lower()).strip(separator)
    if max_length is not None:
        slug = slug[:max_length].rstrip(separator)
    return slug
`;

/** The agent's first attempt: keeps accented letters but lets non-ASCII into the slug. */
const slugifyUnicodeClass = slugifyBefore.replace('r"[^a-z0-9]+"', 'r"[\\W_]+"');

const slugifyFixed = md`import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _to_ascii(text: str) -> str:
    # NFKD splits "é" into "e" + U+0301; dropping everything non-ASCII keeps the base letter.
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, separator: str = "-", max_length: int | None = None) -> str:
    """Turn arbitrary text into a URL slug: lowercase ASCII words joined by ‵separator‵."""
    slug = _NON_ALNUM.sub(separator, _to_ascii(text).lower()).strip(separator)
    if max_length is not None:
        slug = slug[:max_length].rstrip(separator)
    return slug
`;

const testsBefore = md`import pytest

from slugkit import slugify


def test_basic():
    assert slugify("Hello, World!") == "hello-world"


def test_custom_separator():
    assert slugify("Hello World", separator="_") == "hello_world"


def test_max_length_does_not_leave_trailing_separator():
    assert slugify("one two three", max_length=8) == "one-two"


def test_only_ascii_in_output():
    assert slugify("naïve café 東京").isascii()


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_empty_results(text):
    assert slugify(text) == ""
`;

const regressionTest = md`

def test_transliterates_accented_letters():
    assert slugify("Crème Brûlée") == "creme-brulee"
`;

const testsAfter = `${testsBefore}${regressionTest}`;

const numbered = (path: string, text: string): string => {
  const lines = text.replace(/\n$/, '').split('\n');
  return [`[File: /slugkit/${path} (${lines.length} lines total)]`, ...lines.map((line, i) => `${i + 1}:${line}`)].join('\n');
};

const EDIT_NOTE =
  'File updated. Please review the changes and make sure they are correct (correct indentation, no duplicate lines, etc). Edit the file again if necessary.';

const REPRO = `python -c "from slugkit import slugify; print(repr(slugify('Crème Brûlée')))"`;

const problemStatement = md`### ‵slugify‵ splits words at accented letters

‵slugify("Crème Brûlée")‵ returns ‵'cr-me-br-l-e'‵. I expected ‵'creme-brulee'‵, the way Django's ‵slugify‵ transliterates accented Latin letters.

‵‵‵python
>>> from slugkit import slugify
>>> slugify("Crème Brûlée")
'cr-me-br-l-e'
‵‵‵

The docstring promises "lowercase ASCII words joined by ‵separator‵", so the result should stay ASCII; it should just keep the base letters.

slugkit 0.3.1, Python 3.12.`;

const failingRun = md`'crème-brûlée'
...F...                                                                  [100%]
=================================== FAILURES ===================================
__________________________ test_only_ascii_in_output ___________________________

    def test_only_ascii_in_output():
>       assert slugify("naïve café 東京").isascii()
E       AssertionError: assert False
E        +  where False = <built-in method isascii of str object at 0x7f67bfe17830>()
E        +    where <built-in method isascii of str object at 0x7f67bfe17830> = 'naïve-café-東京'.isascii
E        +      where 'naïve-café-東京' = slugify('naïve café 東京')

tests/test_slugify.py:19: AssertionError
=========================== short test summary info ============================
FAILED tests/test_slugify.py::test_only_ascii_in_output - AssertionError: ass...
1 failed, 6 passed in 0.78s`;

const guidelines = md`## How to review an agent trajectory

The agent was given the issue and the repository and worked in steps: a **thought**, an **action** (a shell or editor command), and the **observation** it got back.

1. **Label every step** *good*, *neutral* or *bad*:
   - *good*: the step is sound and moves toward a correct fix (reproducing the bug, reading the right file, a correct edit, running the tests).
   - *neutral*: harmless but unnecessary (re-reading a file it already saw, a redundant listing).
   - *bad*: wrong reasoning, or an edit that makes the code worse, even if the agent recovers later.
2. **Mark the first wrong step.** This is the most valuable label: it tells the model where its reasoning went off course.
3. **Correct the run.** Either edit the wrong step's thought, action and edits, or truncate after the last good step and write the steps the agent should have taken.
4. **Final patch.** Leave a unified diff that fixes the issue, keeps every existing test passing, and adds a regression test. Run the tests yourself if in doubt; do not trust an observation you have not checked.

A fix that makes the reported case pass while breaking a documented promise (here: slugs are ASCII) is *bad*.`;

const filePatch = (path: string, before: string, after: string): string =>
  `diff --git a/${path} b/${path}\n${createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 })
    .replace(/^=+\n/m, '')
    .replace(/^Index: .*\n/m, '')
    .replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2')}`;

/** What the agent submitted: the fix and the regression test, as one unified diff. */
const submittedPatch = [filePatch('slugkit/slugify.py', slugifyBefore, slugifyFixed), filePatch('tests/test_slugify.py', testsBefore, testsAfter)].join('');

export const trajectoryDemo: TaskInput = {
  id: 'demo-trajectory-slugify',
  project: DEMO_PROJECT,
  title: 'slugkit: slugify mangles accented letters',
  guidelines,
  payload: {
    kind: 'trajectory',
    problemStatement,
    repository: {
      name: 'slugkit',
      baseCommit: '4e1c2a97d0b3f58e6a2d9c71b05f3e8a6d4c2b10',
      files: [
        { path: 'slugkit/__init__.py', content: initFile },
        { path: 'slugkit/slugify.py', content: slugifyBefore },
        { path: 'tests/test_slugify.py', content: testsBefore },
      ],
    },
    steps: [
      {
        id: 'step-1',
        thought: 'Before touching any code, reproduce the report exactly as written.',
        action: REPRO,
        observation: "'cr-me-br-l-e'",
      },
      {
        id: 'step-2',
        thought: 'Reproduced. The slug is built in slugkit/slugify.py; read it.',
        action: 'open slugkit/slugify.py',
        observation: numbered('slugkit/slugify.py', slugifyBefore),
      },
      {
        id: 'step-3',
        thought:
          '_NON_ALNUM only keeps [a-z0-9], so every accented letter is treated as a separator. Making the character class Unicode-aware with \\W should keep accented letters inside their words.',
        action: 'edit 3:3\n_NON_ALNUM = re.compile(r"[\\W_]+")\nend_of_edit',
        observation: `${numbered('slugkit/slugify.py', slugifyUnicodeClass)}\n${EDIT_NOTE}`,
        edits: [{ path: 'slugkit/slugify.py', before: slugifyBefore, after: slugifyUnicodeClass }],
      },
      {
        id: 'step-4',
        thought: 'Check the reported case and run the whole test suite.',
        action: `${REPRO} && python -m pytest -q`,
        observation: failingRun,
      },
      {
        id: 'step-5',
        thought:
          'The Unicode-aware class keeps non-ASCII letters: the slug is now "crème-brûlée", not "creme-brulee", and it breaks test_only_ascii_in_output. Revert it and transliterate instead: NFKD decomposes "é" into "e" plus a combining accent, and encoding to ASCII with errors="ignore" drops the accent (and characters with no ASCII form, such as 東京). The original [^a-z0-9] pattern is then correct.',
        action: md`edit 1:11
${slugifyFixed.replace(/\n$/, '')}
end_of_edit`,
        observation: `${numbered('slugkit/slugify.py', slugifyFixed)}\n${EDIT_NOTE}`,
        edits: [{ path: 'slugkit/slugify.py', before: slugifyUnicodeClass, after: slugifyFixed }],
      },
      {
        id: 'step-6',
        thought: 'Add a regression test for the exact case from the issue.',
        action: md`edit 24:24
    assert slugify(text) == ""


def test_transliterates_accented_letters():
    assert slugify("Crème Brûlée") == "creme-brulee"
end_of_edit`,
        observation: `${numbered('tests/test_slugify.py', testsAfter)}\n${EDIT_NOTE}`,
        edits: [{ path: 'tests/test_slugify.py', before: testsBefore, after: testsAfter }],
      },
      {
        id: 'step-7',
        thought: 'Run the reproduction and the full suite again.',
        action: `${REPRO} && python -m pytest -q`,
        observation: "'creme-brulee'\n........                                                                 [100%]\n8 passed in 0.69s",
      },
    ],
    patch: submittedPatch,
    exitStatus: 'submitted',
  },
};
