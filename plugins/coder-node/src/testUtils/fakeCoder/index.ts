export { startFakeCoder } from './server';
export type {
  FakeCoder,
  FakeCoderOptions,
  FakeCoderRequest,
  FakeCoderUser,
  FakeCoderUserInput,
  FakeTemplateInput,
} from './server';
export type { FakeParameterSpec, ParameterType, UserStatus } from './store';
export { applySeed, parseSeed } from './seed';
export type { FakeCoderSeed } from './seed';
export type { CoderResponseBody, CoderValidation } from './errors';
export { INSUFFICIENT_QUOTA } from './lifecycle';
