/**
 * The name of a user ref as people read it: `user:default/amira.haddad` → `amira.haddad`;
 * 'unknown' for none.
 */
export function userName(ref: string): string {
  if (!ref) {
    return 'unknown';
  }
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return name.slice(name.indexOf(':') + 1) || ref;
}
