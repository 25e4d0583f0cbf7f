import { aliasMoveTag } from '@internal/plugin-mlflow-common';
import Typography from '@material-ui/core/Typography';

/** No version is champion yet: how to name one in Python, and record when. */
export function NoChampion(props: { model: string }) {
  const { model } = props;
  const snippet = [
    `client.set_registered_model_alias("${model}", "champion", version)`,
    `client.set_registered_model_tag("${model}", "${aliasMoveTag(
      'champion',
    )}", f"{version}@{datetime.now(timezone.utc).isoformat()}")`,
  ].join('\n');
  return (
    <div data-testid="no-champion">
      <Typography>
        No version of {model} has the champion alias yet. Set it with MLflow's
        client, and record when with the tag, so the portal can say since when:
      </Typography>
      <Typography component="pre" variant="body2">
        {snippet}
      </Typography>
    </div>
  );
}
