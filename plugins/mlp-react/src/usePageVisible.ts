import { useEffect, useState } from 'react';

const isVisible = () => document.visibilityState !== 'hidden';

/** Whether the browser tab is shown; false while it is in the background or minimised. */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(isVisible);
  useEffect(() => {
    const update = () => setVisible(isVisible());
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}
