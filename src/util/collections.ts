/** Appends `value` to the list `map` keeps under `key`, starting the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Appends every item of `items` to `list`. Unlike `list.push(...items)`, any number: spread arguments overflow the stack past ~100,000. */
export function appendAll<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}
