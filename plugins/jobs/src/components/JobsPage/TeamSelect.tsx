import TextField from '@material-ui/core/TextField';

/** Which of the user's teams to show jobs of; '' for all of them. */
export function TeamSelect(props: {
  teams?: string[];
  team?: string;
  onChange: (team: string | undefined) => void;
}) {
  const { team, onChange } = props;
  const teams = props.teams ?? [];
  // a team named in the address but not among the user's can still be asked for (a 403 says why)
  const options = team && !teams.includes(team) ? [team, ...teams] : teams;
  return (
    <TextField
      id="jobs-team"
      select
      SelectProps={{ native: true }}
      label="Team"
      value={team ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      InputLabelProps={{ shrink: true }}
      style={{ minWidth: 220 }}
    >
      <option value="">All my teams</option>
      {options.map(name => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </TextField>
  );
}
