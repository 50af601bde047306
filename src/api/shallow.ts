/**
 * A shallow copy of a plain object, as `{ ...value }` makes one. Objects the store freezes are
 * copied this way rather than by spread: V8 freezes a spread-made object (and one grown from
 * it) many times slower, and every write freezes its metadata.
 */
export function shallowCopy<T extends object>(value: T): T {
  // Object.assign sets where spread defines: an own "__proto__" key would become the prototype.
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return { ...value };
  return Object.assign({}, value);
}
