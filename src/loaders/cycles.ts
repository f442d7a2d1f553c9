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
  // Nodes by position, each node's successors read once: the walk below runs on integers only.
  const position = new Map<N, number>();
  nodes.forEach((node, at) => {
    if (!position.has(node)) position.set(node, at);
  });
  const successors: number[][] = nodes.map((node, at) => {
    if (position.get(node) !== at) return []; // a repeated node counts once
    const next: number[] = [];
    for (const target of edges(node)) {
      const to = position.get(target);
      if (to !== undefined) next.push(to);
    }
    return next;
  });

  // Tarjan's algorithm with an explicit stack; -1 marks a node not yet visited.
  const count = nodes.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const work: number[] = []; // pairs: node, next successor to visit
  const open = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    work.push(node, 0);
  };
  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    open(start);
    while (work.length > 0) {
      const node = work[work.length - 2] as number;
      const at = work[work.length - 1] as number;
      const next = successors[node] as number[];
      if (at < next.length) {
        work[work.length - 1] = at + 1;
        const target = next[at] as number;
        if (index[target] === -1) open(target);
        else if (onStack[target] === 1) low[node] = Math.min(low[node] as number, index[target] as number);
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const parent = work[work.length - 2] as number;
        low[parent] = Math.min(low[parent] as number, low[node] as number);
      }
      if (low[node] !== index[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop() as number;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  }

  const cycles: number[][] = [];
  for (const component of components) {
    const first = component.reduce((lowest, at) => Math.min(lowest, at));
    if (component.length === 1 && !(successors[first] as number[]).includes(first)) continue;
    cycles.push(shortestCycle(first, new Set(component), successors));
  }
  return cycles.sort((a, b) => (a[0] as number) - (b[0] as number)).map((cycle) => cycle.map((at) => nodes[at] as N));
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestCycle(start: number, members: ReadonlySet<number>, successors: readonly number[][]): number[] {
  const previous = new Map<number, number>();
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const next of successors[node] as number[]) {
      if (!members.has(next)) continue;
      // A self-reference inside a larger loop: the loop is the one to name.
      if (next === node && members.size > 1) continue;
      if (next === start) {
        const path: number[] = [start];
        for (let at = node; at !== start; at = previous.get(at) as number) path.push(at);
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
