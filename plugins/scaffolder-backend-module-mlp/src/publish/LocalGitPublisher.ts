import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PublishResult = {
  /** Absolute path of the repository. */
  path: string;
  /** file:// URL a git client (and ArgoCD, where it can see the disk) can clone. */
  url: string;
  /** The commit now at the tip of main. */
  commit: string;
  /** False when the content was already published as is. */
  changed: boolean;
};

/**
 * Publishes a rendered project as a git repository in a local folder: the offline stand-in for
 * publish:github / publish:gitlab. A re-publish replaces the content and commits only when it
 * changed, so a re-run converges.
 */
export class LocalGitPublisher {
  constructor(private readonly directory: string) {}

  async publish(options: {
    name: string;
    sourceDir: string;
    author: { name: string; email: string };
    message: string;
  }): Promise<PublishResult> {
    const path = join(this.directory, options.name);
    await mkdir(path, { recursive: true });
    const git = async (...args: string[]) =>
      (
        await run(
          'git',
          [
            '-c',
            `user.name=${options.author.name}`,
            '-c',
            `user.email=${options.author.email}`,
            ...args,
          ],
          {
            cwd: path,
          },
        )
      ).stdout.trim();
    if (!(await exists(join(path, '.git'))))
      await git('init', '--quiet', '--initial-branch', 'main');
    for (const entry of await readdir(path)) {
      if (entry !== '.git')
        await rm(join(path, entry), { recursive: true, force: true });
    }
    await cp(options.sourceDir, path, { recursive: true });
    await git('add', '--all');
    const pending = await git('status', '--porcelain');
    if (pending) await git('commit', '--quiet', '-m', options.message);
    return {
      path,
      url: `file://${path}`,
      commit: await git('rev-parse', 'HEAD'),
      changed: pending !== '',
    };
  }
}

async function exists(path: string) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
