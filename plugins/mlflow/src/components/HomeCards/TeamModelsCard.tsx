import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Link } from '@backstage/core-components';
import { type Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ModelOverview } from '@internal/plugin-mlflow-common';
import {
  afterLoad,
  entityPagePath,
  errorMessage,
  HomeCard,
  LoadedContent,
} from '@internal/plugin-mlp-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlflowApiRef } from '../../api';
import { mlflowRefs } from '../shared/annotations';
import { formatMetric } from '../shared/format';
import { ownerTeam, useTeamComponents } from './useTeamModels';

type TeamModel = {
  entity: Entity;
  overview?: ModelOverview;
  problem?: string;
};

function aliasOf(overview: ModelOverview | undefined, alias: string) {
  return overview?.aliases.find(a => a.alias === alias)?.modelVersion;
}

function ModelRow(props: { item: TeamModel }) {
  const { entity, overview, problem } = props.item;
  const champion = aliasOf(overview, 'champion');
  const challenger = aliasOf(overview, 'challenger');
  const key = overview?.keyMetric;
  const value = key ? champion?.run?.metrics[key] : undefined;
  return (
    <TableRow data-testid={`team-model-${entity.metadata.name}`}>
      <TableCell>
        <Link to={entityPagePath(getCompoundEntityRef(entity))}>
          {entity.metadata.title ?? entity.metadata.name}
        </Link>
      </TableCell>
      <TableCell>{ownerTeam(entity)}</TableCell>
      {problem ? (
        <TableCell colSpan={3}>{problem}</TableCell>
      ) : (
        <>
          <TableCell>
            {champion ? (
              <Link to={champion.uiUrl}>v{champion.version}</Link>
            ) : (
              'none'
            )}
          </TableCell>
          <TableCell>
            {key && champion ? `${key} ${formatMetric(value)}` : '—'}
          </TableCell>
          <TableCell>{challenger ? `v${challenger.version}` : '—'}</TableCell>
        </>
      )}
    </TableRow>
  );
}

/**
 * Home: the registered models of the user's teams with the champion version, its key metric
 * (the registry's rule, the same as on the model page) and the challenger.
 */
export function TeamModelsCard(props: { teams: string[] }) {
  const api = useApi(mlflowApiRef);
  const components = useTeamComponents(props.teams);
  const models = useAsyncRetry(async (): Promise<TeamModel[] | undefined> => {
    if (!components.value) {
      return undefined;
    }
    const registered = components.value.filter(e => mlflowRefs(e).model);
    return Promise.all(
      registered.map(async entity => {
        const { server, model } = mlflowRefs(entity);
        try {
          return { entity, overview: await api.overview(server, model!) };
        } catch (e) {
          return { entity, problem: errorMessage(e) };
        }
      }),
    );
  }, [api, components.value]);
  const state = afterLoad(components, models);

  return (
    <HomeCard
      title="My teams' models"
      subheader="Champion and challenger in the MLflow registry"
      link={{
        to: '/catalog?filters[kind]=component&filters[type]=ml-model&filters[user]=all',
        label: 'All ML models',
      }}
    >
      <LoadedContent
        state={state}
        isEmpty={v => v.length === 0}
        empty="Your teams have no registered model in the catalog yet (the mlflow.org/registered-model annotation names one)."
      >
        {v => (
          <Table size="small" aria-label="My teams' models">
            <TableHead>
              <TableRow>
                <TableCell>Model</TableCell>
                <TableCell>Team</TableCell>
                <TableCell>Champion</TableCell>
                <TableCell>Key metric</TableCell>
                <TableCell>Challenger</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {v.map(item => (
                <ModelRow key={item.entity.metadata.name} item={item} />
              ))}
            </TableBody>
          </Table>
        )}
      </LoadedContent>
    </HomeCard>
  );
}
