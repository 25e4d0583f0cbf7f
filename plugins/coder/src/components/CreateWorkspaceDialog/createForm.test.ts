import { cpuTemplate, gpuTemplate, REPO } from '../../__testUtils__/fixtures';
import { gpuBounds, initialValues, validateCreateForm } from './createForm';

const templates = [gpuTemplate, cpuTemplate];
const context = { team: 'nlp-team', repoUrl: REPO };

describe('createForm', () => {
  it("opens with the project's template and its default GPUs", () => {
    expect(initialValues(templates, 'gpu-pytorch')).toEqual({
      template: 'gpu-pytorch',
      name: '',
      gpus: '1',
    });
    expect(initialValues(templates, 'unknown')).toEqual({
      template: '',
      name: '',
      gpus: '0',
    });
  });

  it('keeps the default GPU count inside the bounds', () => {
    const odd = {
      ...gpuTemplate,
      gpuParameter: { ...gpuTemplate.gpuParameter!, defaultValue: '9' },
    };
    expect(gpuBounds(odd)).toEqual({ min: 0, max: 4, defaultValue: 4 });
    expect(gpuBounds(cpuTemplate)).toBeUndefined();
  });

  it('builds the request with the team and repository', () => {
    expect(
      validateCreateForm(
        { template: 'gpu-pytorch', name: ' bert-gpu-2 ', gpus: '2' },
        templates,
        context,
      ),
    ).toEqual({
      request: {
        name: 'bert-gpu-2',
        template: 'gpu-pytorch',
        team: 'nlp-team',
        gpus: 2,
        repoUrl: REPO,
      },
    });
    expect(
      validateCreateForm(
        { template: 'cpu-python', name: 'notebook', gpus: '3' },
        templates,
        { team: 'nlp-team' },
      ),
    ).toEqual({
      request: {
        name: 'notebook',
        template: 'cpu-python',
        team: 'nlp-team',
        gpus: 0,
      },
    });
  });

  it('names what is wrong with each field', () => {
    expect(
      validateCreateForm(
        { template: '', name: '-bad_name', gpus: '1' },
        templates,
        context,
      ),
    ).toEqual({
      errors: {
        template: 'Choose a template',
        name: expect.stringMatching(/^Name must be letters, digits/),
      },
    });
    const gpus = (value: string) => {
      const result = validateCreateForm(
        { template: 'gpu-pytorch', name: 'ok', gpus: value },
        templates,
        context,
      );
      return 'errors' in result ? result.errors.gpus : undefined;
    };
    expect(gpus('5')).toBe('At most 4 for this template');
    expect(gpus('-1')).toBe('At least 0 for this template');
    expect(gpus('1.5')).toBe('Enter a whole number of GPUs');
    expect(gpus('')).toBe('Enter a whole number of GPUs');
    expect(gpus('4')).toBeUndefined();
  });
});
