import { LevelBar } from '@internal/plugin-mlp-react';

/** Above this share of the quota a team is close to having its jobs wait. */
export const HIGH_PRESSURE = 0.9;

/** How much of one GPU resource's quota is in use. */
export function UsageBar(props: {
  resource: string;
  used: number;
  hard: number;
}) {
  const { resource, used, hard } = props;
  const ratio = hard > 0 ? used / hard : 0;
  let level: 'normal' | 'high' | 'full' = 'normal';
  if (ratio >= 1) {
    level = 'full';
  } else if (ratio > HIGH_PRESSURE) {
    level = 'high';
  }
  return (
    <LevelBar
      ratio={ratio}
      level={level}
      label={`${resource}: ${used} of ${hard} GPUs in use`}
    />
  );
}
