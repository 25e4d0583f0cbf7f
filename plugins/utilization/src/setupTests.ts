import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a lazily loaded extension compiles it; on a busy 2-core machine running
// every package's tests at once that can take longer than the default 1 s of findBy*/waitFor.
configure({ asyncUtilTimeout: 10_000 });
