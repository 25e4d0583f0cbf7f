// Test-only helpers for the local services scripts/services.sh starts (the test command starts
// them first): their config, the cluster's kubeconfigs, GPU pods on it, and pods that really run
// on its simulated nodes.
export * from './localServices';
export * from './teamObjects';
export * from './simulatedPods';
export * from './fakeIdentity';
