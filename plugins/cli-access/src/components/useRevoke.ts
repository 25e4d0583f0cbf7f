import { useState } from 'react';

/**
 * Revoking one of a list with a confirmation: `asked` is what waits for the user's yes, `revoke`
 * revokes it, keeps what was revoked (or why it failed) to say so, and reloads the list.
 */
export function useRevoke<T>(
  revokeOne: (item: T) => Promise<T>,
  reload: () => void,
) {
  const [asked, setAsked] = useState<T>();
  const [revoked, setRevoked] = useState<T>();
  const [failure, setFailure] = useState<unknown>();
  const revoke = async (item: T) => {
    setAsked(undefined);
    setFailure(undefined);
    try {
      setRevoked(await revokeOne(item));
    } catch (e) {
      setFailure(e);
    }
    reload();
  };
  return { asked, setAsked, revoked, setRevoked, failure, revoke };
}
