import { mlProject, REPO, userEntity } from '../__testUtils__/fixtures';
import { scopeFilter, workspaceScope } from './workspaceScope';

describe('workspaceScope', () => {
  it("is the project's repository, template and owner team", () => {
    const scope = workspaceScope(mlProject());
    expect(scope).toEqual({
      kind: 'project',
      repoUrl: REPO,
      template: 'gpu-pytorch',
      team: { team: 'nlp-team' },
    });
    expect(scopeFilter(scope)).toEqual({
      repoUrl: REPO,
      template: 'gpu-pytorch',
    });
  });

  it('leaves out a template the project does not name', () => {
    const entity = mlProject({ 'coder.com/template': ' ' });
    expect(scopeFilter(workspaceScope(entity))).toEqual({
      repoUrl: REPO,
      template: undefined,
    });
  });

  it('says why a project owned by a person cannot have workspaces made', () => {
    const entity = mlProject();
    entity.spec = { ...entity.spec, owner: 'user:default/amira.haddad' };
    const scope = workspaceScope(entity);
    expect(scope.kind === 'project' && scope.team).toEqual({
      problem: expect.stringMatching(/owned by user:default\/amira.haddad/),
    });
  });

  it("is all of the signed-in user's workspaces on a user page", () => {
    const scope = workspaceScope(userEntity);
    expect(scope).toEqual({ kind: 'user' });
    expect(scopeFilter(scope)).toEqual({});
  });
});
