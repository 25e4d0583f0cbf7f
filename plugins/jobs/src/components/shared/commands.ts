/** The example submission the page and the CLI's own help show. */
export function trainCommand(team?: string): string {
  const teamFlag = team ? ` --team ${team}` : '';
  return `mlp train --name bert-finetuning --image ml-training:latest --script train.py --gpu 1 --memory 16Gi --timeout-hours 24${teamFlag}`;
}
