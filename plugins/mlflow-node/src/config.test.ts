import { ConfigReader } from '@backstage/config';
import { readMlflowServers } from './config';

const read = (servers: object) => () =>
  readMlflowServers(new ConfigReader({ mlflow: { servers } }));

describe('mlflow.servers', () => {
  it('reads servers, none when unset', () => {
    expect(readMlflowServers(new ConfigReader({}))).toEqual([]);
    expect(
      read([
        { name: 'prod', baseUrl: 'https://mlflow.example.com', token: 't' },
      ])(),
    ).toEqual([
      { name: 'prod', baseUrl: 'https://mlflow.example.com', token: 't' },
    ]);
  });

  it.each([
    [
      [{ name: 'prod', baseUrl: 'mlflow:5000' }],
      'mlflow.servers[0].baseUrl: an http(s) URL',
    ],
    [
      [{ name: 'a b', baseUrl: 'http://m' }],
      'mlflow.servers[0].name: letters, digits, . _ or -',
    ],
    [
      [{ name: 'p', baseUrl: 'http://m', username: 'u' }],
      'mlflow.servers[0]: username and password go together',
    ],
    [
      [
        { name: 'p', baseUrl: 'http://m' },
        { name: 'p', baseUrl: 'http://n' },
      ],
      'mlflow.servers: p is listed twice; give each server its own name',
    ],
  ])('names the setting and the fix for %j', (servers, message) => {
    expect(read(servers)).toThrow(message);
  });
});
