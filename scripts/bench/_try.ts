import { generateHeavyTask } from './heavyContent';
import { markdownToHtml } from './staticHtml';
const t0 = performance.now();
const t = generateHeavyTask();
console.log('gen ms', performance.now() - t0, t.jsonl.length);
console.log(t.stats);
for (const r of t.task.payload.responses) {
  const h = markdownToHtml(r.content);
  console.log(h.html.length, h.katex, h.katexErrors, h.codeBlocks, h.elements);
}
console.log(t.task.payload.responses[0]!.content.slice(0, 3000));
