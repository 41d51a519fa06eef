// Scenario 8's probe (bench/run.mjs injects it before any script of a cold-start page, the same on
// every page). "Data visible" is the first animation frame in which the banner's issue text
// (`.banner .issue`) and the 20th job row (`ul.rows > li:nth-child(20)`) are both in the layout
// (a box of non-zero size), searched through open shadow roots; measured from navigation start.
// The bare floor (coldstart-bare.ts) uses these class names for its own markup.
(() => {
  const probe = { fcp: undefined, visible: undefined, frames: 0 };
  let done;
  probe.done = new Promise((resolve) => (done = resolve));
  window.__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') probe.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });

  /** The document and every open shadow root under it. */
  function roots() {
    const all = [document];
    for (let i = 0; i < all.length; i += 1) {
      for (const element of all[i].querySelectorAll('*')) if (element.shadowRoot) all.push(element.shadowRoot);
    }
    return all;
  }
  const laidOut = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  function check() {
    probe.frames += 1;
    let issue;
    let row;
    for (const root of roots()) {
      issue ??= root.querySelector('.banner .issue');
      row ??= root.querySelector('ul.rows > li:nth-child(20)');
    }
    if (issue && row && issue.textContent.trim() && laidOut(issue) && laidOut(row)) {
      probe.visible = performance.now();
      done();
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);

  /** Nodes (elements, text, comments) in the document and its shadow roots, counted after the fact. */
  probe.count = () => {
    let nodes = 0;
    let elements = 0;
    let shadowRoots = 0;
    let comments = 0;
    let blankText = 0;
    const walk = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        nodes += 1;
        if (node.nodeType === Node.COMMENT_NODE) comments += 1;
        if (node.nodeType === Node.TEXT_NODE && !node.data.trim()) blankText += 1;
        if (node.nodeType === Node.ELEMENT_NODE) {
          elements += 1;
          if (node.shadowRoot) {
            shadowRoots += 1;
            walk(node.shadowRoot);
          }
        }
      }
    };
    walk(document);
    const requests = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/'))
      .map((entry) => ({ url: new URL(entry.name).pathname, start: entry.startTime, end: entry.responseEnd }));
    return { nodes, elements, shadowRoots, comments, blankText, requests };
  };
})();
