// Test-only helpers shared by the frontend plugins' tests.
export * from './cannedBackend';
