// Test-only helpers for the local services scripts/services.sh starts (the test command starts
// them first): their config, the cluster's kubeconfigs, and GPU pods on it.
export * from './localServices';
export * from './teamObjects';
export * from './fakeIdentity';
