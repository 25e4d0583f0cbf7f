import { useCallback, useEffect, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import type { CoderConnection } from '@internal/plugin-coder-common';
import type { CoderApi } from '../api';

type State = { value?: CoderConnection; error?: unknown };

/**
 * The signed-in user's Coder connection: loaded on mount, reloaded on demand (after Coder refused
 * the token, say), and replaced at once by what connect and disconnect answer.
 */
export function useCoderConnection(api: CoderApi) {
  const isMounted = useMountedState();
  const [state, setState] = useState<State>({});

  const reload = useCallback(async () => {
    setState({});
    try {
      const value = await api.getConnection();
      if (isMounted()) setState({ value });
    } catch (error) {
      if (isMounted()) setState({ error });
    }
  }, [api, isMounted]);

  useEffect(() => {
    reload();
  }, [reload]);

  const set = useCallback((value: CoderConnection) => setState({ value }), []);
  return { ...state, reload, set };
}
