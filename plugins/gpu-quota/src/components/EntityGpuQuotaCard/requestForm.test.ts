import { nlpTeam } from '../../__testUtils__/fixtures';
import { type RequestFormValues, validateRequestForm } from './requestForm';

const valid: RequestFormValues = {
  resource: 'nvidia.com/gpu',
  amount: '12',
  justification: 'fine-tune the support model before the release',
  duration: '3',
  unit: 'weeks',
};

describe('validateRequestForm', () => {
  it('builds the body of POST /requests, in days', () => {
    expect(validateRequestForm('nlp-team', valid, nlpTeam.resources)).toEqual({
      body: {
        team: 'nlp-team',
        resource: 'nvidia.com/gpu',
        amount: 12,
        justification: 'fine-tune the support model before the release',
        durationDays: 21,
      },
    });
  });

  it("names each field with the backend schema's rule", () => {
    expect(
      validateRequestForm(
        'nlp-team',
        { ...valid, amount: '', justification: 'gpus', duration: '14' },
        nlpTeam.resources,
      ),
    ).toEqual({
      errors: {
        amount: expect.stringMatching(/^New total is required/),
        justification: expect.stringMatching(/^Justification is too short/),
        duration: expect.stringMatching(/^Duration must be at most 90 days/),
      },
    });
  });

  it('wants a total above the current quota of the chosen resource', () => {
    const result = validateRequestForm(
      'nlp-team',
      { ...valid, resource: 'nvidia.com/mig-1g.10gb', amount: '2' },
      nlpTeam.resources,
    );
    expect(result).toEqual({
      errors: {
        amount: expect.stringContaining(
          'more than the 2 GPUs the team has now',
        ),
      },
    });
  });
});
