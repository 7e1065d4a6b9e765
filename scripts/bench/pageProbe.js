/*
 * Runs INSIDE the page, installed by scripts/bench/rankingRender.ts with addInitScript as plain text (never
 * transpiled: tsx would add helpers the page does not have). Everything is timed in the page on the
 * performance.now() clock, whose zero is the navigation start, so no Playwright round trip is ever timed.
 *
 * config: { katex: number, code: number, columns: number, autoOpen: boolean }
 *   katex/code: how many `.katex` and `pre code` elements all response sections hold once fully rendered.
 *   autoOpen: cold mode; as soon as the inbox lists a task, press Enter on it (what a person does, minus the
 *   reaction time).
 */
window.__installBenchProbe = function installBenchProbe(config) {
  const bench = {
    startAt: 0,
    openedAt: null,
    firstScreenAt: null,
    doneAt: null,
    longestTask: 0,
    longTasks: 0,
    armed: false,
    /** Cold mode: whether the probe had to open the task from the inbox (false when the app reopened it itself). */
    pressedEnter: false,
    done: null,
    arm: null,
    observeMutations: null,
    mutations: 0,
    keyLatencies: [],
    /** [ms, sections, formulas, code blocks] per frame while rendering: shows how the work is spread. */
    trace: [],
  };
  window.__bench = bench;
  let resolveDone = () => {};
  let lastPress = -Infinity;
  let firstSeen = false;
  const newRound = () => {
    bench.done = new Promise((resolve) => (resolveDone = resolve));
    bench.openedAt = null;
    bench.firstScreenAt = null;
    bench.doneAt = null;
    bench.longestTask = 0;
    bench.longTasks = 0;
    bench.trace = [];
    firstSeen = false;
  };
  newRound();

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks++;
        bench.longestTask = Math.max(bench.longestTask, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask is not supported everywhere; the numbers then stay 0.
  }

  const sections = () => document.querySelectorAll('section[aria-label^="Response "]');

  const firstScreen = (list) => {
    if (list.length < config.columns) return false;
    for (const section of list) {
      const content = section.querySelector('.model-markdown');
      const first = content && content.firstElementChild;
      if (!first) return false;
      const rect = first.getBoundingClientRect();
      if (rect.height <= 0 || rect.top >= window.innerHeight) return false;
    }
    return true;
  };

  const everything = (list, now) => {
    let katex = 0;
    let code = 0;
    for (const section of list) {
      katex += section.getElementsByClassName('katex').length;
      // A code block counts once highlighted (the app highlights outside React and marks blocks still waiting).
      code += section.querySelectorAll('pre code:not([data-highlighting])').length;
    }
    if (bench.trace.length < 2000) bench.trace.push([Math.round(now - bench.startAt), list.length, katex, code]);
    return list.length >= config.columns && katex >= config.katex && code >= config.code;
  };

  const tick = () => {
    if (bench.doneAt !== null) return;
    const now = performance.now();
    if (config.autoOpen && bench.openedAt === null && now - lastPress > 30 && !document.querySelector('.task-page')) {
      if (document.querySelector('[role="listbox"] [role="option"]')) {
        lastPress = now;
        bench.pressedEnter = true;
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      }
    }
    if (config.autoOpen && bench.openedAt === null && document.querySelector('.task-page')) bench.openedAt = now;
    const list = sections();
    // A moment counts once the frame that shows it has been laid out: the time is taken in the NEXT frame's
    // callback, as the floor takes its own (load, forced layout, next frame).
    if (!firstSeen && firstScreen(list)) {
      firstSeen = true;
      requestAnimationFrame(() => (bench.firstScreenAt = performance.now()));
    }
    if (everything(list, now)) {
      void document.body.offsetHeight; // the same forced layout the floor gets
      requestAnimationFrame(() => {
        bench.doneAt = performance.now();
        if (bench.firstScreenAt === null) bench.firstScreenAt = bench.doneAt;
        resolveDone(bench);
      });
      return;
    }
    requestAnimationFrame(tick);
  };

  // Warm mode: the next Enter keydown starts the clock (its own event timestamp, before any handler runs).
  bench.arm = () => {
    newRound();
    bench.armed = true;
    const onKey = (e) => {
      if (e.key !== 'Enter') return;
      window.removeEventListener('keydown', onKey, true);
      bench.startAt = e.timeStamp;
      bench.openedAt = e.timeStamp;
      requestAnimationFrame(tick);
    };
    window.addEventListener('keydown', onKey, true);
  };

  // Typing check: counts every mutation inside the response sections, and each key's delay to the next frame.
  bench.observeMutations = () => {
    bench.mutations = 0;
    bench.keyLatencies = [];
    const observer = new MutationObserver((records) => (bench.mutations += records.length));
    for (const section of sections()) observer.observe(section, { subtree: true, childList: true, attributes: true, characterData: true });
    window.addEventListener(
      'keydown',
      (e) => {
        const t = e.timeStamp;
        requestAnimationFrame(() => bench.keyLatencies.push(performance.now() - t));
      },
      true,
    );
  };

  if (config.autoOpen) {
    bench.startAt = 0; // navigation start
    requestAnimationFrame(tick);
  }
};
