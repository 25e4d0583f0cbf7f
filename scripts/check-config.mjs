#!/usr/bin/env node
// Checks the app-config files the portal is about to start with and, for each problem, names the
// file, the key and the fix. Backstage's own loader reports a YAML error without the file name and
// accepts many wrong values until a plugin trips over them at run time.
//
// Usage: node scripts/check-config.mjs [--config FILE ...]   (default: app-config.yaml, plus
// app-config.local.yaml when present). Exits 1 when a file is broken.
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';

const PORT_HINT = 'a port number between 1 and 65535, such as 7007';
const port = z.union(
  [
    z.number(PORT_HINT).int(PORT_HINT).min(1, PORT_HINT).max(65535, PORT_HINT),
    z.string().regex(/^(\$\{\w+\}|\d{1,5})$/, PORT_HINT),
  ],
  PORT_HINT,
);
const url = z
  .string()
  .regex(
    /^(https?:\/\/[^\s]+|\$\{\w+\})$/,
    'an http(s) URL such as http://localhost:7007',
  );

// Only the keys this portal depends on; every key is optional because each file may set a part.
const schema = z
  .object({
    app: z.object({ baseUrl: url.optional() }).passthrough().optional(),
    backend: z
      .object({
        baseUrl: url.optional(),
        // Either ':7007' / 'host:port' or { port, host }.
        listen: z
          .unknown()
          .superRefine((value, ctx) => {
            if (value === undefined || typeof value === 'string') return;
            const result = z
              .object(
                { port: port.optional(), host: z.string().optional() },
                "a mapping { port, host } or a string such as ':7007'",
              )
              .safeParse(value);
            if (!result.success)
              result.error.issues.forEach(issue => ctx.addIssue(issue));
          })
          .optional(),
        database: z
          .object({
            client: z
              .enum(
                ['better-sqlite3', 'pg'],
                'better-sqlite3 (embedded, default) or pg (PostgreSQL)',
              )
              .optional(),
            connection: z
              .union([z.string(), z.record(z.string(), z.unknown())])
              .optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    catalog: z
      .object({
        locations: z
          .array(
            z
              .object({
                type: z.enum(['file', 'url']),
                target: z.string().min(1),
              })
              .passthrough(),
            'a list of { type: file|url, target: path-or-url }',
          )
          .optional(),
      })
      .passthrough()
      .optional(),
    techdocs: z
      .object({
        builder: z.enum(['local', 'external']).optional(),
        generator: z
          .object({ runIn: z.enum(['local', 'docker']).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    permission: z
      .object({
        enabled: z.boolean().optional(),
        adminGroups: z
          .array(
            z
              .string()
              .regex(
                /^(group:)?([\w.-]+\/)?[\w.-]+$/,
                'a group ref such as group:default/platform-team',
              ),
          )
          .min(1)
          .optional(),
      })
      .passthrough()
      .optional(),
    cost: z
      .object({
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR or USD')
          .optional(),
        gpuRates: z
          .array(
            z.object({
              resource: z
                .string()
                .regex(
                  /^[a-z0-9.-]+\/[a-z0-9][-a-z0-9_.]*$/i,
                  'a GPU resource name such as nvidia.com/gpu',
                ),
              hourlyRate: z
                .number('an amount per GPU-hour, 0 or more, such as 2.5')
                .min(0, 'an amount per GPU-hour, 0 or more, such as 2.5'),
            }),
            'a list of { resource: nvidia.com/gpu, hourlyRate: 2.5 }',
          )
          .optional(),
        defaultGpuHourlyRate: z
          .number('an amount per GPU-hour, 0 or more, such as 2.5')
          .min(0, 'an amount per GPU-hour, 0 or more, such as 2.5')
          .optional(),
        cpuCoreHourlyRate: z
          .number('an amount per core-hour, 0 or more, such as 0.04')
          .min(0, 'an amount per core-hour, 0 or more, such as 0.04')
          .optional(),
        memoryGiBHourlyRate: z
          .number('an amount per GiB-hour, 0 or more, such as 0.005')
          .min(0, 'an amount per GiB-hour, 0 or more, such as 0.005')
          .optional(),
        watchPods: z.boolean('true or false').optional(),
        source: z
          .enum(
            ['ledger', 'opencost'],
            'ledger (the portal watches pods) or opencost',
          )
          .optional(),
        opencost: z
          .object({
            baseUrl: z
              .string()
              .regex(
                /^https?:\/\/[^/]+/,
                "OpenCost's API address, such as http://opencost.opencost:9003",
              ),
            syncMinutes: z.number().int().min(1).max(1440).optional(),
            backfillDays: z.number().int().min(1).max(400).optional(),
            lookbackDays: z.number().int().min(1).max(31).optional(),
          })
          .optional(),
        syncSeconds: z
          .number('a number of seconds above 0, such as 30')
          .positive('a number of seconds above 0, such as 30')
          .optional(),
        rollupMinutes: z
          .number('a number of minutes above 0, such as 60')
          .positive('a number of minutes above 0, such as 60')
          .optional(),
      })
      .passthrough()
      .optional(),
    coder: z
      .object({
        baseUrl: z
          .string()
          .regex(
            /^(https?:\/\/[^/\s]+.*|\$\{\w+\})$/,
            "Coder's address, such as https://coder.example.com",
          ),
        tokenEncryptionKey: z
          .string()
          .refine(
            key =>
              /^\$\{\w+\}$/.test(key) ||
              Buffer.from(key, 'base64').length === 32,
            '32 random bytes in base64; make one with: openssl rand -base64 32',
          ),
        workspaceHours: z
          .number('a number of hours above 0, such as 8')
          .positive('a number of hours above 0, such as 8')
          .optional(),
      })
      .passthrough()
      .optional(),
    gpuQuota: z
      .object({
        cacheMaxAgeSeconds: z
          .number('a number of seconds above 0, such as 15')
          .positive('a number of seconds above 0, such as 15')
          .optional(),
        expiryCheckSeconds: z
          .number('a number of seconds above 0, such as 300')
          .positive('a number of seconds above 0, such as 300')
          .optional(),
        keepersGroup: z
          .string()
          .regex(
            /^group:[\w.-]+\/[\w.-]+$/,
            'a group ref such as group:default/platform-team',
          )
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** Returns the problems of one config file's text, each naming the file and key. */
export function checkConfigText(file, text) {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return doc.errors.map(e => {
      const [line, col] = e.linePos?.[0]
        ? [e.linePos[0].line, e.linePos[0].col]
        : ['?', '?'];
      const message = e.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '');
      return `${file}: line ${line}, column ${col}: invalid YAML: ${message}`;
    });
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return [
      `${file}: the file must be a YAML mapping of keys (app:, backend:, ...), not ${
        Array.isArray(data) ? 'a list' : typeof data
      }`,
    ];
  }
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map(issue => {
    const key = issue.path.join('.');
    const got = JSON.stringify(issue.path.reduce((v, k) => v?.[k], data));
    return `${file}: ${key}: ${issue.message} (got ${got})`;
  });
}

function configFiles(argv) {
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config' || argv[i] === '-c') files.push(argv[++i]);
    else if (argv[i].startsWith('--config='))
      files.push(argv[i].slice('--config='.length));
  }
  if (files.length === 0) {
    files.push('app-config.yaml');
    if (existsSync('app-config.local.yaml'))
      files.push('app-config.local.yaml');
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = [];
  for (const file of configFiles(process.argv.slice(2))) {
    if (!existsSync(file)) {
      problems.push(`${file}: file not found (passed with --config)`);
      continue;
    }
    problems.push(...checkConfigText(file, readFileSync(file, 'utf8')));
  }
  if (problems.length > 0) {
    console.error(
      `The portal cannot start: ${problems.length} problem(s) in its configuration.`,
    );
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
}
