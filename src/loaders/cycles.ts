/**
 * Reference cycles between the resources of one template or module (CloudFormation refuses them with "Circular
 * dependency between resources", Terraform with "Cycle: ..."). Iterative (a ring of thousands of resources does
 * not overflow the stack), linear in nodes and edges.
 */

/**
 * One cycle per strongly connected component that holds a cycle (two or more nodes, or one node that refers to
 * itself): the shortest cycle through the component's first node in `nodes` order, as a path that starts and
 * ends with that node (`[a, b, a]`, `[a, a]`; self-references are left out of a component of several nodes).
 * Components come in the order of their first node.
 */
export function findCycles<N>(nodes: readonly N[], edges: (node: N) => readonly N[]): N[][] {
  const order = new Map<N, number>();
  nodes.forEach((node, position) => order.set(node, position));
  const successors = (node: N): N[] => edges(node).filter((next) => order.has(next));

  // Tarjan's algorithm with an explicit stack.
  const index = new Map<N, number>();
  const low = new Map<N, number>();
  const onStack = new Set<N>();
  const stack: N[] = [];
  const components: N[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: N; next: N[]; at: number }> = [];
    const open = (node: N): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: successors(node), at: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: N; next: N[]; at: number };
      if (frame.at < frame.next.length) {
        const next = frame.next[frame.at++] as N;
        if (!index.has(next)) open(next);
        else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(next) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: N[] = [];
      let member: N | undefined;
      do {
        member = stack.pop() as N;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      components.push(component);
    }
  }

  const cycles: N[][] = [];
  for (const component of components) {
    const first = component.reduce((best, node) => ((order.get(node) ?? 0) < (order.get(best) ?? 0) ? node : best));
    if (component.length === 1 && !successors(first).includes(first)) continue;
    const members = new Set(component);
    cycles.push(shortestCycle(first, members, successors));
  }
  return cycles.sort((a, b) => (order.get(a[0] as N) ?? 0) - (order.get(b[0] as N) ?? 0));
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestCycle<N>(start: N, members: ReadonlySet<N>, successors: (node: N) => N[]): N[] {
  const previous = new Map<N, N>();
  const queue: N[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as N;
    for (const next of successors(node)) {
      if (!members.has(next)) continue;
      // A self-reference inside a larger loop: the loop is the one to name.
      if (next === node && members.size > 1) continue;
      if (next === start) {
        const path: N[] = [start];
        for (let at: N = node; at !== start; at = previous.get(at) as N) path.push(at);
        path.push(start);
        // Built backwards from the closing edge: start, node, ..., start -> reverse the middle.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return [start, start];
}

/** `a -> b -> a`, long cycles shortened in the middle. */
export function describeCycle(names: readonly string[], max = 8): string {
  if (names.length <= max + 1) return names.join(' -> ');
  const head = names.slice(0, max - 1);
  const hidden = names.length - 1 - head.length - 1;
  return [...head, `... (${hidden} more)`, names[names.length - 2], names[names.length - 1]].join(' -> ');
}
