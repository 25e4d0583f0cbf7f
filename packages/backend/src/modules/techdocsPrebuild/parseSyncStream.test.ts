import { parseSyncStream } from './parseSyncStream';

describe('parseSyncStream', () => {
  it('reads a finished build', () => {
    const body =
      'event: log\ndata: "INFO - Building documentation..."\n\n' +
      'event: finish\ndata: {"updated":true}\n\n';
    expect(parseSyncStream(body)).toEqual({ ok: true, updated: true });
  });

  it('reads docs that were already up to date', () => {
    expect(
      parseSyncStream('event: finish\ndata: {"updated":false}\n\n'),
    ).toEqual({
      ok: true,
      updated: false,
    });
  });

  it('reads a failed build with its message', () => {
    const body =
      'event: log\ndata: "starting"\n\n' +
      'event: error\ndata: "Failed to generate docs: mkdocs.yml not found"\n\n';
    expect(parseSyncStream(body)).toEqual({
      ok: false,
      error: 'Failed to generate docs: mkdocs.yml not found',
    });
  });

  it('reports a stream that ends without a result', () => {
    expect(parseSyncStream('event: log\ndata: "starting"\n\n')).toEqual({
      ok: false,
      error: 'the sync stream ended without a result',
    });
  });
});
