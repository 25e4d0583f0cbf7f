import { afterLoad } from './HomeCard';

describe('afterLoad', () => {
  const retryFirst = jest.fn();
  const retrySecond = jest.fn();

  it("answers the first load's failure, with its retry", () => {
    const error = new Error('catalog down');
    expect(
      afterLoad(
        { loading: false, error, retry: retryFirst },
        { loading: false, value: undefined, retry: retrySecond },
      ),
    ).toEqual({ loading: false, error, retry: retryFirst });
  });

  it("answers the second load's state otherwise, still loading while it has no value", () => {
    expect(
      afterLoad(
        { loading: false, value: ['a'], retry: retryFirst },
        { loading: false, value: [1, 2], retry: retrySecond },
      ),
    ).toEqual({ loading: false, value: [1, 2], retry: retrySecond });
    expect(
      afterLoad(
        { loading: true, retry: retryFirst },
        { loading: false, value: undefined, retry: retrySecond },
      ).value,
    ).toBeUndefined();
  });
});
